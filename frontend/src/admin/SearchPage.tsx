// Message search: the matched words highlighted (as React text, never HTML), keyset "more", a jump to the chat.
import { Fragment, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../shared/api';
import { formatTime } from '../shared/messages';
import type { SearchHit } from '../shared/types';
import { useAdmin } from './hooks';
import { NoteIcon } from './NoteIcon';
import type { AdminStore } from './store';

const WORD = /[\p{L}\p{N}]+/gu;

/** The words the server matches on: runs of letters and digits, 3 or more long, lower-cased. */
export function searchTerms(q: string): string[] {
  return [...new Set((q.match(WORD) ?? []).filter((w) => [...w].length >= 3).map((w) => w.toLocaleLowerCase()))];
}

export interface TextRun {
  text: string;
  match: boolean;
}

/** Splits a body into plain and matched runs: a word matches when it starts with one of the terms. */
export function highlight(body: string, terms: readonly string[]): TextRun[] {
  const out: TextRun[] = [];
  let last = 0;
  for (const m of body.matchAll(WORD)) {
    const word = m[0].toLocaleLowerCase();
    if (!terms.some((t) => word.startsWith(t))) continue;
    const start = m.index ?? 0;
    if (start > last) out.push({ text: body.slice(last, start), match: false });
    out.push({ text: m[0], match: true });
    last = start + m[0].length;
  }
  if (last < body.length) out.push({ text: body.slice(last), match: false });
  return out;
}

export function SearchPage({ store, initialQuery }: { store: AdminStore; initialQuery: string }) {
  const s = useAdmin(store);
  const t = store.t;
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [q, setQ] = useState(initialQuery);
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const terms = searchTerms(initialQuery);

  const fetchPage = async (before: number | null) => {
    setBusy(true);
    setError(null);
    try {
      const page = await store.api.search(initialQuery, { before });
      setHits((prev) => (before && prev ? [...prev, ...page.items] : page.items));
      setNext(page.next_before);
    } catch (e) {
      setError(e instanceof ApiError && e.status === 422 ? store.t('searchTooShort') : store.t('searchFailed', { reason: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    input.current?.focus();
    if (initialQuery && searchTerms(initialQuery).length) void fetchPage(null);
    else if (initialQuery) setError(store.t('searchTooShort'));
    // The page is keyed by its query (App.tsx), so it searches once, when it mounts.
  }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const query = q.trim();
    if (!searchTerms(query).length) {
      setError(t('searchTooShort'));
      return;
    }
    store.navigate({ name: 'search', q: query });
  };

  return (
    <section className="page search-page" aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`}>{t('searchTitle')}</h1>
      <form className="search-form" role="search" onSubmit={submit}>
        <label htmlFor={`${id}-q`} className="sr-only">
          {t('searchLabel')}
        </label>
        <input
          id={`${id}-q`}
          ref={input}
          type="search"
          value={q}
          maxLength={200}
          placeholder={t('searchLabel')}
          aria-describedby={`${id}-hint`}
          onChange={(e) => setQ(e.target.value)}
        />
        <button type="submit" className="btn-primary">
          {t('searchButton')}
        </button>
      </form>
      <p id={`${id}-hint`} className="muted small">
        {t('searchHint')}
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {hits && hits.length === 0 && <p role="status">{t('searchNone', { q: initialQuery })}</p>}
      {hits && hits.length > 0 && (
        <ol className="search-results" aria-label={t('searchResults')}>
          {hits.map((h) => {
            const chat = s.chats[h.chat_id];
            const m = h.message;
            return (
              <li key={m.id} className={`hit ${m.kind === 'note' ? 'hit-note' : ''}`}>
                <div className="hit-head">
                  <strong>{m.sender.display_name}</strong>
                  {chat && chat.customer.id !== m.sender.id && <span className="muted"> → {chat.customer.display_name}</span>}
                  {m.kind === 'note' && (
                    <span className="pill pill-note">
                      <NoteIcon />
                      {t('noteLabel')}
                    </span>
                  )}
                  <time className="muted small" dateTime={m.created_at}>
                    {new Date(m.created_at).toLocaleDateString(s.lang)} {formatTime(m.created_at, s.lang)}
                  </time>
                </div>
                <p className="hit-body">
                  {highlight(m.body, terms).map((f, i) => (f.match ? <mark key={i}>{f.text}</mark> : <Fragment key={i}>{f.text}</Fragment>))}
                </p>
                <a
                  className="hit-open"
                  href={`/admin/chats/${h.chat_id}?message=${m.id}`}
                  onClick={(e) => {
                    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
                    e.preventDefault();
                    store.navigate({ name: 'chat', chatId: h.chat_id, messageId: m.id });
                  }}
                >
                  {t('openInChat', { id: h.chat_id })}
                </a>
              </li>
            );
          })}
        </ol>
      )}
      {next !== null && (
        <button type="button" className="load-more" disabled={busy} onClick={() => void fetchPage(next)}>
          {busy ? t('loading') : t('searchMore')}
        </button>
      )}
    </section>
  );
}
