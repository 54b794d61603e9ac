// The loader's decisions, with the page and the network passed in so Vitest can drive them:
// ask the server whether this origin may run the chat, draw the bubble, fetch the chat when due.
import { makeT } from '../shared/i18n';
import type { WidgetRemoteConfig } from '../shared/types';
import { storageKey, type WidgetConfig } from '../widget/config';
import { createParley, drain, Listeners, type ParleyFn } from './api';
import type { ChatCall, ChatHandle, ChatModule, ParleyEvent } from './bridge';
import { afterLoadWhenIdle, whenToLoad } from './decide';
import { drawLauncher, type Launcher } from './launcher';
import css from './launcher.css?inline';
import { LAUNCHER_STRINGS } from './strings';
import { adoptStyles } from './styles';

export const ELEMENT = 'parley-widget';

/** `GET /widget/config`: `allowed` decides here; the rest (offline, business hours) goes to the chat. */
export type RemoteConfig = WidgetRemoteConfig;

/** Links in Parley's emails carry `?parley=open`: the chat opens at once on the page they lead to. */
export const OPEN_PARAM = 'parley';

/**
 * True when the address asks for the chat (`parley=open`); the parameter is taken out of the
 * address bar (history.replaceState) so a reload or a shared link does not open it again.
 */
export function takeOpenParam(win: Window): boolean {
  try {
    const url = new URL(win.location.href);
    if (url.searchParams.get(OPEN_PARAM) !== 'open') return false;
    url.searchParams.delete(OPEN_PARAM);
    win.history.replaceState(win.history.state, '', url.pathname + url.search + url.hash);
    return true;
  } catch {
    return false; // a sandboxed page that refuses replaceState: never the host page's problem
  }
}

export interface BootEnv {
  win: Window & { Parley?: ParleyFn };
  config: WidgetConfig;
  /** Absolute URL of the content-hashed chat bundle. */
  chatUrl: string;
  importChat: (url: string) => Promise<ChatModule>;
  fetchConfig: (config: WidgetConfig) => Promise<RemoteConfig>;
  /** Where the loader reports: once per problem, never by throwing. */
  console: Pick<Console, 'warn' | 'error'>;
}

export type Phase = 'checking' | 'refused' | 'unreachable' | 'ready' | 'loading' | 'mounted' | 'failed';

export interface Loader {
  readonly phase: Phase;
  /** Settles when the origin check is done and, if due now, the chat has loaded. */
  readonly ready: Promise<void>;
}

