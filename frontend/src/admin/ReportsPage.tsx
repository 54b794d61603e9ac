// The reports page (API.md v1.1, issue 15): a range in a time zone, number cards, chats per day,
// visitors' messages by weekday and hour, the team table and the CSV. Loaded on its own (React.lazy in
// App.tsx) so the chart library never weighs on the rest of the panel. Every picture has its numbers
// in a table that screen readers reach.
import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { ApiError } from '../shared/api';
import type { Percentiles, Report } from '../shared/types';
import { getReport, reportCsvPath } from './adminApi';
import { DayChart, RESOLVED_COLOR, STARTED_COLOR, type DayPoint } from './DayChart';
import { useAdmin } from './hooks';
import {
  browserTimeZone,
  heatLevel,
  humanDuration,
  presetRange,
  PRESETS,
  reportQuery,
  shortDate,
  timeZones,
  validDate,
  weekdayNames,
  type Preset,
  type Range,
} from './reportRange';
import type { AdminStore } from './store';
import { reportT, type ReportKey, type ReportT } from './reportStrings';
import type { Lang } from './strings';
import './reports.css';

const PRESET_LABEL: Record<Preset, ReportKey> = { today: 'presetToday', '7d': 'preset7', '30d': 'preset30' };
const HOURS = Array.from({ length: 24 }, (_, h) => h);

function reason(e: unknown): string {
  if (e instanceof ApiError) return e.detail || `HTTP ${e.status}`;
  return e instanceof Error ? e.message : String(e);
}

