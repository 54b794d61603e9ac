import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chat, FakeWebSocket, fakeFetch, message, user } from '../test-utils';
import type { Chat, User, Visitor } from '../shared/types';
import { App } from './App';
import { AdminStore } from './store';

const ORIGIN = 'http://admin.test';
const me = { ...user(1, 'admin', 'Alice'), username: 'admin' };
const bob = user(2, 'admin', 'Bob');
const cust = (id: number, name: string) => ({ ...user(id), display_name: name });

function visitorOf(customer: User): Visitor {
  return {
    customer,
    email: null,
    online: true,
    current_page: null,
    pages: [],
    user_agent: null,
    browser: null,
    os: null,
    language: null,
    timezone: null,
    attributes: {},
    first_seen_at: '2026-01-01T09:00:00Z',
    last_seen_at: '2026-01-01T10:00:00Z',
  };
}

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

function lists(): Record<string, Chat[]> {
  const w1 = chat(10, cust(100, 'Newer visitor'), null, {
    created_at: minutesAgo(2),
    updated_at: minutesAgo(2),
    unread_count: 1,
  });
  const w2 = chat(11, cust(101, 'Older visitor'), null, {
    created_at: minutesAgo(9),
    updated_at: minutesAgo(1),
    unread_count: 2,
  });
  w1.last_message = message(500, 10, w1.customer, 'newer question');
  w2.last_message = message(501, 11, w2.customer, 'older question');
  const mine = chat(12, cust(102, 'Mina'), me, { updated_at: minutesAgo(3) });
  mine.last_message = message(300, 12, mine.customer, 'thanks!');
  const other = chat(13, cust(103, 'Oscar'), bob, { updated_at: minutesAgo(4) });
  return { waiting: [w1, w2], mine: [mine], resolved: [], all: [w1, w2, mine, other] };
}

function setup(routes: Parameters<typeof fakeFetch>[0] = {}, signedIn = true) {
  const data = lists();
  const api = fakeFetch({
    'GET /me': () => ({ status: 200, body: me }),
    'GET /me/availability': () => ({ status: 200, body: { status: 'online' } }),
    'GET /chats': (call) => {
      const scope = new URLSearchParams(call.path.split('?')[1]).get('scope') ?? 'all';
      return { status: 200, body: { items: data[scope], next_before: null } };
    },
    'POST /auth/login': () => ({ status: 200, body: { access_token: 'admin-token', token_type: 'bearer', expires_in: 3600, user: me } }),
    ...routes,
  });
  if (signedIn) window.localStorage.setItem(`parley:${ORIGIN}:admin:token`, 'admin-token');
  const alerts = { beep: vi.fn(), notify: vi.fn() };
  const store = new AdminStore({ origin: ORIGIN, fetchImpl: api.impl, createSocket: FakeWebSocket.factory, storage: window.localStorage, alerts });
  render(<App store={store} />);
  return { store, api, alerts, data };
}

async function online(store: AdminStore) {
  await act(() => store.init());
  const ws = FakeWebSocket.last;
  act(() => {
    ws.open();
    ws.acceptAuth(me, 1);
  });
  return ws;
}

beforeEach(() => {
  FakeWebSocket.reset();
  window.localStorage.clear();
  window.history.replaceState(null, '', '/admin');
});
afterEach(() => {
  document.title = '';
});

describe('admin sign-in', () => {
  it('explains wrong passwords, lockouts and customer accounts', async () => {
    let reply: { status: number; body?: unknown; headers?: Record<string, string> } = { status: 401, body: { detail: 'Invalid credentials' } };
    setup({ 'POST /auth/login': () => reply }, false);
    const fill = async () => {
      await userEvent.clear(screen.getByLabelText('Username'));
      await userEvent.type(screen.getByLabelText('Username'), 'admin');
      await userEvent.clear(screen.getByLabelText('Password'));
      await userEvent.type(screen.getByLabelText('Password'), 'secret123');
      await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    };
    await fill();
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong username or password');
    reply = { status: 429, body: { detail: 'Too many' }, headers: { 'Retry-After': '42' } };
    await fill();
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('Too many attempts, try again in 42 s'));
    reply = { status: 200, body: { access_token: 't', token_type: 'bearer', expires_in: 1, user: user(5) } };
    await fill();
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('This panel is for support staff'));
    expect(window.localStorage.getItem(`parley:${ORIGIN}:admin:token`)).toBeNull();
  });

  it('signs in and shows the chat list', async () => {
    setup({}, false);
    await userEvent.type(screen.getByLabelText('Username'), 'admin');
    await userEvent.type(screen.getByLabelText('Password'), 'password');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { name: /Waiting/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeInTheDocument();
  });
});

