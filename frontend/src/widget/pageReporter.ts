// The page the visitor is on, for the support side panel: reported on start and on every
// single-page-app navigation (history API, popstate, hashchange), at most once per interval.

export interface PageInfo {
  url: string;
  title?: string;
  referrer?: string;
  language?: string;
  timezone?: string;
}

const MAX_URL = 2048;
const MAX_TITLE = 300;

/** The current page as `visitor.page` takes it, or null for a page the server would refuse. */
export function currentPage(win: Window = window): PageInfo | null {
  const url = win.location.href;
  if (!/^https?:/i.test(url) || url.length > MAX_URL) return null;
  const page: PageInfo = { url };
  const title = win.document.title.trim();
  if (title) page.title = title.slice(0, MAX_TITLE);
  const referrer = win.document.referrer;
  if (referrer && /^https?:/i.test(referrer) && referrer.length <= MAX_URL) page.referrer = referrer;
  if (win.navigator.language) page.language = win.navigator.language;
  try {
    const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (tz) page.timezone = tz;
  } catch {
    /* no Intl time zone: leave it out */
  }
  return page;
}

type HistoryMethod = 'pushState' | 'replaceState';

/**
 * Calls `onChange` after each navigation, throttled to one call per `intervalMs` (the last page
 * wins). Returns a function that undoes the history patch and the listeners.
 */
export function watchNavigation(win: Window, onChange: () => void, intervalMs = 2000): () => void {
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const fire = () => {
    timer = null;
    last = Date.now();
    onChange();
  };
  const changed = () => {
    if (timer) return;
    const wait = Math.max(0, last + intervalMs - Date.now());
    // A title set by the app right after pushState is read when the report goes out.
    timer = setTimeout(fire, Math.max(wait, 50));
  };
  const originals: Partial<Record<HistoryMethod, History[HistoryMethod]>> = {};
  for (const name of ['pushState', 'replaceState'] as const) {
    const original = win.history[name];
    originals[name] = original;
    win.history[name] = function (this: History, ...args: Parameters<History[HistoryMethod]>) {
      const result = original.apply(this, args);
      try {
        changed();
      } catch {
        /* never break the host's navigation */
      }
      return result;
    };
  }
  win.addEventListener('popstate', changed);
  win.addEventListener('hashchange', changed);
  return () => {
    for (const name of ['pushState', 'replaceState'] as const) {
      const original = originals[name];
      if (original) win.history[name] = original;
    }
    win.removeEventListener('popstate', changed);
    win.removeEventListener('hashchange', changed);
    if (timer) clearTimeout(timer);
  };
}
