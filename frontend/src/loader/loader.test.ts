import { JSDOM } from 'jsdom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readConfig, type WidgetConfig } from '../widget/config';
import { createParley, drain, parseCall, type ParleyFn } from './api';
import type { ChatCall, ChatModule, MountContext } from './bridge';
import { boot, type BootEnv, type RemoteConfig } from './boot';
import { whenToLoad } from './decide';

const CHAT = 'http://chat.test/widget/assets/chat-abc.js';

type TestWindow = Window & typeof globalThis & { Parley?: ParleyFn };

/** A fresh page per test: the custom element registry cannot forget a definition. */
function page(html = '', url = 'http://shop.test/'): TestWindow {
  const dom = new JSDOM(`<!doctype html><html><body>${html}</body></html>`, { url, pretendToBeVisual: true });
  return dom.window as unknown as TestWindow;
}

function config(win: TestWindow, attrs = ''): WidgetConfig {
  win.document.body.insertAdjacentHTML('beforeend', `<script src="http://chat.test/widget.js" ${attrs}></script>`);
  return readConfig(win.document.querySelector('script'), win.location.href);
}

interface Harness {
  win: TestWindow;
  env: BootEnv;
  mounts: MountContext[];
  imports: string[];
  warn: ReturnType<typeof vi.fn>;
  fetchConfig: ReturnType<typeof vi.fn>;
  calls: ChatCall[];
  opened: boolean[];
}

function harness(opts: { win?: TestWindow; attrs?: string; remote?: RemoteConfig | Error; failImports?: number } = {}): Harness {
  const win = opts.win ?? page();
  const mounts: MountContext[] = [];
  const imports: string[] = [];
  const calls: ChatCall[] = [];
  const opened: boolean[] = [];
  let failures = opts.failImports ?? 0;
  const chat: ChatModule = {
    mount(ctx) {
      mounts.push(ctx);
      let open = ctx.open;
      return {
        setOpen: (o) => {
          open = o;
          opened.push(o);
        },
        isOpen: () => open,
        call: (c) => calls.push(c),
      };
    },
  };
  const warn = vi.fn();
  const remote = opts.remote ?? { allowed: true };
  const fetchConfig = vi.fn(() => (remote instanceof Error ? Promise.reject(remote) : Promise.resolve(remote)));
  const env: BootEnv = {
    win,
    config: config(win, opts.attrs),
    chatUrl: CHAT,
    importChat: (url) => {
      imports.push(url);
      if (failures > 0) {
        failures -= 1;
        return Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
      }
      return Promise.resolve(chat);
    },
    fetchConfig,
    console: { warn, error: vi.fn() },
  };
  return { win, env, mounts, imports, warn, fetchConfig, calls, opened };
}

const shadowOf = (win: TestWindow) => win.document.querySelector('parley-widget')?.shadowRoot ?? null;
const bubble = (win: TestWindow) => shadowOf(win)?.querySelector<HTMLButtonElement>('.pw-launcher') ?? null;
const settle = () => new Promise((r) => setTimeout(r, 0));

afterEach(() => {
  vi.useRealTimers();
});

