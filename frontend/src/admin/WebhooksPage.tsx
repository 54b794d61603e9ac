// Webhook endpoints: add one (its signing secret shown once, with Copy), switch it on and off,
// send a test ping, read its delivery log and retry what died, delete it.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../shared/api';
import {
  createWebhook,
  deleteWebhook,
  listDeliveries,
  listWebhooks,
  retryDelivery,
  testWebhook,
  updateWebhook,
  WEBHOOK_EVENTS,
  type Delivery,
  type DeliveryStatus,
  type Webhook,
} from './adminApi';
import { useT } from './hooks';
import type { AdminStore } from './store';
import type { Lang, StringKey, Translate } from './strings';

/** After a Test or a Retry the log is read again a few times, so the outcome shows without a click. */
const FOLLOW_MS = 1500;
const FOLLOW_TIMES = 10;

export const DELIVERY_STATUS: Record<DeliveryStatus, StringKey> = {
  pending: 'statusPending',
  delivered: 'statusDelivered',
  failed: 'statusFailed',
  dead: 'statusDead',
};

export function when(iso: string | null, lang: Lang): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(lang, { dateStyle: 'short', timeStyle: 'medium' });
}

export function WebhooksPage({ store }: { store: AdminStore }) {
  const t = useT(store);
  const [items, setItems] = useState<Webhook[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<Webhook | null>(null);

  useEffect(() => {
    let live = true;
    listWebhooks(store.api).then(
      (page) => live && setItems(page.items),
      () => live && setError(store.t('webhooksLoadFailed')),
    );
    return () => {
      live = false;
    };
  }, [store]);

  const put = (hook: Webhook) =>
    setItems((list) => {
      const rest = (list ?? []).filter((h) => h.id !== hook.id);
      // The list never keeps a secret: it is shown once, in its own box.
      const shown: Webhook = { id: hook.id, url: hook.url, events: hook.events, enabled: hook.enabled, created_at: hook.created_at };
      return [shown, ...rest].sort((a, b) => b.id - a.id);
    });

  return (
    <section className="page webhooks-page" aria-labelledby="webhooks-title">
      <h1 id="webhooks-title">{t('webhooksTitle')}</h1>
      <p className="muted">{t('webhooksIntro')}</p>
      <HookForm
        store={store}
        t={t}
        onCreated={(hook) => {
          setCreated(hook);
          put(hook);
        }}
      />
      {created?.secret && <SecretBox hook={created} t={t} onDone={() => setCreated(null)} />}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {items && items.length === 0 && <p className="muted">{t('webhooksEmpty')}</p>}
      {items === null && !error && <p className="muted">{t('loading')}</p>}
      {items && items.length > 0 && (
        <ul className="hook-list">
          {items.map((hook) => (
            <HookItem
              key={hook.id}
              store={store}
              hook={hook}
              t={t}
              onChange={put}
              onDeleted={(id) => setItems((list) => (list ?? []).filter((h) => h.id !== id))}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function HookForm({ store, t, onCreated }: { store: AdminStore; t: Translate; onCreated: (hook: Webhook) => void }) {
  const urlId = useId();
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>(['chat.created', 'message.created']);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!events.length) {
      setError(t('webhookNeedEvent'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const hook = await createWebhook(store.api, { url: url.trim(), events });
      onCreated(hook);
      setUrl('');
    } catch (err) {
      setError(t('webhookCreateFailed', { reason: err instanceof ApiError ? err.detail : String(err) }));
    } finally {
      setBusy(false);
    }
  };
  const toggle = (ev: string, on: boolean) => setEvents((list) => (on ? [...list, ev] : list.filter((x) => x !== ev)));
  return (
    <form className="canned-form hook-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${urlId}-title`}>
      <h2 id={`${urlId}-title`} className="small">
        {t('webhookAdd')}
      </h2>
      <label htmlFor={urlId}>{t('webhookUrl')}</label>
      <input
        id={urlId}
        type="url"
        required
        inputMode="url"
        placeholder="https://example.com/parley-hook"
        value={url}
        onChange={(e) => setUrl(e.target.value)}
      />
      <fieldset>
        <legend>{t('webhookEvents')}</legend>
        {WEBHOOK_EVENTS.map((ev) => (
          <label key={ev} className="check">
            <input type="checkbox" checked={events.includes(ev)} onChange={(e) => toggle(ev, e.target.checked)} />
            {ev}
          </label>
        ))}
      </fieldset>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="btn-primary" disabled={busy}>
        {t('webhookCreate')}
      </button>
    </form>
  );
}

function SecretBox({ hook, t, onDone }: { hook: Webhook; t: Translate; onDone: () => void }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  useEffect(() => box.current?.focus(), []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(hook.secret ?? '');
      setCopied('yes');
    } catch {
      input.current?.select();
      setCopied('no');
    }
  };
  return (
    <div className="secret-box" role="region" aria-labelledby={`${id}-title`} tabIndex={-1} ref={box}>
      <h2 id={`${id}-title`}>{t('webhookSecretTitle', { url: hook.url })}</h2>
      <p>{t('webhookSecretText')}</p>
      <div className="secret-row">
        <label htmlFor={id} className="sr-only">
          {t('webhookSecretLabel')}
        </label>
        <input id={id} ref={input} readOnly value={hook.secret ?? ''} onFocus={(e) => e.target.select()} />
        <button type="button" className="btn-secondary" onClick={() => void copy()}>
          {t('copy')}
        </button>
        <button type="button" className="btn-secondary" onClick={onDone}>
          {t('done')}
        </button>
      </div>
      <p className="small" aria-live="polite">
        {copied === 'yes' ? t('copied') : copied === 'no' ? t('copyFailed') : ''}
      </p>
    </div>
  );
}

function HookItem({
  store,
  hook,
  t,
  onChange,
  onDeleted,
}: {
  store: AdminStore;
  hook: Webhook;
  t: Translate;
  onChange: (hook: Webhook) => void;
  onDeleted: (id: number) => void;
}) {
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [follow, setFollow] = useState(0);
  const logId = useId();
  // The switch follows the click at once; the server's answer confirms it (and the item's look, which
  // shows what is saved), a failure puts it back with a message.
  const [asked, setAsked] = useState<boolean | null>(null);
  const latest = useRef(0);
  const enabled = asked ?? hook.enabled;

  const setEnabled = async (next: boolean) => {
    const n = ++latest.current;
    setError(null);
    setAsked(next);
    try {
      const saved = await updateWebhook(store.api, hook.id, { enabled: next });
      if (n === latest.current) onChange(saved);
    } catch {
      if (n === latest.current) setError(t('webhookUpdateFailed'));
    } finally {
      if (n === latest.current) setAsked(null);
    }
  };
  const test = async () => {
    setError(null);
    try {
      await testWebhook(store.api, hook.id);
      setStatus(t('webhookTestSent'));
      setOpen(true);
      setFollow((n) => n + 1);
    } catch {
      setError(t('webhookTestFailed'));
    }
  };
  const remove = async () => {
    try {
      await deleteWebhook(store.api, hook.id);
      onDeleted(hook.id);
    } catch {
      setError(t('webhookDeleteFailed'));
      setConfirming(false);
    }
  };

  return (
    <li className={`hook ${hook.enabled ? '' : 'hook-disabled'}`} aria-labelledby={`${logId}-url`}>
      <p className="hook-url" id={`${logId}-url`}>
        {hook.url}
      </p>
      <ul className="hook-events" aria-label={t('webhookEvents')}>
        {hook.events.map((ev) => (
          <li key={ev}>{ev}</li>
        ))}
      </ul>
      <div className="hook-actions">
        <label className="toggle">
          <input type="checkbox" checked={enabled} onChange={(e) => void setEnabled(e.target.checked)} />
          {t('webhookEnabled')}
        </label>
        <button type="button" className="btn-secondary" onClick={() => void test()}>
          {t('webhookTest')}
        </button>
        <button type="button" className="btn-secondary" aria-expanded={open} aria-controls={logId} onClick={() => setOpen((v) => !v)}>
          {open ? t('deliveriesHide') : t('deliveriesShow')}
        </button>
        {confirming ? (
          <>
            <span>{t('webhookDeleteConfirm')}</span>
            <button type="button" className="btn-danger" onClick={() => void remove()}>
              {t('webhookDeleteYes')}
            </button>
            <button type="button" className="btn-secondary" onClick={() => setConfirming(false)}>
              {t('cancel')}
            </button>
          </>
        ) : (
          <button type="button" className="btn-secondary danger" onClick={() => setConfirming(true)}>
            {t('webhookDelete')}
          </button>
        )}
        <span className="hook-status" role="status">
          {status}
        </span>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div id={logId} hidden={!open}>
        {open && <DeliveryLog store={store} hookId={hook.id} follow={follow} onFollow={() => setFollow((n) => n + 1)} t={t} />}
      </div>
    </li>
  );
}

function DeliveryLog({
  store,
  hookId,
  follow,
  onFollow,
  t,
}: {
  store: AdminStore;
  hookId: number;
  follow: number;
  onFollow: () => void;
  t: Translate;
}) {
  const [items, setItems] = useState<Delivery[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const lang = store.state.lang;
  const titleId = useId();

  const load = async () => {
    try {
      const page = await listDeliveries(store.api, hookId);
      setItems(page.items);
      setError(null);
      return page.items;
    } catch {
      setError(t('deliveriesLoadFailed'));
      return null;
    }
  };

  useEffect(() => {
    let live = true;
    let n = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      if (!live) return;
      const list = await load();
      n += 1;
      const busy = list?.some((d) => d.status === 'pending' || d.status === 'failed');
      // Follow a fresh Test or Retry until nothing is waiting, then stop asking.
      if (live && follow > 0 && n < FOLLOW_TIMES && (busy || list?.length === 0)) timer = setTimeout(() => void tick(), FOLLOW_MS);
    };
    void tick();
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
  }, [store, hookId, follow]);

  const retry = async (d: Delivery) => {
    try {
      await retryDelivery(store.api, hookId, d.id);
      setNote(t('retryQueued'));
      onFollow();
    } catch (e) {
      setNote(e instanceof ApiError && e.detail ? `${t('retryFailed')}: ${e.detail}` : t('retryFailed'));
    }
  };

  return (
    <div className="deliveries" aria-labelledby={titleId}>
      <div className="deliveries-head">
        <h3 id={titleId}>{t('deliveries')}</h3>
        <button type="button" className="btn-ghost" onClick={() => void load()}>
          {t('refresh')}
        </button>
        <span className="small" role="status">
          {note}
        </span>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {items && items.length === 0 && <p className="muted">{t('deliveriesEmpty')}</p>}
      {items && items.length > 0 && (
        <ul className="delivery-list">
          {items.map((d) => (
            <li key={d.id} className={`delivery delivery-${d.status}`}>
              <dl>
                <div>
                  <dt>{t('deliveryType')}</dt>
                  <dd>
                    <code>{d.type}</code>
                  </dd>
                </div>
                <div>
                  <dt>{t('deliveryStatus')}</dt>
                  <dd>
                    <span className={`status status-${d.status}`}>{t(DELIVERY_STATUS[d.status] ?? 'statusPending')}</span>
                  </dd>
                </div>
                <div>
                  <dt>{t('deliveryAttempts')}</dt>
                  <dd>{d.attempts}</dd>
                </div>
                <div>
                  <dt>{t('deliveryResponse')}</dt>
                  <dd>{d.response_status ?? t('noResponse')}</dd>
                </div>
                <div>
                  <dt>{t('deliveryTime')}</dt>
                  <dd>
                    <time dateTime={d.delivered_at ?? d.created_at}>{when(d.delivered_at ?? d.created_at, lang)}</time>
                  </dd>
                </div>
                {d.last_error && (
                  <div>
                    <dt>{t('deliveryError')}</dt>
                    <dd>{d.last_error}</dd>
                  </div>
                )}
              </dl>
              {(d.status === 'dead' || d.status === 'failed') && (
                <button type="button" className="btn-secondary" onClick={() => void retry(d)}>
                  {t('retryDelivery')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
