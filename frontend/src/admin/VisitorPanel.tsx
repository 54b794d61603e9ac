// Who the visitor is and where they are: the open chat's side panel, with the page kept live.
import { useEffect, useState } from 'react';
import { ApiError } from '../shared/api';
import type { Page, Visitor } from '../shared/types';
import { CustomerData } from './CustomerData';
import { useAdmin } from './hooks';
import type { AdminStore } from './store';
import type { Lang, Translate } from './strings';

const TRAIL = 20;
const REFRESH_MS = 30_000;

/** A page report for the same URL only refreshes the newest entry (as the server keeps it); any other is new. */
export function withPage(v: Visitor, page: Page): Visitor {
  const [head, ...rest] = v.pages;
  const pages = head && head.url === page.url ? [{ ...head, ...page }, ...rest] : [page, ...v.pages].slice(0, TRAIL);
  return { ...v, current_page: pages[0], pages, online: true, last_seen_at: page.at > v.last_seen_at ? page.at : v.last_seen_at };
}

export function localTime(now: number, timezone: string | null, lang: Lang): string | null {
  if (!timezone) return null;
  try {
    return new Intl.DateTimeFormat(lang, { timeZone: timezone, hour: '2-digit', minute: '2-digit', weekday: 'short' }).format(now);
  } catch {
    return null; // a time zone this browser does not know
  }
}

function dateTime(iso: string, lang: Lang): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' });
}

export function VisitorPanel({ store, chatId, onBack }: { store: AdminStore; chatId: number; onBack: () => void }) {
  const s = useAdmin(store);
  const t = store.t;
  const chat = s.chats[chatId];
  const [visitor, setVisitor] = useState<Visitor | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const readable = Boolean(chat && (!chat.admin || chat.admin.id === s.me?.id));

  useEffect(() => {
    if (!readable) return;
    let live = true;
    const load = () =>
      store.api.visitor(chatId).then(
        (v) => {
          if (!live) return;
          setVisitor(v);
          setError(null);
        },
        (e: unknown) => {
          if (live) setError(e instanceof ApiError && e.status === 403 ? store.t('chatForbidden') : store.t('visitorLoadFailed'));
        },
      );
    void load();
    // `online` has no event of its own: a slow poll keeps it honest while the page events keep the page live.
    const poll = setInterval(() => void load(), REFRESH_MS);
    const off = store.socket.on('visitor.page', (p) => {
      if (p.chat_id === chatId) setVisitor((v) => (v ? withPage(v, p.page) : v));
    });
    return () => {
      live = false;
      clearInterval(poll);
      off();
    };
  }, [store, chatId, readable]);

  useEffect(() => {
    if (readable) void store.loadMail();
  }, [store, readable]);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  const blocked = Boolean(chat?.blocked);
  const toggleBlock = async () => {
    setBusy(true);
    await store.setBlocked(chatId, !blocked);
    setBusy(false);
  };

  return (
    <aside className="visitor-panel" aria-labelledby={`visitor-h-${chatId}`}>
      <header className="visitor-header">
        <button type="button" className="btn-ghost back-to-chat" onClick={onBack} aria-label={t('backToChat')}>
          ←
        </button>
        <h2 id={`visitor-h-${chatId}`}>{t('visitorTitle')}</h2>
        {readable && visitor && (
          <span className={`presence ${visitor.online ? 'on' : 'off'}`}>
            <span className="presence-dot" aria-hidden="true" />
            {visitor.online ? t('online') : t('offline')}
          </span>
        )}
      </header>
      {readable && error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {readable && !visitor && !error && <p className="muted">{t('loading')}</p>}
      {readable && visitor && <VisitorDetails visitor={visitor} now={now} t={t} lang={s.lang} mailOff={s.mail?.enabled === false} />}
      {chat && readable && (
        <div className="block-box">
          <button type="button" className={blocked ? 'btn-secondary' : 'btn-danger'} disabled={busy} onClick={() => void toggleBlock()}>
            {blocked ? t('unblock') : t('block')}
          </button>
          {!blocked && <p className="muted small">{t('blockHint')}</p>}
          {blocked && <p className="blocked-note">⊘ {t('blockedBanner')}</p>}
        </div>
      )}
      {/* Any admin may export or erase a customer (the contract), so this shows whoever holds the chat. */}
      {chat && <CustomerData store={store} chat={chat} />}
    </aside>
  );
}

function VisitorDetails({ visitor, now, t, lang, mailOff }: { visitor: Visitor; now: number; t: Translate; lang: Lang; mailOff: boolean }) {
  const current = visitor.current_page;
  const attrs = Object.entries(visitor.attributes ?? {});
  const unknown = t('unknown');
  return (
    <div className="visitor-body">
      <section aria-labelledby="vp-current">
        <h3 id="vp-current">{t('currentPage')}</h3>
        {current ? <PageLink page={current} lang={lang} /> : <p className="muted">{t('noPages')}</p>}
      </section>
      <dl className="facts">
        <dt>{t('email')}</dt>
        <dd>
          {visitor.email ?? unknown}
          {mailOff && <span className="mail-note">{t('visitorMailOff')}</span>}
        </dd>
        <dt>{t('localTime')}</dt>
        <dd>
          {localTime(now, visitor.timezone, lang) ?? unknown}
          {visitor.timezone && <span className="muted small"> ({visitor.timezone})</span>}
        </dd>
        <dt>{t('visitorLanguage')}</dt>
        <dd>{visitor.language ?? unknown}</dd>
        <dt>{t('browser')}</dt>
        <dd title={visitor.user_agent ?? undefined}>{visitor.browser ?? unknown}</dd>
        <dt>{t('os')}</dt>
        <dd>{visitor.os ?? unknown}</dd>
        <dt>{t('firstSeen')}</dt>
        <dd>{dateTime(visitor.first_seen_at, lang)}</dd>
        <dt>{t('lastSeen')}</dt>
        <dd>{dateTime(visitor.last_seen_at, lang)}</dd>
      </dl>
      {attrs.length > 0 && (
        <section aria-labelledby="vp-attrs">
          <h3 id="vp-attrs">{t('attributes')}</h3>
          <dl className="facts">
            {attrs.map(([k, v]) => (
              <div key={k} className="fact">
                <dt>{k}</dt>
                <dd>{String(v)}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      <section aria-labelledby="vp-trail">
        <h3 id="vp-trail">{t('pageTrail')}</h3>
        {visitor.pages.length === 0 ? (
          <p className="muted">{t('noPages')}</p>
        ) : (
          <ol className="trail">
            {visitor.pages.map((p, i) => (
              <li key={`${p.url}-${p.at}-${i}`}>
                <PageLink page={p} lang={lang} />
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

/** Only http(s) URLs become links (the server refuses others, and a link must never run script). */
function PageLink({ page, lang }: { page: Page; lang: Lang }) {
  let href: string | undefined;
  try {
    const u = new URL(page.url);
    if (u.protocol === 'http:' || u.protocol === 'https:') href = u.href;
  } catch {
    href = undefined;
  }
  const label = page.title || page.url;
  return (
    <span className="visit">
      {href ? (
        <a href={href} target="_blank" rel="noopener noreferrer" className="page-title">
          {label}
        </a>
      ) : (
        <span className="page-title">{label}</span>
      )}
      <span className="page-url">{page.url}</span>
      <time className="page-at" dateTime={page.at}>
        {dateTime(page.at, lang)}
      </time>
    </span>
  );
}