describe('the Parley() queue and API', () => {
  it('replays the calls made before the script loaded, in order, then answers live', () => {
    const seen: string[] = [];
    const target = {
      setOpen: (o: boolean | 'toggle') => seen.push(`open:${String(o)}`),
      on: (e: string) => seen.push(`on:${e}`),
      chat: (c: ChatCall) => seen.push(`chat:${c.name}`),
    };
    // What the snippet's stub builds: `(Parley.q = Parley.q || []).push(arguments)`.
    const q: ArrayLike<unknown>[] = [];
    function stub(..._args: unknown[]) {
      q.push(arguments);
    }
    stub('identify', { id: 42, hash: 'h', name: 'Ann', email: 'ann@example.com' });
    stub('on', 'message', () => undefined);
    stub('open');
    const parley = createParley(target, () => undefined);
    drain(q, parley);
    parley('toggle');
    expect(seen).toEqual(['chat:identify', 'on:message', 'open:true', 'open:toggle']);
  });

  it('turns a numeric id into text and keeps name and email', () => {
    const parsed = parseCall('identify', [{ id: 42, hash: 'abc', name: ' Ann ', email: 'ann@example.com' }]);
    const got: ChatCall[] = [];
    if (parsed.ok) parsed.run({ setOpen: () => undefined, on: () => undefined, chat: (c) => got.push(c) });
    expect(got).toEqual([{ name: 'identify', identity: { id: '42', hash: 'abc', name: 'Ann', email: 'ann@example.com' } }]);
  });

  it('warns about a bad call and never throws into the host page', () => {
    const warn = vi.fn();
    const parley = createParley({ setOpen: () => undefined, on: () => undefined, chat: () => undefined }, warn);
    expect(() => {
      parley('explode');
      parley('identify', { id: 1 });
      parley('setAttributes', { plan: { nested: true } });
      parley('on', 'click', () => undefined);
      parley();
    }).not.toThrow();
    expect(warn).toHaveBeenCalledTimes(5);
    expect(String(warn.mock.calls[1][0])).toMatch(/hash/);
  });

  it('refuses more than 50 attributes', () => {
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i]));
    expect(parseCall('setAttributes', [many]).ok).toBe(false);
    expect(parseCall('setAttributes', [{ plan: 'pro', seats: 3, trial: false, old: null }]).ok).toBe(true);
  });
});

describe('when the loader fetches the chat', () => {
  it('waits for idle for a new visitor, loads at once for a returning one or an open', () => {
    const base = { hasToken: false, wantOpen: false, preload: 'idle' as const, calls: [] };
    expect(whenToLoad(base)).toBe('idle');
    expect(whenToLoad({ ...base, hasToken: true })).toBe('now');
    expect(whenToLoad({ ...base, wantOpen: true })).toBe('now');
    expect(whenToLoad({ ...base, preload: 'none' })).toBe('on-open');
    // A host page that signs the visitor out before the chat loads: nothing to pick up.
    expect(whenToLoad({ ...base, hasToken: true, calls: [{ name: 'logout' }] })).toBe('idle');
  });
});

