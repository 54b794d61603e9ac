// The team's canned replies: list, add, edit, delete.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { ApiError } from '../shared/api';
import type { CannedReply } from '../shared/types';
import { useT } from './hooks';
import type { AdminStore } from './store';
import type { Translate } from './strings';

const byShortcut = (a: CannedReply, b: CannedReply) => (a.shortcut < b.shortcut ? -1 : a.shortcut > b.shortcut ? 1 : 0);

interface Draft {
  shortcut: string;
  title: string;
  body: string;
}

const EMPTY: Draft = { shortcut: '', title: '', body: '' };

function saveError(e: unknown, shortcut: string, t: Translate): string {
  if (e instanceof ApiError && e.status === 409) return t('cannedTaken', { shortcut });
  if (e instanceof ApiError && e.status === 422) return t('cannedInvalid', { detail: e.detail });
  if (e instanceof ApiError && e.status === 404) return t('cannedGone');
  return t('cannedFailed');
}

export function CannedPage({ store }: { store: AdminStore }) {
  const t = useT(store);
  const [items, setItems] = useState<CannedReply[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editing, setEditing] = useState<number | null>(null);

  useEffect(() => {
    let live = true;
    store.api.cannedReplies().then(
      (page) => live && setItems([...page.items].sort(byShortcut)),
      () => live && setLoadError(store.t('cannedLoadFailed')),
    );
    return () => {
      live = false;
    };
  }, [store]);

  const put = (item: CannedReply) => setItems((list) => [...(list ?? []).filter((c) => c.id !== item.id), item].sort(byShortcut));
  const remove = async (item: CannedReply) => {
    try {
      await store.api.deleteCanned(item.id);
      setItems((list) => (list ?? []).filter((c) => c.id !== item.id));
    } catch {
      setLoadError(t('cannedDeleteFailed'));
    }
  };

  return (
    <section className="page canned-page" aria-labelledby="canned-title">
      <h1 id="canned-title">{t('cannedTitle')}</h1>
      <p className="muted">{t('cannedIntro')}</p>
      <CannedForm
        t={t}
        initial={EMPTY}
        submitLabel={t('addCanned')}
        save={(d) => store.api.createCanned({ shortcut: d.shortcut, body: d.body, ...(d.title.trim() ? { title: d.title.trim() } : {}) })}
        onSaved={put}
        resetOnSave
      />
      {loadError && (
        <p className="form-error" role="alert">
          {loadError}
        </p>
      )}
      {items === null && !loadError && <p className="muted">{t('loading')}</p>}
      {items && items.length === 0 && <p className="muted">{t('cannedEmpty')}</p>}
      {items && items.length > 0 && (
        <ul className="canned-list">
          {items.map((c) => (
            <li key={c.id} className="canned-item">
              {editing === c.id ? (
                <CannedForm
                  t={t}
                  initial={{ shortcut: c.shortcut, title: c.title ?? '', body: c.body }}
                  submitLabel={t('saveCanned')}
                  save={(d) => store.api.updateCanned(c.id, { shortcut: d.shortcut, body: d.body, title: d.title.trim() || null })}
                  onSaved={(item) => {
                    put(item);
                    setEditing(null);
                  }}
                  onCancel={() => setEditing(null)}
                />
              ) : (
                <>
                  <div className="canned-head">
                    <code className="canned-shortcut">/{c.shortcut}</code>
                    {c.title && <strong>{c.title}</strong>}
                    <span className="canned-buttons">
                      <button type="button" className="btn-secondary" aria-label={t('editCanned', { shortcut: c.shortcut })} onClick={() => setEditing(c.id)}>
                        {t('edit')}
                      </button>
                      <button type="button" className="btn-secondary danger" aria-label={t('deleteCanned', { shortcut: c.shortcut })} onClick={() => void remove(c)}>
                        {t('delete')}
                      </button>
                    </span>
                  </div>
                  <p className="canned-text">{c.body}</p>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function CannedForm({
  t,
  initial,
  submitLabel,
  save,
  onSaved,
  onCancel,
  resetOnSave = false,
}: {
  t: Translate;
  initial: Draft;
  submitLabel: string;
  save: (d: Draft) => Promise<CannedReply>;
  onSaved: (item: CannedReply) => void;
  onCancel?: () => void;
  resetOnSave?: boolean;
}) {
  const id = useId();
  const [draft, setDraft] = useState<Draft>(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const item = await save({ ...draft, shortcut: draft.shortcut.trim().toLowerCase() });
      onSaved(item);
      if (resetOnSave) setDraft(EMPTY);
    } catch (err) {
      setError(saveError(err, draft.shortcut.trim().toLowerCase(), t));
    } finally {
      setBusy(false);
    }
  };
  const field = (k: keyof Draft) => ({
    id: `${id}-${k}`,
    value: draft[k],
    onChange: (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [k]: e.target.value })),
  });
  return (
    <form className="canned-form" onSubmit={submit}>
      <label htmlFor={`${id}-shortcut`}>{t('shortcut')}</label>
      <div className="shortcut-input">
        <span aria-hidden="true">/</span>
        <input {...field('shortcut')} required maxLength={32} pattern="[a-z0-9_\-]+" title={t('shortcutHint')} aria-describedby={`${id}-hint`} />
      </div>
      <span id={`${id}-hint`} className="muted small">
        {t('shortcutHint')}
      </span>
      <label htmlFor={`${id}-title`}>{t('title')}</label>
      <input {...field('title')} maxLength={100} />
      <label htmlFor={`${id}-body`}>{t('body')}</label>
      <textarea {...field('body')} required maxLength={4000} rows={3} />
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-buttons">
        <button type="submit" className="btn-primary" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="btn-secondary" onClick={onCancel}>
            {t('cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
