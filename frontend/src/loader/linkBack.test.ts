// The link back from Parley's emails (`?parley=open`) and the config the chat is handed.
import { JSDOM } from 'jsdom';
import { describe, expect, it, vi } from 'vitest';
import { readConfig } from '../widget/config';
import type { ChatModule, MountContext } from './bridge';
import { boot, defaultFetchConfig, takeOpenParam, type RemoteConfig } from './boot';

type TestWindow = Window & typeof globalThis;

function page(url: string): TestWindow {
  const dom = new JSDOM('<!doctype html><html><body></body></html>', { url, pretendToBeVisual: true });
  return dom.window as unknown as TestWindow;
}

function start(win: TestWindow, remote: RemoteConfig = { allowed: true }, attrs = 'data-preload="none"') {
  win.document.body.insertAdjacentHTML('beforeend', `<script src="http://chat.test/widget.js" ${attrs}></script>`);
  const mounts: MountContext[] = [];
  const chat: ChatModule = {
    mount(ctx) {
      mounts.push(ctx);
      return { setOpen: () => undefined, isOpen: () => ctx.open, call: () => undefined };
    },
  };
  const loader = boot({
    win,
    config: readConfig(win.document.querySelector('script'), win.location.href),
    chatUrl: 'http://chat.test/widget/assets/chat-abc.js',
    importChat: () => Promise.resolve(chat),
    fetchConfig: () => Promise.resolve(remote),
    console: { warn: vi.fn(), error: vi.fn() },
  });
  return { loader, mounts };
}

describe('the link back from an email', () => {
  it('opens the chat at once and takes parley=open out of the address, keeping the rest', async () => {
    const win = page('http://shop.test/orders/7?tab=items&parley=open#latest');
    win.history.replaceState({ kept: true }, '');
    const { loader, mounts } = start(win);
    expect(win.location.href).toBe('http://shop.test/orders/7?tab=items#latest');
    expect(win.history.state).toEqual({ kept: true });
    await loader?.ready;
    // data-preload="none", yet the chat loaded without a click, and opened.
    expect(mounts).toHaveLength(1);
    expect(mounts[0].open).toBe(true);
  });

  it('leaves other values of the parameter, and pages without it, alone', async () => {
    const other = page('http://shop.test/?parley=later');
    expect(takeOpenParam(other)).toBe(false);
    expect(other.location.href).toBe('http://shop.test/?parley=later');
    const plain = page('http://shop.test/cart');
    const { loader, mounts } = start(plain);
    await loader?.ready;
    expect(mounts).toHaveLength(0);
  });

  it('never throws into the page when the history API refuses', () => {
    const win = page('http://shop.test/?parley=open');
    win.history.replaceState = () => {
      throw new DOMException('denied', 'SecurityError');
    };
    expect(() => takeOpenParam(win)).not.toThrow();
  });
});

describe('the config the chat is handed', () => {
  it('passes offline and business hours from GET /widget/config to the chat', async () => {
    const body = { allowed: true, origin: 'http://shop.test', offline: true, business_hours: { timezone: 'Europe/Berlin', open: false }, email_enabled: false };
    const win = page('http://shop.test/');
    win.fetch = vi.fn(() => Promise.resolve(new Response(JSON.stringify(body), { status: 200 }))) as unknown as typeof fetch;
    const cfg = readConfig(null, win.location.href);
    const remote = await defaultFetchConfig(win)(cfg);
    expect(remote).toEqual({ allowed: true, offline: true, business_hours: { timezone: 'Europe/Berlin', open: false }, email_enabled: false });
    const { loader, mounts } = start(page('http://shop.test/?parley=open'), remote);
    await loader?.ready;
    expect(mounts[0].remote).toEqual(remote);
  });

  it('an older server without the fields, or with odd ones, gives just `allowed`', async () => {
    const win = page('http://shop.test/');
    win.fetch = vi.fn(() => Promise.resolve(new Response(JSON.stringify({ allowed: true, offline: 'yes', business_hours: 'Mon-Fri' }), { status: 200 }))) as unknown as typeof fetch;
    expect(await defaultFetchConfig(win)(readConfig(null, win.location.href))).toEqual({ allowed: true });
  });
});
