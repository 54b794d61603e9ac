// The composer's "/" picker: canned replies filtered as you type, chosen with the keyboard.
import { useEffect, useRef, useState } from 'react';
import type { CannedReply } from '../shared/types';
import type { AdminStore } from './store';
import type { Translate } from './strings';

const DEBOUNCE_MS = 120;

/** The picker's query while the composer holds "/word" and nothing else; null when it should be closed. */
export function cannedQuery(text: string): string | null {
  const m = /^\/(\S*)$/.exec(text);
  return m ? m[1] : null;
}

/** Shortcuts that start with the query first (in shortcut order), then the replies that matched on words. */
export function rankCanned(items: readonly CannedReply[], query: string): CannedReply[] {
  const q = query.toLowerCase();
  const byShortcut = (a: CannedReply, b: CannedReply) => (a.shortcut < b.shortcut ? -1 : a.shortcut > b.shortcut ? 1 : 0);
  const prefix = items.filter((c) => c.shortcut.startsWith(q)).sort(byShortcut);
  const words = items.filter((c) => !c.shortcut.startsWith(q)).sort(byShortcut);
  return [...prefix, ...words];
}

/** {customer} and {admin} become display names, so what is sent reads as written for this visitor. */
export function fillPlaceholders(body: string, names: { customer: string; admin: string }): string {
  return body.split('{customer}').join(names.customer).split('{admin}').join(names.admin);
}

export interface PickerState {
  open: boolean;
  items: CannedReply[];
  active: number;
  setActive: (i: number) => void;
  dismiss: () => void;
}

/** Fetches `GET /canned?q=` as the query changes, dropping answers to queries already typed past. */
export function useCannedPicker(store: AdminStore, query: string | null): PickerState {
  const [items, setItems] = useState<CannedReply[]>([]);
  const [active, setActive] = useState(0);
  const [dismissedFor, setDismissedFor] = useState<string | null>(null);
  const seq = useRef(0);

  useEffect(() => {
    if (query === null) {
      setDismissedFor(null);
      return;
    }
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      store.api.cannedReplies(query).then(
        (page) => {
          if (mine !== seq.current) return;
          setItems(rankCanned(page.items, query));
          setActive(0);
        },
        () => {
          if (mine === seq.current) setItems([]);
        },
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [store, query]);

  const open = query !== null && dismissedFor === null;
  return {
    open,
    items: open ? items : [],
    active: Math.min(active, Math.max(0, items.length - 1)),
    setActive,
    dismiss: () => setDismissedFor(query),
  };
}

export function CannedPicker({
  id,
  picker,
  query,
  t,
  onPick,
}: {
  id: string;
  picker: PickerState;
  query: string;
  t: Translate;
  onPick: (c: CannedReply) => void;
}) {
  const listRef = useRef<HTMLUListElement>(null);
  useEffect(() => {
    const el = listRef.current?.querySelector<HTMLElement>('[aria-selected="true"]');
    el?.scrollIntoView?.({ block: 'nearest' });
  }, [picker.active]);
  if (!picker.open) return null;
  return (
    <div className="canned-picker">
      {picker.items.length === 0 ? (
        <p className="canned-none" id={`${id}-none`}>
          {t('cannedNone', { q: `/${query}` })}
        </p>
      ) : (
        <ul id={id} role="listbox" aria-label={t('cannedList')} ref={listRef}>
          {picker.items.map((c, i) => (
            <li
              key={c.id}
              id={`${id}-${c.id}`}
              role="option"
              aria-selected={i === picker.active}
              className={i === picker.active ? 'active' : ''}
              onMouseEnter={() => picker.setActive(i)}
              // mousedown, not click: the textarea must keep focus.
              onMouseDown={(e) => {
                e.preventDefault();
                onPick(c);
              }}
            >
              <span className="canned-shortcut">/{c.shortcut}</span>
              {c.title && <span className="canned-title">{c.title}</span>}
              <span className="canned-body">{c.body}</span>
            </li>
          ))}
        </ul>
      )}
      <p className="canned-hint" aria-hidden="true">
        {t('cannedHint')}
      </p>
    </div>
  );
}
