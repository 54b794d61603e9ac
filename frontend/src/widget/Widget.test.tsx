import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chat, FakeWebSocket, fakeFetch, message, user } from '../test-utils';
import type { WidgetConfig } from './config';
import { readConfig } from './config';
import { WidgetController, type ControllerDeps } from './controller';
import { Widget } from './Widget';

const ORIGIN = 'http://chat.test';
const guest = { ...user(50), display_name: 'Guest 50' };
const admin = user(1, 'admin', 'Alice');
const registered = { ...user(60), username: 'user', is_guest: false, display_name: 'Uma' };

function config(extra: Partial<WidgetConfig> = {}): WidgetConfig {
  return { origin: ORIGIN, title: 'Fern & Clay', color: '#0f766e', position: 'right', lang: 'en', launcher: 'default', preload: 'idle', userId: null, userName: null, userHash: null, guestName: null, email: null, ...extra };
}

const tokenReply = (u = guest, token = 'guest-token') => ({
  status: 201,
  body: { access_token: token, token_type: 'bearer', expires_in: 3600, user: u },
});

function setup(cfg = config(), routes: Parameters<typeof fakeFetch>[0] = {}, deps: ControllerDeps = {}) {
  const api = fakeFetch({
    'POST /auth/guest': () => tokenReply(),
    'GET /widget/session': (call) => ({ status: 200, body: { user: call.auth === 'Bearer user-token' ? registered : guest, chat: null } }),
    ...routes,
  });
  const controller = new WidgetController(cfg, {
    fetchImpl: api.impl,
    createSocket: FakeWebSocket.factory,
    storage: window.localStorage,
    isVisible: () => true,
    win: null,
    ...deps,
  });
  render(<Widget controller={controller} />);
  return { controller, api };
}

async function serverAccepts(u = guest, adminsOnline = 1) {
  await waitFor(() => expect(FakeWebSocket.instances.length).toBeGreaterThan(0));
  const ws = FakeWebSocket.last;
  act(() => {
    ws.open();
    ws.acceptAuth(u, adminsOnline);
  });
  return ws;
}

beforeEach(() => {
  FakeWebSocket.reset();
  window.localStorage.clear();
});