export default function ReportsPage({ store, now }: { store: AdminStore; now?: () => Date }) {
  const s = useAdmin(store);
  const lang = s.lang;
  const t = useMemo(() => reportT(lang), [lang]);
  const id = useId();
  const [tz, setTz] = useState(browserTimeZone);
  const [preset, setPreset] = useState<Preset | null>('7d');
  const [custom, setCustom] = useState<Range>(() => presetRange('7d', browserTimeZone(), now?.()));
  const range = preset ? presetRange(preset, tz, now?.()) : custom;
  const valid = validDate(range.from) && validDate(range.to) && range.from <= range.to;
  const query = valid ? reportQuery(range, tz) : null;
  const zones = useMemo(() => timeZones(browserTimeZone(), tz), [tz]);

  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [csvBusy, setCsvBusy] = useState(false);
  const [csvError, setCsvError] = useState<string | null>(null);
  const seq = useRef(0);

  useEffect(() => {
    if (!query) return;
    const mine = ++seq.current;
    setLoading(true);
    setError(null);
    getReport(store.api, query).then(
      (r) => {
        if (mine !== seq.current) return;
        setReport(r);
        setLoading(false);
      },
      (e: unknown) => {
        if (mine !== seq.current) return;
        setLoading(false);
        setError(e instanceof ApiError && e.status === 403 ? reportT(store.state.lang)('reportForbidden') : reportT(store.state.lang)('reportLoadFailed', { reason: reason(e) }));
      },
    );
  }, [store, query]);

  const pickDate = (field: keyof Range, value: string) => {
    setPreset(null);
    setCustom({ ...range, [field]: value });
  };

  const downloadCsv = async () => {
    if (!query) return;
    setCsvBusy(true);
    setCsvError(null);
    try {
      await store.download(reportCsvPath(query), `parley-chats-${range.from}_${range.to}.csv`);
    } catch (e) {
      setCsvError(reportT(store.state.lang)('csvFailed', { reason: reason(e) }));
    } finally {
      setCsvBusy(false);
    }
  };

  return (
    <section className="page reports-page" aria-labelledby={`${id}-h`} aria-busy={loading}>
      <h1 id={`${id}-h`}>{t('reportsTitle')}</h1>
      <p className="muted">{t('reportsIntro')}</p>
      <div className="report-toolbar">
        <div className="preset-group" role="group" aria-label={t('reportRange')}>
          {PRESETS.map((p) => (
            <button key={p} type="button" aria-pressed={preset === p} className={preset === p ? 'on' : ''} onClick={() => setPreset(p)}>
              {t(PRESET_LABEL[p])}
            </button>
          ))}
        </div>
        {/* Labels by id, not wrapping: a wrapped select's name would take in its chosen option. */}
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('rangeFrom')}</label>
          <input id={`${id}-from`} type="date" value={range.from} max={range.to || undefined} onChange={(e) => pickDate('from', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('rangeTo')}</label>
          <input id={`${id}-to`} type="date" value={range.to} min={range.from || undefined} onChange={(e) => pickDate('to', e.target.value)} />
        </div>
        <div className="field tz-field">
          <label htmlFor={`${id}-tz`}>{t('timeZone')}</label>
          <select id={`${id}-tz`} value={tz} onChange={(e) => setTz(e.target.value)}>
            {zones.map((z) => (
              <option key={z} value={z}>
                {z.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="btn-secondary csv-button" disabled={!query || csvBusy} onClick={() => void downloadCsv()}>
          <span aria-hidden="true">⤓ </span>
          {csvBusy ? t('downloading') : t('downloadCsv')}
        </button>
      </div>
      {!valid && (
        <p className="form-error" role="alert">
          {t('rangeInvalid')}
        </p>
      )}
      {csvError && (
        <p className="form-error" role="alert">
          {csvError}
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {!report && loading && <p className="muted">{store.t('loading')}</p>}
      {report && <ReportBody report={report} t={t} lang={lang} />}
    </section>
  );
}

function NoData({ t }: { t: ReportT }) {
  return (
    <span className="no-data">
      <span aria-hidden="true">—</span>
      <span className="sr-only">{t('noData')}</span>
    </span>
  );
}

function ReportBody({ report, t, lang }: { report: Report; t: ReportT; lang: Lang }) {
  const num = new Intl.NumberFormat(lang);
  const days = useMemo<DayPoint[]>(
    () => report.days.map((d) => ({ label: shortDate(d.date, lang), started: d.chats_started, resolved: d.chats_resolved })),
    [report, lang],
  );
  const labels = useMemo(() => ({ started: t('seriesStarted'), resolved: t('seriesResolved') }), [t]);
  return (
    <div className="report">
      <p className="report-range" aria-live="polite">
        {t('rangeSummary', { from: longDate(report.from, lang), to: longDate(report.to, lang), tz: report.tz })}
      </p>
      <section aria-labelledby="rep-cards">
        <h2 id="rep-cards" className="sr-only">
          {t('reportNumbers')}
        </h2>
        <dl className="cards">
          <Card label={t('cardStarted')} value={num.format(report.chats_started)} />
          <Card label={t('cardResolved')} value={num.format(report.chats_resolved)} />
          <DurationCard label={t('cardFirstResponse')} p={report.first_response_seconds} t={t} lang={lang} />
          <DurationCard label={t('cardResolution')} p={report.resolution_seconds} t={t} lang={lang} />
          <Card
            label={t('cardRating')}
            value={report.csat.average === null ? <NoData t={t} /> : t('ratingAverage', { avg: ratingNumber(report.csat.average, lang) })}
            sub={t('ratingCount', { n: num.format(report.csat.count) })}
          />
          <Card
            label={t('cardMessages')}
            value={num.format(report.messages_from_customers + report.messages_from_admins)}
            sub={t('messagesSplit', { customers: num.format(report.messages_from_customers), admins: num.format(report.messages_from_admins) })}
          />
        </dl>
      </section>
      <DaysSection report={report} days={days} labels={labels} t={t} lang={lang} />
      <HeatSection report={report} t={t} lang={lang} />
      <AdminsSection report={report} t={t} lang={lang} />
      <ScoresSection report={report} t={t} lang={lang} />
    </div>
  );
}

function Card({ label, value, sub }: { label: string; value: ReactNode; sub?: ReactNode }) {
  return (
    <div className="card">
      <dt>{label}</dt>
      <dd>
        <span className="card-value">{value}</span>
        {sub && <span className="card-sub">{sub}</span>}
      </dd>
    </div>
  );
}

function DurationCard({ label, p, t, lang }: { label: string; p: Percentiles | null; t: ReportT; lang: Lang }) {
  const p50 = p?.p50 ?? null;
  const p90 = p?.p90 ?? null;
  return (
    <Card
      label={label}
      value={
        p50 === null ? (
          <NoData t={t} />
        ) : (
          <>
            {humanDuration(p50, lang)} <span className="card-unit">{t('medianLabel')}</span>
          </>
        )
      }
      sub={p90 === null ? null : t('p90Label', { time: humanDuration(p90, lang) })}
    />
  );
}

function DaysSection({
  report,
  days,
  labels,
  t,
  lang,
}: {
  report: Report;
  days: DayPoint[];
  labels: { started: string; resolved: string };
  t: ReportT;
  lang: Lang;
}) {
  const [open, setOpen] = useState(false);
  const tableId = useId();
  const num = new Intl.NumberFormat(lang);
  const total = report.days.reduce((a, d) => ({ s: a.s + d.chats_started, r: a.r + d.chats_resolved, m: a.m + d.messages }), { s: 0, r: 0, m: 0 });
  return (
    <section className="report-section" aria-labelledby="rep-days">
      <div className="section-head">
        <h2 id="rep-days">{t('chartDays')}</h2>
        <ul className="legend" aria-hidden="true">
          <li>
            <span className="swatch" style={{ background: STARTED_COLOR }} />
            {labels.started}
          </li>
          <li>
            <span className="swatch" style={{ background: RESOLVED_COLOR }} />
            {labels.resolved}
          </li>
        </ul>
      </div>
      <figure className="chart-figure">
        <DayChart days={days} labels={labels} />
        <figcaption className="sr-only">{t('chartAlt', { started: total.s, resolved: total.r, n: report.days.length })}</figcaption>
      </figure>
      <button type="button" className="btn-ghost numbers-toggle" aria-expanded={open} aria-controls={tableId} onClick={() => setOpen((v) => !v)}>
        {open ? t('hideNumbers') : t('showNumbers')}
      </button>
      {/* Folded away only from sight: screen readers always have the numbers. */}
      <div id={tableId} className={open ? 'table-wrap' : 'sr-only'}>
        <table className="data-table">
          <caption className="sr-only">{t('chartDays')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('colDate')}</th>
              <th scope="col">{t('seriesStarted')}</th>
              <th scope="col">{t('seriesResolved')}</th>
              <th scope="col">{t('colMessages')}</th>
            </tr>
          </thead>
          <tbody>
            {report.days.map((d) => (
              <tr key={d.date}>
                <th scope="row">{longDate(d.date, lang)}</th>
                <td>{num.format(d.chats_started)}</td>
                <td>{num.format(d.chats_resolved)}</td>
                <td>{num.format(d.messages)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('colTotal')}</th>
              <td>{num.format(total.s)}</td>
              <td>{num.format(total.r)}</td>
              <td>{num.format(total.m)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}

/** The heat map is itself a table: each cell's shade is its number's share of the busiest hour. */
function HeatSection({ report, t, lang }: { report: Report; t: ReportT; lang: Lang }) {
  const rows = report.hours.length === 7 ? report.hours : Array.from({ length: 7 }, (_, i) => report.hours[i] ?? []);
  const max = Math.max(0, ...rows.flat());
  const short = weekdayNames(lang, 'short');
  const long = weekdayNames(lang, 'long');
  const num = new Intl.NumberFormat(lang);
  return (
    <section className="report-section" aria-labelledby="rep-heat">
      <h2 id="rep-heat">{t('heatTitle')}</h2>
      <p className="muted small heat-caption">
        {t('heatCaption', { tz: report.tz })}
        {max === 0 && (
          <>
            {' '}
            <NoData t={t} />
          </>
        )}
      </p>
      <div className="heat-wrap" role="group" aria-labelledby="rep-heat" tabIndex={0}>
        <table className="heat">
          <caption className="sr-only">{t('heatTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">
                <span className="sr-only">{t('colWeekday')}</span>
              </th>
              {HOURS.map((h) => (
                <th key={h} scope="col">
                  {String(h).padStart(2, '0')}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, d) => (
              <tr key={d}>
                <th scope="row">
                  <abbr title={long[d]}>{short[d]}</abbr>
                </th>
                {HOURS.map((h) => {
                  const n = row[h] ?? 0;
                  const level = heatLevel(n, max);
                  return (
                    <td key={h} className={`heat-${level}`} title={`${long[d]} ${String(h).padStart(2, '0')}:00 · ${num.format(n)}`}>
                      {n > 0 ? num.format(n) : <span className="sr-only">0</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="heat-legend" aria-hidden="true">
        {t('heatFewer')}
        {[0, 1, 2, 3, 4].map((l) => (
          <span key={l} className={`swatch heat-${l}`} />
        ))}
        {t('heatMore')}
      </p>
    </section>
  );
}

function AdminsSection({ report, t, lang }: { report: Report; t: ReportT; lang: Lang }) {
  const num = new Intl.NumberFormat(lang);
  return (
    <section className="report-section" aria-labelledby="rep-admins">
      <h2 id="rep-admins">{t('adminsTitle')}</h2>
      {report.admins.length === 0 ? (
        <p className="muted">{t('adminsEmpty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('colAdmin')}</th>
                <th scope="col">{t('colResolved')}</th>
                <th scope="col">{t('colMessages')}</th>
                <th scope="col">{t('colFirstResponse')}</th>
              </tr>
            </thead>
            <tbody>
              {report.admins.map((a) => (
                <tr key={a.admin.id}>
                  <th scope="row">{a.admin.display_name}</th>
                  <td>{num.format(a.chats_resolved)}</td>
                  <td>{num.format(a.messages)}</td>
                  <td>{a.first_response_p50 === null ? <NoData t={t} /> : humanDuration(a.first_response_p50, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ScoresSection({ report, t, lang }: { report: Report; t: ReportT; lang: Lang }) {
  const num = new Intl.NumberFormat(lang);
  const counts = [5, 4, 3, 2, 1].map((score) => ({ score, n: report.csat.by_score[String(score)] ?? 0 }));
  const max = Math.max(0, ...counts.map((c) => c.n));
  return (
    <section className="report-section" aria-labelledby="rep-scores">
      <h2 id="rep-scores">{t('byScore')}</h2>
      {report.csat.count === 0 ? (
        <p className="muted">
          <NoData t={t} />
        </p>
      ) : (
        <table className="scores">
          <tbody>
            {counts.map((c) => (
              <tr key={c.score}>
                <th scope="row">
                  <span aria-hidden="true">{'★'.repeat(c.score)}</span>
                  <span className="sr-only">{t('scoreN', { n: c.score })}</span>
                </th>
                <td className="score-bar-cell">
                  <span className="score-bar" style={{ width: `${max ? (c.n / max) * 100 : 0}%` }} />
                </td>
                <td className="score-n">{num.format(c.n)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ratingNumber(avg: number, lang: Lang): string {
  return new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(avg);
}

function longDate(date: string, lang: Lang): string {
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return date;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}
