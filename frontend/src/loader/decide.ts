// When the loader fetches the chat bundle: the costs a host page pays are decided here.
import type { ChatCall } from './bridge';

export type LoadTiming = 'now' | 'idle' | 'on-open';

export interface LoadFacts {
  /** A session is stored: the visitor has talked before, and replies must ring and count. */
  hasToken: boolean;
  /** The visitor or the host page asked to open the chat. */
  wantOpen: boolean;
  /** `data-preload="none"`: the site owner wants nothing fetched until the chat is opened. */
  preload: 'idle' | 'none';
  calls: readonly ChatCall[];
}

export function whenToLoad(f: LoadFacts): LoadTiming {
  // A logout queued before load drops the stored session: nothing to pick up.
  const loggingOut = f.calls.some((c) => c.name === 'logout');
  if (f.wantOpen || (f.hasToken && !loggingOut)) return 'now';
  return f.preload === 'none' ? 'on-open' : 'idle';
}

/** Runs `fn` once the page has loaded and the browser is idle (a timeout keeps it from starving). */
export function afterLoadWhenIdle(win: Window, fn: () => void, timeoutMs = 4000): void {
  const idle = () => {
    if (typeof win.requestIdleCallback === 'function') win.requestIdleCallback(() => fn(), { timeout: timeoutMs });
    else win.setTimeout(fn, 1000);
  };
  if (win.document.readyState === 'complete') idle();
  else win.addEventListener('load', idle, { once: true });
}
