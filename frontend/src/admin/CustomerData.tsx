// The customer's data in the owner's hands (issue 15): export it as JSON, or erase it after a
// confirmation that names the customer and wants the name typed, so no stray click erases anyone.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../shared/api';
import type { Chat } from '../shared/types';
import { customerExportPath } from './adminApi';
import type { AdminStore } from './store';
import type { Translate } from './strings';

const FOCUSABLE = 'button:not(:disabled), [href], input, select, textarea, [tabindex]:not([tabindex="-1"])';

function customerName(chat: Chat, t: Translate): string {
  return chat.customer.display_name.trim() || t('visitorNumber', { id: chat.customer.id });
}

export function CustomerData({ store, chat }: { store: AdminStore; chat: Chat }) {
  const t = store.t;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const headingId = useId();

  const exportData = async () => {
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await store.download(customerExportPath(chat.customer.id), `parley-customer-${chat.customer.id}.json`);
      setDone(true);
    } catch (e) {
      setError(t('exportFailed', { reason: e instanceof ApiError ? e.detail : e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="privacy-box" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('privacyTitle')}</h3>
      <p className="muted small">{t('privacyHint')}</p>
      <div className="privacy-buttons">
        <button type="button" className="btn-secondary" disabled={busy} onClick={() => void exportData()}>
          <span aria-hidden="true">⤓ </span>
          {t('exportData')}
        </button>
        <button type="button" className="btn-secondary danger" onClick={() => setConfirming(true)}>
          {t('eraseCustomer')}
        </button>
      </div>
      <p className="sr-only" aria-live="polite">
        {done ? t('exportDone') : ''}
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {confirming && <EraseDialog store={store} chat={chat} onClose={() => setConfirming(false)} />}
    </section>
  );
}

function EraseDialog({ store, chat, onClose }: { store: AdminStore; chat: Chat; onClose: () => void }) {
  const t = store.t;
  const name = customerName(chat, t);
  const who = chat.customer.is_guest ? t('guestVisitor', { id: chat.customer.id }) : t('customerHandle', { username: chat.customer.username ?? '' });
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const textId = useId();
  const inputId = useId();
  const matches = typed.trim().toLocaleLowerCase() === name.toLocaleLowerCase();

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    input.current?.focus();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const onKey = useRef<(e: globalThis.KeyboardEvent) => void>(() => undefined);
  onKey.current = (e) => {
    if (e.key === 'Escape' && !busy) {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    } else if (e.key === 'Tab') {
      const nodes = Array.from(ref.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? []);
      if (!nodes.length) return;
      const first = nodes[0];
      const last = nodes[nodes.length - 1];
      const inside = ref.current?.contains(document.activeElement) ?? false;
      if (e.shiftKey && (document.activeElement === first || !inside)) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && (document.activeElement === last || !inside)) {
        e.preventDefault();
        first.focus();
      }
    }
  };
  useEffect(() => {
    const listener = (e: globalThis.KeyboardEvent) => onKey.current(e);
    document.addEventListener('keydown', listener, true);
    return () => document.removeEventListener('keydown', listener, true);
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!matches || busy) return;
    setBusy(true);
    setError(null);
    const err = await store.eraseCustomer(chat.id);
    // On success the chat is gone and this dialog with it; only a failure stays to be read.
    if (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <div className="modal-backdrop" onClick={(e) => e.target === e.currentTarget && !busy && onClose()}>
      <div className="modal" role="alertdialog" aria-modal="true" aria-labelledby={titleId} aria-describedby={textId} ref={ref}>
        <form onSubmit={(e) => void submit(e)}>
          <h2 id={titleId}>{t('eraseTitle', { name })}</h2>
          <p className="muted small">{who}</p>
          <p id={textId}>{t('eraseText', { name })}</p>
          <label htmlFor={inputId}>{t('eraseTypeLabel', { name })}</label>
          <input
            id={inputId}
            ref={input}
            value={typed}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setTyped(e.target.value)}
            aria-invalid={typed !== '' && !matches}
          />
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <div className="form-buttons">
            <button type="submit" className="btn-danger" disabled={!matches || busy}>
              {t('eraseConfirm')}
            </button>
            <button type="button" className="btn-secondary" disabled={busy} onClick={onClose}>
              {t('cancel')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