describe('the loader on a page', () => {
  it('on a refused origin draws nothing, warns once naming the origin and ALLOWED_ORIGINS, and imports nothing', async () => {
    const h = harness({ remote: { allowed: false } });
    const loader = boot(h.env);
    h.win.Parley?.('open');
    await loader?.ready;
    expect(loader?.phase).toBe('refused');
    expect(h.win.document.querySelector('parley-widget')).toBeNull();
    expect(h.imports).toEqual([]);
    expect(h.fetchConfig).toHaveBeenCalledTimes(1);
    expect(h.warn).toHaveBeenCalledTimes(1);
    expect(String(h.warn.mock.calls[0][0])).toContain('http://shop.test');
    expect(String(h.warn.mock.calls[0][0])).toContain('ALLOWED_ORIGINS');
  });

  it('draws the bubble and leaves the chat for later for a new visitor', async () => {
    const h = harness({ attrs: 'data-color="#0f766e" data-position="left" data-lang="ru" data-preload="none"' });
    const loader = boot(h.env);
    await loader?.ready;
    await settle();
    expect(loader?.phase).toBe('ready');
    const button = bubble(h.win);
    expect(button?.getAttribute('aria-label')).toBe('Открыть чат');
    expect(shadowOf(h.win)?.querySelector('.pw-root')?.className).toContain('pw-left');
    expect(h.imports).toEqual([]);
    button?.click();
    await settle();
    expect(h.imports).toEqual([CHAT]);
    expect(h.mounts[0].open).toBe(true);
    // The chat draws its own bubble: the loader's is gone.
    expect(shadowOf(h.win)?.querySelector('.pw-root')).toBeNull();
  });

  it('loads the chat at idle after the page has loaded', async () => {
    const h = harness();
    const loader = boot(h.env);
    await loader?.ready;
    expect(h.imports).toEqual([]);
    await vi.waitFor(() => expect(h.imports).toEqual([CHAT]), { timeout: 3000 });
    expect(h.mounts[0].open).toBe(false);
  });

  it("loads a returning visitor's chat at once, so replies ring and count", async () => {
    const win = page();
    win.localStorage.setItem('parley:http://chat.test:token', 'stored-token');
    const h = harness({ win, attrs: 'data-preload="none"' });
    await boot(h.env)?.ready;
    expect(h.imports).toEqual([CHAT]);
  });

  it('hands calls made before load to the chat, and forwards later ones live', async () => {
    const win = page();
    const q: ArrayLike<unknown>[] = [];
    function stub(..._args: unknown[]) {
      q.push(arguments);
    }
    win.Parley = Object.assign(stub, { q });
    stub('identify', { id: 'u-1', hash: 'h' });
    stub('setAttributes', { plan: 'pro' });
    stub('open');
    const h = harness({ win, attrs: 'data-preload="none"' });
    await boot(h.env)?.ready;
    expect(h.imports).toHaveLength(1);
    expect(h.mounts[0].open).toBe(true);
    expect(h.mounts[0].calls.map((c) => c.name)).toEqual(['identify', 'setAttributes']);
    h.win.Parley?.('logout');
    h.win.Parley?.('close');
    expect(h.calls).toEqual([{ name: 'logout' }]);
    expect(h.opened).toEqual([false]);
    expect(h.win.Parley).not.toBe(stub);
  });

  it("passes the chat's events to the host page's listeners; a throwing listener does not stop the others", async () => {
    const h = harness({ attrs: 'data-preload="none"' });
    boot(h.env);
    const got: unknown[] = [];
    h.win.Parley?.('on', 'unread', () => {
      throw new Error('host bug');
    });
    h.win.Parley?.('on', 'unread', (p: unknown) => got.push(p));
    h.win.Parley?.('open');
    await vi.waitFor(() => expect(h.mounts).toHaveLength(1));
    h.mounts[0].emit('unread', { count: 2 });
    expect(got).toEqual([{ count: 2 }]);
    expect(h.warn).toHaveBeenCalledTimes(1);
  });

  it('shows a retry in the bubble when the chat cannot load, and the retry asks again', async () => {
    const h = harness({ attrs: 'data-preload="none"', failImports: 1 });
    await boot(h.env)?.ready;
    bubble(h.win)?.click();
    await vi.waitFor(() => expect(shadowOf(h.win)?.querySelector('.pw-load-failed')?.hasAttribute('hidden')).toBe(false));
    const failure = shadowOf(h.win)?.querySelector('.pw-load-failed');
    expect(failure?.getAttribute('role')).toBe('alert');
    expect(failure?.textContent).toContain('The chat could not load.');
    expect(h.warn).toHaveBeenCalledTimes(1);
    failure?.querySelector('button')?.click();
    await vi.waitFor(() => expect(h.mounts).toHaveLength(1));
    expect(h.imports).toEqual([CHAT, `${CHAT}?retry=1`]);
  });

  it('draws no bubble with data-launcher="none"; Parley("open") still opens the chat', async () => {
    const h = harness({ attrs: 'data-launcher="none" data-preload="none"' });
    await boot(h.env)?.ready;
    expect(bubble(h.win)).toBeNull();
    h.win.Parley?.('open');
    await vi.waitFor(() => expect(h.mounts).toHaveLength(1));
    expect(h.mounts[0].open).toBe(true);
  });

  it('runs once when the snippet is on the page twice', async () => {
    const h = harness();
    const first = boot(h.env);
    const second = boot({ ...h.env });
    await first?.ready;
    expect(first).not.toBeNull();
    expect(second).toBeNull();
    expect(h.win.document.querySelectorAll('parley-widget')).toHaveLength(1);
    expect(h.fetchConfig).toHaveBeenCalledTimes(1);
  });

  it('adds no global but Parley', async () => {
    const win = page();
    const before = new Set(Object.keys(win));
    const h = harness({ win, attrs: 'data-preload="none"' });
    await boot(h.env)?.ready;
    const added = Object.keys(win).filter((k) => !before.has(k));
    expect(added).toEqual(['Parley']);
  });

  it('draws nothing and warns once when the chat server does not answer', async () => {
    const h = harness({ remote: new TypeError('Failed to fetch') });
    const loader = boot(h.env);
    await loader?.ready;
    expect(loader?.phase).toBe('unreachable');
    expect(h.win.document.querySelector('parley-widget')).toBeNull();
    expect(h.warn).toHaveBeenCalledTimes(1);
  });
});