describe('widget', () => {
  it('has a launcher named "Open chat" that opens a labelled panel', async () => {
    setup();
    const launcher = screen.getByRole('button', { name: 'Open chat' });
    await userEvent.click(launcher);
    const dialog = screen.getByRole('dialog', { name: 'Fern & Clay' });
    expect(within(dialog).getByRole('textbox', { name: 'Message' })).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Close chat' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Close chat', expanded: true })).toBeInTheDocument();
  });

  it('speaks Russian with data-lang="ru"', () => {
    setup(config({ lang: 'ru' }));
    expect(screen.getByRole('button', { name: 'Открыть чат' })).toBeInTheDocument();
  });

  it('becomes a guest on the first message, shows it pending, then sent', async () => {
    const { api } = setup();
    await userEvent.click(screen.getByRole('button', { name: 'Open chat' }));
    const box = screen.getByRole('textbox', { name: 'Message' });
    await userEvent.type(box, 'Hello there{Enter}');
    await waitFor(() => expect(api.calls.some((c) => c.method === 'POST' && c.path === '/auth/guest')).toBe(true));
    expect(window.localStorage.getItem(`parley:${ORIGIN}:token`)).toBe('guest-token');
    expect(box).toHaveValue('');
    expect(await screen.findByText('Sending…')).toBeInTheDocument();
    const ws = await serverAccepts();
    expect(ws.url).toBe('ws://chat.test/api/v1/ws');
    expect(ws.sent[0]).toMatchObject({ method: 'auth', params: { token: 'guest-token' } });
    const frame = ws.lastRequest('message.send');
    expect(frame.params).toMatchObject({ body: 'Hello there' });
    expect(frame.params).not.toHaveProperty('chat_id');
    act(() => ws.reply(frame.id, { message: message(100, 9, guest, 'Hello there', String(frame.params?.client_msg_id)) }));
    expect(await screen.findByText(/Sent/)).toBeInTheDocument();
    expect(screen.queryByText('Sending…')).toBeNull();
    expect(screen.getAllByText('Hello there')).toHaveLength(1);
  });

  it('Shift+Enter makes a new line instead of sending', async () => {
    setup();
    await userEvent.click(screen.getByRole('button', { name: 'Open chat' }));
    const box = screen.getByRole('textbox', { name: 'Message' });
    await userEvent.type(box, 'line one{Shift>}{Enter}{/Shift}line two');
    expect(box).toHaveValue('line one\nline two');
  });

  it('tells the visitor in plain words when they send too fast, and Retry resends the same message', async () => {
    setup();
    await userEvent.click(screen.getByRole('button', { name: 'Open chat' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'spam{Enter}');
    const ws = await serverAccepts();
    const frame = ws.lastRequest('message.send');
    act(() => ws.replyError(frame.id, 4029, 'rate limited', { retry_after: 7 }));
    expect(await screen.findByRole('alert')).toHaveTextContent("You're sending messages too fast. Please wait 7 seconds.");
    expect(screen.getByText('Not sent')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    const again = ws.requests('message.send');
    expect(again).toHaveLength(2);
    expect(again[1].params?.client_msg_id).toBe(frame.params?.client_msg_id);
  });

  it('shows the admin joining, typing, the reply as text, and read ticks', async () => {
    window.localStorage.setItem(`parley:${ORIGIN}:token`, 'saved');
    const c = chat(9, guest, null);
    const mine = message(100, 9, guest, 'hi');
    const { controller } = setup(config(), {
      'GET /widget/session': () => ({ status: 200, body: { user: guest, chat: c } }),
      'GET /chats/9/messages': () => ({ status: 200, body: { items: [mine], has_more: false } }),
    });
    await act(() => controller.init());
    await userEvent.click(screen.getByRole('button', { name: 'Open chat' }));
    const ws = await serverAccepts(guest, 0);
    expect(ws.sent[0].params).toMatchObject({ token: 'saved', since: 100 });
    // Nobody online is said plainly (offline mode, issue 14), until an admin comes online.
    expect(await screen.findByText('Nobody is online right now')).toBeInTheDocument();
    act(() => ws.emit('presence', { admins_online: 1 }));
    act(() => ws.emit('chat.assigned', { chat: { ...c, admin, status: 'active' }, previous_admin_id: null }));
    expect(screen.getByText('Alice is answering')).toBeInTheDocument();
    act(() => ws.emit('typing', { chat_id: 9, user_id: 1 }));
    expect(screen.getByLabelText('Alice is typing…')).toBeInTheDocument();
    const xss = '<img src=x onerror=alert(1)> see https://example.com';
    act(() => ws.emit('message.new', { message: message(101, 9, admin, xss) }));
    expect(screen.queryByLabelText('Alice is typing…')).toBeNull();
    const log = screen.getByRole('log');
    expect(log.querySelector('img')).toBeNull();
    expect(within(log).getByRole('link', { name: 'https://example.com' })).toHaveAttribute('href', 'https://example.com/');
    expect(log).toHaveTextContent('<img src=x onerror=alert(1)>');
    // The open, visible panel marks the reply as read.
    expect(ws.lastRequest('chat.read').params).toEqual({ chat_id: 9, last_read_id: 101 });
    expect(screen.getByText(/Sent/)).toBeInTheDocument();
    act(() => ws.emit('chat.read', { chat_id: 9, user_id: 1, last_read_id: 100 }));
    expect(screen.getByText(/Read/)).toBeInTheDocument();
    // Announced politely for screen readers.
    expect(document.querySelector('[aria-live="polite"]')).toHaveTextContent('New message from Alice');
  });

  it('fetches the rest by REST when the server says its catch-up was incomplete', async () => {
    window.localStorage.setItem(`parley:${ORIGIN}:token`, 'saved');
    const c = chat(9, guest, admin);
    const { controller, api } = setup(config(), {
      'GET /widget/session': () => ({ status: 200, body: { user: guest, chat: c } }),
      'GET /chats/9/messages': (call) =>
        call.path.includes('after=')
          ? { status: 200, body: { items: [message(8, 9, admin, 'missed reply')], has_more: false } }
          : { status: 200, body: { items: [message(7, 9, guest, 'question')], has_more: false } },
    });
    await act(() => controller.init());
    await userEvent.click(screen.getByRole('button', { name: 'Open chat' }));
    await waitFor(() => expect(FakeWebSocket.instances.length).toBe(1));
    const ws = FakeWebSocket.last;
    act(() => {
      ws.open();
      ws.reply(ws.lastRequest('auth').id, { user: guest, admins_online: 1, catch_up: { delivered: 0, complete: false } });
    });
    expect(await screen.findByText('missed reply')).toBeInTheDocument();
    expect(api.calls.some((x) => x.path === '/chats/9/messages?limit=100&after=7')).toBe(true);
  });

  it('scrolls back through a long history', async () => {
    window.localStorage.setItem(`parley:${ORIGIN}:token`, 'saved');
    const c = chat(9, guest, admin);
    const { controller } = setup(config(), {
      'GET /widget/session': () => ({ status: 200, body: { user: guest, chat: c } }),
      'GET /chats/9/messages': (call) =>
        call.path.includes('before=200')
          ? { status: 200, body: { items: [message(150, 9, guest, 'the very first one')], has_more: false } }
          : { status: 200, body: { items: [message(200, 9, guest, 'latest')], has_more: true } },
    });
    await act(() => controller.init());
    await userEvent.click(screen.getByRole('button', { name: 'Open chat' }));
    await userEvent.click(screen.getByRole('button', { name: 'Show earlier messages' }));
    expect(await screen.findByText('the very first one')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Show earlier messages' })).toBeNull();
  });

  it('counts unread replies on the launcher while closed', async () => {
    window.localStorage.setItem(`parley:${ORIGIN}:token`, 'saved');
    const c = chat(9, guest, admin);
    const { controller } = setup(config(), {
      'GET /widget/session': () => ({ status: 200, body: { user: guest, chat: c } }),
      'GET /chats/9/messages': () => ({ status: 200, body: { items: [], has_more: false } }),
    });
    await act(() => controller.init());
    const ws = await serverAccepts();
    act(() => {
      ws.emit('message.new', { message: message(5, 9, admin, 'one') });
      ws.emit('message.new', { message: message(6, 9, admin, 'two') });
      ws.emit('message.new', { message: message(6, 9, admin, 'two') }); // duplicate delivery
    });
    // The badge's count is in the launcher's name too (a visible label is part of the name).
    const launcher = screen.getByRole('button', { name: 'Open chat, 2 unread' });
    expect(launcher).toHaveTextContent('2');
  });

  it('drops a refused token (4401) and becomes a new guest on the next message', async () => {
    window.localStorage.setItem(`parley:${ORIGIN}:token`, 'stale');
    const { controller, api } = setup();
    await act(() => controller.init());
    await waitFor(() => expect(FakeWebSocket.instances.length).toBe(1));
    act(() => {
      FakeWebSocket.last.open();
      FakeWebSocket.last.serverClose(4401);
    });
    expect(window.localStorage.getItem(`parley:${ORIGIN}:token`)).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Open chat' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'again{Enter}');
    await waitFor(() => expect(api.calls.filter((c) => c.path === '/auth/guest')).toHaveLength(1));
  });

  it('lets a registered customer sign in', async () => {
    const customer = registered;
    const { api } = setup(config(), {
      'POST /auth/login': (call) =>
        (call.body as { password: string }).password === 'password'
          ? { status: 200, body: { access_token: 'user-token', token_type: 'bearer', expires_in: 3600, user: customer } }
          : { status: 401, body: { detail: 'Invalid credentials' } },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Open chat' }));
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await userEvent.type(screen.getByLabelText('Username'), 'user');
    await userEvent.type(screen.getByLabelText('Password'), 'nope');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong username or password');
    await userEvent.clear(screen.getByLabelText('Password'));
    await userEvent.type(screen.getByLabelText('Password'), 'password');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Signed in as Uma')).toBeInTheDocument();
    expect(window.localStorage.getItem(`parley:${ORIGIN}:token`)).toBe('user-token');
    // The registered customer's chat is looked up without a 404 for one who has none yet.
    expect(api.calls.some((c) => c.path === '/widget/session' && c.auth === 'Bearer user-token')).toBe(true);
    expect(api.calls.some((c) => c.path === '/me/chat')).toBe(false);
  });

  it('verifies a signed-in site user (data-user-*) and falls back to a guest when identify fails', async () => {
    const verified = { ...user(70), is_guest: false, display_name: 'Vera' };
    let identify = { status: 200, body: { access_token: 'id-token', token_type: 'bearer', expires_in: 1, user: verified } } as { status: number; body: unknown };
    const { api } = setup(config({ userId: 'ext-42', userName: 'Vera', userHash: 'abc123' }), { 'POST /auth/identify': () => identify });
    await userEvent.click(screen.getByRole('button', { name: 'Open chat' }));
    await waitFor(() => expect(window.localStorage.getItem(`parley:${ORIGIN}:token`)).toBe('id-token'));
    expect(api.calls.find((c) => c.path === '/auth/identify')?.body).toEqual({ external_id: 'ext-42', hash: 'abc123', display_name: 'Vera' });
    expect(api.calls.some((c) => c.path === '/auth/guest')).toBe(false);
    const ws = await serverAccepts(verified, 0);
    act(() => ws.emit('presence', { admins_online: 2 }));
    expect(screen.getByText('Support is online')).toBeInTheDocument();

    // Another page where the hash is wrong (401): the visitor continues as a guest.
    FakeWebSocket.reset();
    window.localStorage.clear();
    cleanup();
    identify = { status: 401, body: { detail: 'bad hash' } };
    const second = setup(config({ userId: 'ext-42', userHash: 'forged' }), { 'POST /auth/identify': () => identify });
    await userEvent.click(screen.getByRole('button', { name: 'Open chat' }));
    await waitFor(() => expect(window.localStorage.getItem(`parley:${ORIGIN}:token`)).toBe('guest-token'));
    expect(second.api.calls.map((c) => c.path)).toEqual(expect.arrayContaining(['/auth/identify', '/auth/guest']));
  });

  it('shows a counter near the 4,000-character limit', async () => {
    setup();
    await userEvent.click(screen.getByRole('button', { name: 'Open chat' }));
    const box = screen.getByRole('textbox', { name: 'Message' });
    await userEvent.click(box);
    await userEvent.paste('x'.repeat(4001));
    expect(screen.getByText('4001 / 4000')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Send' })).toBeDisabled();
  });
});

describe('readConfig', () => {
  it('reads the server origin and data attributes from the script tag', () => {
    const s = document.createElement('script');
    s.src = 'https://chat.example.com/widget.js';
    s.dataset.title = 'Help';
    s.dataset.color = 'red;}</style>';
    s.dataset.position = 'left';
    s.dataset.lang = 'ru';
    const cfg = readConfig(s, 'https://shop.example.org/');
    expect(cfg).toMatchObject({ origin: 'https://chat.example.com', title: 'Help', color: '#4f46e5', position: 'left', lang: 'ru' });
  });
});

describe('widget: the host page API and the support desk', () => {
  const returning = (c = chat(9, guest, admin), items = [message(100, 9, guest, 'hi')]) => {
    window.localStorage.setItem(`parley:${ORIGIN}:token`, 'saved');
    return {
      'GET /widget/session': () => ({ status: 200, body: { user: guest, chat: c } }),
      'GET /chats/9/messages': () => ({ status: 200, body: { items, has_more: false } }),
    };
  };
  let undo: (() => void) | null = null;
  afterEach(() => {
    undo?.();
    undo = null;
  });

  it("a new visitor's start asks for nothing: no session, no chat, no 404", async () => {
    const { controller, api } = setup();
    await act(() => controller.init());
    expect(api.calls).toEqual([]);
    expect(FakeWebSocket.instances).toHaveLength(0);
  });

  it('tells the host page about open, close, unread and new messages', async () => {
    const events: [string, unknown][] = [];
    const { controller } = setup(config(), returning(), { emit: (e, p) => events.push([e, p]) });
    await act(() => controller.init());
    const ws = await serverAccepts();
    const reply = message(101, 9, admin, 'Your parcel left today');
    act(() => ws.emit('message.new', { message: reply }));
    await userEvent.click(screen.getByRole('button', { name: 'Open chat, 1 unread' }));
    act(() => controller.setOpen(false));
    expect(events).toEqual([
      ['unread', { count: 1 }],
      ['message', reply],
      ['open', {}],
      ['unread', { count: 0 }],
      ['close', {}],
    ]);
  });

  it('never shows a note, from history or from an event', async () => {
    const note = { ...message(101, 9, admin, 'internal: refund approved'), kind: 'note' as const };
    const { controller } = setup(config(), returning(chat(9, guest, admin), [message(100, 9, guest, 'hi'), note]));
    await act(() => controller.init());
    const ws = await serverAccepts();
    act(() => ws.emit('message.new', { message: { ...message(102, 9, admin, 'internal: second note'), kind: 'note' } }));
    await userEvent.click(screen.getByRole('button', { name: 'Open chat' }));
    expect(screen.getByText('hi')).toBeInTheDocument();
    expect(screen.queryByText(/internal:/)).toBeNull();
    expect(controller.state.unread).toBe(0);
  });

  it('says the conversation was resolved, and writing again clears it once the server reopens it', async () => {
    const c = chat(9, guest, admin);
    const { controller } = setup(config(), returning(c));
    await act(() => controller.init());
    const ws = await serverAccepts();
    await userEvent.click(screen.getByRole('button', { name: 'Open chat' }));
    act(() => ws.emit('chat.resolved', { chat: { ...c, status: 'resolved' } }));
    expect(screen.getByText(/marked as resolved/)).toBeInTheDocument();
    await userEvent.type(screen.getByRole('textbox', { name: 'Message' }), 'one more question{Enter}');
    expect(ws.lastRequest('message.send').params).toMatchObject({ body: 'one more question' });
    act(() => ws.emit('chat.reopened', { chat: { ...c, admin: null, status: 'waiting' } }));
    expect(screen.queryByText(/marked as resolved/)).toBeNull();
  });

  it('a blocked customer is told plainly they can no longer send, in Russian too', async () => {
    const c = chat(9, guest, admin);
    const { controller } = setup(config({ lang: 'ru' }), returning(c));
    await act(() => controller.init());
    const ws = await serverAccepts();
    await userEvent.click(screen.getByRole('button', { name: 'Открыть чат' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Сообщение' }), 'hello?{Enter}');
    act(() => ws.replyError(ws.lastRequest('message.send').id, 4003, 'you are blocked'));
    expect(await screen.findByText('Вы больше не можете отправлять сообщения здесь.')).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'Сообщение' })).toBeNull();
  });

  it('shows the blocked notice at once when the session says so', async () => {
    const { controller } = setup(config(), returning({ ...chat(9, guest, admin), status: 'resolved', blocked: true }));
    await act(() => controller.init());
    await userEvent.click(screen.getByRole('button', { name: 'Open chat' }));
    expect(screen.getByText('You can no longer send messages here.')).toBeInTheDocument();
    expect(screen.queryByText(/marked as resolved/)).toBeNull();
  });

  it('reports the page on connect and after a single-page-app navigation, throttled', async () => {
    const { controller } = setup(config(), returning(), { win: window });
    undo = () => controller.socket.destroy();
    document.title = 'Mugs';
    await act(() => controller.init());
    const ws = await serverAccepts();
    const first = ws.lastRequest('visitor.page').params;
    expect(first).toMatchObject({ url: window.location.href, title: 'Mugs', language: navigator.language });
    expect(typeof first?.timezone).toBe('string');
    act(() => ws.reply(ws.lastRequest('visitor.page').id, {}));
    vi.useFakeTimers();
    try {
      history.pushState({}, '', '/cart');
      document.title = 'Cart';
      history.pushState({}, '', '/cart?step=2');
      window.dispatchEvent(new HashChangeEvent('hashchange'));
      await vi.advanceTimersByTimeAsync(2500);
    } finally {
      vi.useRealTimers();
    }
    const pages = ws.requests('visitor.page');
    expect(pages).toHaveLength(2);
    expect(pages[1].params).toMatchObject({ url: `${window.location.origin}/cart?step=2`, title: 'Cart' });
    history.replaceState({}, '', '/');
  });

  it('sends attributes once the socket is up, and takes an unknown method calmly', async () => {
    const { controller } = setup(config(), returning());
    controller.call({ name: 'setAttributes', attributes: { plan: 'pro' } });
    controller.call({ name: 'setAttributes', attributes: { seats: 3 } });
    await act(() => controller.init());
    const ws = await serverAccepts();
    const frame = ws.lastRequest('visitor.attributes');
    expect(frame.params).toEqual({ attributes: { plan: 'pro', seats: 3 } });
    act(() => ws.replyError(frame.id, -32601, 'unknown method'));
    controller.call({ name: 'setAttributes', attributes: { trial: false } });
    expect(ws.lastRequest('visitor.attributes').params).toEqual({ attributes: { trial: false } });
  });

  it("identify drops a guest's session and verifies the site's user, with their email, on open", async () => {
    const verified = { ...user(70), is_guest: false, display_name: 'Vera' };
    const { controller, api } = setup(config(), {
      ...returning(),
      'POST /auth/identify': () => ({ status: 200, body: { access_token: 'id-token', token_type: 'bearer', expires_in: 60, user: verified } }),
      'POST /me/email': () => ({ status: 204 }),
    });
    controller.call({ name: 'identify', identity: { id: 'ext-7', hash: 'h7', name: 'Vera', email: 'vera@example.com' } });
    expect(window.localStorage.getItem(`parley:${ORIGIN}:token`)).toBeNull();
    await act(() => controller.init());
    await userEvent.click(screen.getByRole('button', { name: 'Open chat' }));
    await waitFor(() => expect(window.localStorage.getItem(`parley:${ORIGIN}:token`)).toBe('id-token'));
    await waitFor(() => expect(api.calls.some((c) => c.path === '/me/email')).toBe(true));
    expect(api.calls.find((c) => c.path === '/auth/identify')?.body).toEqual({ external_id: 'ext-7', hash: 'h7', display_name: 'Vera' });
    expect(api.calls.find((c) => c.path === '/me/email')?.body).toEqual({ email: 'vera@example.com' });
    expect(window.localStorage.getItem(`parley:${ORIGIN}:identity`)).toBe('ext-7');
  });

  it("logout forgets the visitor: the next one starts as a guest", async () => {
    const { controller } = setup(config(), returning());
    await act(() => controller.init());
    await serverAccepts();
    act(() => controller.call({ name: 'logout' }));
    expect(window.localStorage.getItem(`parley:${ORIGIN}:token`)).toBeNull();
    expect(controller.state.chat).toBeNull();
    expect(controller.state.messages).toEqual([]);
  });
});
