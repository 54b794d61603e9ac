// Email status (on, or plainly off and why) and the outbox's delivery problems, with Retry.
import { useEffect, useId, useState } from 'react';
import { ApiError } from '../shared/api';
import { listOutbox, retryOutbox, type OutboxRow, type OutboxStatus } from './adminApi';
import { useAdmin } from './hooks';
import type { AdminStore } from './store';
import type { StringKey, Translate } from './strings';
import { when } from './WebhooksPage';

const FILTERS: { status: OutboxStatus; label: StringKey }[] = [
  { status: 'dead', label: 'outboxDead' },
  { status: 'failed', label: 'outboxFailed' },
  { status: 'pending', label: 'outboxPending' },
];

export function MailPage({ store }: { store: AdminStore }) {
  const s = useAdmin(store);
  const t = store.t;
  const [mailError, setMailError] = useState(false);

  useEffect(() => {
    void store.loadMail(true).then((m) => setMailError(m === null));
  }, [store]);

  return (
    <section className="page mail-page" aria-labelledby="mail-title">
      <h1 id="mail-title">{t('mailTitle')}</h1>
      {s.mail ? <MailStatusBox store={store} t={t} /> : mailError ? <p className="form-error">{t('mailLoadFailed')}</p> : <p className="muted">{t('loading')}</p>}
      <Problems store={store} t={t} />
    </section>
  );
}

function MailStatusBox({ store, t }: { store: AdminStore; t: Translate }) {
  const mail = useAdmin(store).mail;
  if (!mail) return null;
  if (!mail.enabled) return <p className="mail-box mail-off">{t('mailOff')}</p>;
  return (
    <div className="mail-box">
      <p>{t('mailOn')}</p>
      <dl>
        <dt>{t('mailFrom')}</dt>
        <dd>{mail.mail_from}</dd>
        <dt>{t('mailTeam')}</dt>
        <dd>{mail.team_email ?? t('mailTeamNone')}</dd>
        {mail.dev_inbox && (
          <>
            <dt>{t('mailDevInbox')}</dt>
            <dd>{mail.dev_inbox}</dd>
          </>
        )}
      </dl>
    </div>
  );
}

function Problems({ store, t }: { store: AdminStore; t: Translate }) {
  const lang = useAdmin(store).lang;
  const filterId = useId();
  const [status, setStatus] = useState<OutboxStatus>('dead');
  const [items, setItems] = useState<OutboxRow[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState('');

  useEffect(() => {
    let live = true;
    setItems(null);
    listOutbox(store.api, status).then(
      (page) => {
        if (!live) return;
        setItems(page.items);
        setNext(page.next_before);
        setError(null);
      },
      () => live && setError(store.t('problemsLoadFailed')),
    );
    return () => {
      live = false;
    };
  }, [store, status]);

  const more = async () => {
    if (!next) return;
    try {
      const page = await listOutbox(store.api, status, next);
      setItems((list) => [...(list ?? []), ...page.items.filter((r) => !(list ?? []).some((x) => x.id === r.id))]);
      setNext(page.next_before);
    } catch {
      setError(t('problemsLoadFailed'));
    }
  };

  const retry = async (row: OutboxRow) => {
    try {
      await retryOutbox(store.api, row.id);
      // Back in the queue: it no longer belongs to the dead (or failed) list shown here.
      setItems((list) => (list ?? []).filter((r) => r.id !== row.id));
      setNote(t('retryQueued'));
    } catch (e) {
      setNote(e instanceof ApiError && e.detail ? `${t('retryFailed')}: ${e.detail}` : t('retryFailed'));
    }
  };

  return (
    <section className="problems" aria-labelledby={`${filterId}-title`}>
      <h2 id={`${filterId}-title`}>{t('problemsTitle')}</h2>
      <p className="muted">{t('problemsIntro')}</p>
      <div className="filter-row">
        <label htmlFor={filterId}>{t('problemsFilter')}</label>
        <select id={filterId} value={status} onChange={(e) => setStatus(e.target.value as OutboxStatus)}>
          {FILTERS.map((f) => (
            <option key={f.status} value={f.status}>
              {t(f.label)}
            </option>
          ))}
        </select>
        <span className="small" role="status">
          {note}
        </span>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {items && items.length === 0 && <p className="muted">{t('problemsEmpty')}</p>}
      {items && items.length > 0 && (
        <ul className="outbox-list">
          {items.map((row) => (
            <li key={row.id} className="outbox-row">
              <p className="outbox-summary">
                <span className={`status status-${row.status}`}>{row.kind === 'email' ? t('kindEmail') : t('kindWebhook')}</span> {row.summary}
              </p>
              <dl>
                <div>
                  <dt>{t('deliveryAttempts')}</dt>
                  <dd>{row.attempts}</dd>
                </div>
                <div>
                  <dt>{t('created')}</dt>
                  <dd>
                    <time dateTime={row.created_at}>{when(row.created_at, lang)}</time>
                  </dd>
                </div>
                {row.next_attempt_at && row.status !== 'dead' && (
                  <div>
                    <dt>{t('nextAttempt')}</dt>
                    <dd>
                      <time dateTime={row.next_attempt_at}>{when(row.next_attempt_at, lang)}</time>
                    </dd>
                  </div>
                )}
                {row.last_error && (
                  <div>
                    <dt>{t('deliveryError')}</dt>
                    <dd>{row.last_error}</dd>
                  </div>
                )}
              </dl>
              {(row.status === 'dead' || row.status === 'failed') && (
                <button type="button" className="btn-secondary" onClick={() => void retry(row)}>
                  {t('retryDelivery')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {next && (
        <button type="button" className="load-more" onClick={() => void more()}>
          {t('loadMore')}
        </button>
      )}
    </section>
  );
}