export function defaultFetchConfig(win: Window) {
  return async (config: WidgetConfig): Promise<RemoteConfig> => {
    // A simple GET (no custom headers): no CORS preflight, and the browser may cache it.
    const res = await win.fetch(`${config.origin}/api/v1/widget/config`, { credentials: 'omit' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const body = (await res.json()) as Record<string, unknown>;
    const out: RemoteConfig = { allowed: body.allowed === true };
    if (typeof body.offline === 'boolean') out.offline = body.offline;
    if (typeof body.email_enabled === 'boolean') out.email_enabled = body.email_enabled;
    const hours = body.business_hours;
    if (hours && typeof hours === 'object' && typeof (hours as { open?: unknown }).open === 'boolean') {
      out.business_hours = hours as RemoteConfig['business_hours'];
    }
    return out;
  };
}

function hasStoredToken(win: Window, config: WidgetConfig): boolean {
  try {
    return Boolean(win.localStorage.getItem(storageKey(config.origin, 'token')));
  } catch {
    return false; // storage blocked: the chat keeps its session in memory, nothing to pick up
  }
}

/** Starts the widget on this page, or does nothing when another copy already did. */
export function boot(env: BootEnv): Loader | null {
  const { win, config } = env;
  const doc = win.document;
  if (win.customElements.get(ELEMENT)) return null; // the snippet is on the page twice
  // The page's own HTMLElement (a test passes another window's).
  const Base = (win as Window & typeof globalThis).HTMLElement;
  win.customElements.define(ELEMENT, class extends Base {});

  const t = makeT(LAUNCHER_STRINGS[config.lang]);
  const warned = new Set<string>();
  const warnOnce = (text: string) => {
    if (warned.has(text)) return;
    warned.add(text);
    env.console.warn(`[parley] ${text}`);
  };
  const listeners = new Listeners(warnOnce);
  const calls: ChatCall[] = [];
  let phase: Phase = 'checking';
  let wantOpen = takeOpenParam(win);
  let remote: RemoteConfig = { allowed: false };
  let handle: ChatHandle | null = null;
  let launcher: Launcher | null = null;
  let shadow: ShadowRoot | null = null;
  let attempt = 0;
  let loading: Promise<void> | null = null;

  const load = (): Promise<void> => {
    if (handle || !shadow) return Promise.resolve();
    if (loading) return loading;
    phase = 'loading';
    launcher?.setBusy(true);
    // A failed module fetch stays failed in the browser's module map: a retry asks for a new URL.
    const url = attempt === 0 ? env.chatUrl : `${env.chatUrl}?retry=${attempt}`;
    attempt += 1;
    loading = env
      .importChat(url)
      .then((mod) => mount(mod))
      .catch((err: unknown) => {
        phase = 'failed';
        launcher?.setBusy(false);
        warnOnce(`the chat could not load from ${env.chatUrl}: ${String(err)}`);
        if (wantOpen) launcher?.showFailure(() => void load());
      })
      .finally(() => {
        loading = null;
      });
    return loading;
  };

  const mount = (mod: ChatModule) => {
    if (!shadow) return;
    const hadFocus = Boolean(launcher?.button && shadow.activeElement === launcher.button);
    const container = doc.createElement('div');
    shadow.append(container);
    handle = mod.mount({
      shadow,
      container,
      config,
      open: wantOpen,
      calls: calls.splice(0),
      remote,
      emit: (event: ParleyEvent, payload: unknown) => listeners.emit(event, payload),
    });
    phase = 'mounted';
    launcher?.remove();
    launcher = null;
    if (hadFocus) shadow.querySelector<HTMLElement>('.pw-launcher')?.focus();
  };

  const setOpen = (open: boolean | 'toggle') => {
    if (handle) {
      handle.setOpen(open === 'toggle' ? !handle.isOpen() : open);
      return;
    }
    wantOpen = open === 'toggle' ? !wantOpen : open;
    if (wantOpen && (phase === 'ready' || phase === 'failed')) void load();
  };

  const parley = createParley(
    {
      setOpen,
      on: (event, fn) => listeners.add(event, fn),
      chat: (call) => {
        if (handle) handle.call(call);
        else calls.push(call);
      },
    },
    warnOnce,
  );
  const queued = win.Parley?.q;
  win.Parley = parley;
  drain(queued, parley);

  const ready = (async () => {
    try {
      remote = await env.fetchConfig(config);
    } catch (err) {
      phase = 'unreachable';
      warnOnce(`the chat server ${config.origin} did not answer (${String(err)}); the chat is not shown`);
      return;
    }
    if (!remote.allowed) {
      phase = 'refused';
      warnOnce(
        `this page's origin ${win.location.origin} is not in ALLOWED_ORIGINS of the chat server ${config.origin}; ` +
          'the chat is not shown. Add the origin to ALLOWED_ORIGINS to show it here.',
      );
      return;
    }
    const host = doc.createElement(ELEMENT);
    shadow = host.attachShadow({ mode: 'open' });
    adoptStyles(shadow, css);
    launcher = drawLauncher(shadow, config, t, () => setOpen(true));
    doc.body.append(host);
    phase = 'ready';
    const timing = whenToLoad({ hasToken: hasStoredToken(win, config), wantOpen, preload: config.preload, calls });
    if (timing === 'now') await load();
    else if (timing === 'idle') afterLoadWhenIdle(win, () => void load());
  })();

  return {
    get phase() {
      return phase;
    },
    ready,
  };
}