describe('admin chat list', () => {
  it('splits chats into Waiting (oldest first, with wait time), Mine and Others (no preview)', async () => {
    const { store } = setup();
    await online(store);
    const waiting = screen.getByRole('region', { name: /Waiting/ });
    const rows = within(waiting).getAllByRole('link');
    expect(rows.map((r) => r.textContent)).toEqual([expect.stringContaining('Older visitor'), expect.stringContaining('Newer visitor')]);
    expect(rows[0]).toHaveTextContent(/waiting 9m/);
    expect(within(rows[0]).getByLabelText('2 unread')).toBeInTheDocument();
    const mine = screen.getByRole('region', { name: /Mine/ });
    expect(within(mine).getByRole('link')).toHaveTextContent('Mina');
    const others = screen.getByRole('region', { name: /Others/ });
    const otherRow = within(others).getByRole('link');
    expect(otherRow).toHaveTextContent('Oscar');
    expect(otherRow).toHaveTextContent('with Bob');
    expect(document.title).toBe('(3) Parley Admin');
  });

  it('updates live from events: a new waiting chat and new messages, with an alert', async () => {
    const { store, alerts } = setup();
    const ws = await online(store);
    const fresh = chat(20, cust(120, 'Fresh face'), null, { created_at: new Date().toISOString(), updated_at: new Date().toISOString(), unread_count: 1 });
    fresh.last_message = message(900, 20, fresh.customer, 'anyone there?');
    act(() => ws.emit('chat.waiting', { chat: fresh }));
    const waiting = screen.getByRole('region', { name: /Waiting/ });
    expect(within(waiting).getByText('Fresh face')).toBeInTheDocument();
    expect(alerts.beep).toHaveBeenCalled();
    expect(alerts.notify).toHaveBeenCalledWith('New chat waiting', expect.stringContaining('anyone there?'), expect.any(Function));
    act(() => ws.emit('message.new', { message: message(301, 12, cust(102, 'Mina'), 'one more thing') }));
    const mine = screen.getByRole('region', { name: /Mine/ });
    expect(within(mine).getByText('one more thing')).toBeInTheDocument();
    expect(within(mine).getByLabelText('1 unread')).toBeInTheDocument();
    expect(document.title).toBe('(5) Parley Admin');
    expect(document.querySelector('[aria-live="polite"]')).toHaveTextContent('New message from Mina: one more thing');
  });

  it('pages a section with before=next_before', async () => {
    const older = chat(30, cust(130, 'Ancient visitor'), null, { created_at: minutesAgo(90), updated_at: minutesAgo(90) });
    const { store, api } = setup({
      'GET /chats': (call) => {
        const q = new URLSearchParams(call.path.split('?')[1]);
        if (q.get('scope') !== 'waiting') return { status: 200, body: { items: [], next_before: null } };
        return q.get('before') === 'cursor-1'
          ? { status: 200, body: { items: [older], next_before: null } }
          : { status: 200, body: { items: lists().waiting, next_before: 'cursor-1' } };
      },
    });
    await online(store);
    const waiting = screen.getByRole('region', { name: /Waiting/ });
    await userEvent.click(within(waiting).getByRole('button', { name: 'Load more' }));
    expect(await within(waiting).findByText('Ancient visitor')).toBeInTheDocument();
    expect(api.calls.some((c) => c.path === '/chats?scope=waiting&limit=30&before=cursor-1')).toBe(true);
    // Oldest first: the older chat goes to the top, and there is nothing more to load.
    expect(within(waiting).getAllByRole('link')[0]).toHaveTextContent('Ancient visitor');
    expect(within(waiting).queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('after a reconnect re-auths with since per chat and refetches the lists', async () => {
    const { store, api } = setup();
    const ws = await online(store);
    expect(ws.sent[0].params?.since).toEqual({ '10': 500, '11': 501, '12': 300 });
    const before = api.calls.filter((c) => c.path.startsWith('/chats?')).length;
    act(() => ws.emit('message.new', { message: message(302, 12, cust(102, 'Mina'), 'later') }));
    vi.useFakeTimers();
    try {
      act(() => ws.serverClose(1006));
      expect(screen.getByRole('status', { name: /Connection: Reconnecting/ })).toBeInTheDocument();
      await act(() => vi.advanceTimersByTimeAsync(1000));
    } finally {
      vi.useRealTimers();
    }
    const ws2 = FakeWebSocket.last;
    expect(ws2).not.toBe(ws);
    act(() => {
      ws2.open();
      ws2.acceptAuth(me);
    });
    expect(ws2.sent[0].params?.since).toEqual({ '10': 500, '11': 501, '12': 302 });
    await waitFor(() => expect(api.calls.filter((c) => c.path.startsWith('/chats?')).length).toBe(before + 4));
    expect(screen.getByRole('status', { name: /Connection: Connected/ })).toBeInTheDocument();
  });
});

describe('admin chat view', () => {
  it('opens a chat, replies over the socket, and turns read-only when another admin takes it', async () => {
    const c = lists().waiting[1];
    const history = [message(490, 11, c.customer, 'hello?'), message(501, 11, c.customer, 'older question')];
    const { store, api } = setup({
      'POST /chats/11/open': () => ({ status: 200, body: { ...c, admin: me, status: 'active', unread_count: 0 } }),
      'GET /chats/11/messages': () => ({ status: 200, body: { items: history, has_more: false } }),
      'GET /chats/11/visitor': () => ({ status: 200, body: visitorOf(c.customer) }),
    });
    const ws = await online(store);
    await userEvent.click(screen.getByRole('link', { name: /Older visitor/ }));
    expect(window.location.pathname).toBe('/admin/chats/11');
    const log = await screen.findByRole('log', { name: 'Messages' });
    await within(log).findByText('hello?');
    expect(api.calls.some((x) => x.method === 'POST' && x.path === '/chats/11/open')).toBe(true);
    await waitFor(() => expect(ws.lastRequest('chat.read').params).toEqual({ chat_id: 11, last_read_id: 501 }));
    // It moved from Waiting to Mine.
    expect(within(screen.getByRole('region', { name: /Mine/ })).getByText('Older visitor')).toBeInTheDocument();

    const box = screen.getByRole('textbox', { name: 'Reply' });
    await userEvent.type(box, 'How can I help?{Enter}');
    const frame = ws.lastRequest('message.send');
    expect(frame.params).toMatchObject({ chat_id: 11, body: 'How can I help?' });
    expect(within(log).getByText('Sending…')).toBeInTheDocument();
    await act(async () => ws.reply(frame.id, { message: message(502, 11, me, 'How can I help?', String(frame.params?.client_msg_id)) }));
    expect(within(log).queryByText('Sending…')).toBeNull();
    const mineMsg = within(log).getByText('How can I help?').closest('.msg');
    expect(mineMsg).toHaveClass('mine');
    expect(within(log).getByText('hello?').closest('.msg')).toHaveClass('theirs');
    act(() => ws.emit('chat.read', { chat_id: 11, user_id: c.customer.id, last_read_id: 502 }));
    expect(within(log).getByText(/Read/)).toBeInTheDocument();

    act(() => ws.emit('typing', { chat_id: 11, user_id: c.customer.id }));
    expect(screen.getByLabelText('Older visitor is typing')).toBeInTheDocument();

    act(() => ws.emit('chat.assigned', { chat: { ...c, admin: bob, status: 'active' }, previous_admin_id: me.id }));
    expect(screen.getByRole('alert')).toHaveTextContent('Taken by Bob');
    expect(screen.getByRole('textbox', { name: 'Reply' })).toHaveAttribute('readonly');
    await userEvent.click(screen.getByRole('button', { name: 'Take back' }));
    await waitFor(() => expect(api.calls.filter((x) => x.path === '/chats/11/open')).toHaveLength(2));
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Reply' })).not.toHaveAttribute('readonly'));
  });

  it('deep links to a chat after a reload', async () => {
    window.history.replaceState(null, '', '/admin/chats/12');
    const c = lists().mine[0];
    const { store } = setup({
      'POST /chats/12/open': () => ({ status: 200, body: c }),
      'GET /chats/12/messages': () => ({ status: 200, body: { items: [message(300, 12, c.customer, 'thanks!')], has_more: true } }),
    });
    await online(store);
    expect(await screen.findByRole('heading', { name: 'Mina' })).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Load earlier messages' })).toBeInTheDocument();
  });
});

describe('users page', () => {
  it('creates accounts and explains conflicts', async () => {
    let taken = false;
    const { store } = setup({
      'POST /admin/users': (call) =>
        taken
          ? { status: 409, body: { detail: 'Username taken' } }
          : { status: 201, body: { id: 77, username: (call.body as { username: string }).username, display_name: 'Carol', role: 'admin', is_guest: false } },
    });
    await online(store);
    await userEvent.click(screen.getByRole('button', { name: 'Users' }));
    await userEvent.type(screen.getByLabelText('Username'), 'carol');
    await userEvent.type(screen.getByLabelText('Password'), 'longenough');
    await userEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByText('@carol')).toBeInTheDocument();
    taken = true;
    await userEvent.type(screen.getByLabelText('Username'), 'carol');
    await userEvent.type(screen.getByLabelText('Password'), 'longenough');
    await userEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Username taken');
  });
});
