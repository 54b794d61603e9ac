// The support desk in the panel (API.md v1.1): lifecycle, notes, canned replies, visitor, search, away, Russian.
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { chat, FakeWebSocket, fakeFetch, message, user } from '../test-utils';
import type { CannedReply, Chat, Message, Visitor } from '../shared/types';
import { App } from './App';
import { highlight, searchTerms } from './SearchPage';
import { AdminStore } from './store';

const ORIGIN = 'http://admin.test';
const me = { ...user(1, 'admin', 'Alice'), username: 'admin' };
const mina = { ...user(102), display_name: 'Mina' };
const TOKEN_KEY = `parley:${ORIGIN}:admin:token`;

function mineChat(extra: Partial<Chat> = {}): Chat {
  const c = chat(12, mina, me, { updated_at: new Date().toISOString(), ...extra });
  c.last_message = message(300, 12, mina, 'thanks!');
  return c;
}

function visitor(extra: Partial<Visitor> = {}): Visitor {
  return {
    customer: mina,
    email: 'mina@example.com',
    online: true,
    current_page: { url: 'https://shop.test/cart', title: 'Your cart', referrer: null, at: '2026-01-01T10:00:00Z' },
    pages: [
      { url: 'https://shop.test/cart', title: 'Your cart', referrer: null, at: '2026-01-01T10:00:00Z' },
      { url: 'https://shop.test/', title: 'Home', referrer: 'https://search.test/', at: '2026-01-01T09:58:00Z' },
    ],
    user_agent: 'Mozilla/5.0',
    browser: 'Chrome 156',
    os: 'Windows 11',
    language: 'pt-PT',
    timezone: 'Europe/Lisbon',
    attributes: { plan: 'pro', orders: 3 },
    first_seen_at: '2026-01-01T09:50:00Z',
    last_seen_at: '2026-01-01T10:00:00Z',
    ...extra,
  };
}

type Routes = Parameters<typeof fakeFetch>[0];

function setup(opts: { routes?: Routes; lists?: Record<string, Chat[]>; history?: Message[]; lang?: string } = {}) {
  const data = opts.lists ?? { waiting: [], mine: [mineChat()], resolved: [], all: [mineChat()] };
  const history = opts.history ?? [message(299, 12, mina, 'hello'), message(300, 12, mina, 'thanks!')];
  const api = fakeFetch({
    'GET /me': () => ({ status: 200, body: me }),
    'GET /me/availability': () => ({ status: 200, body: { status: 'online' } }),
    'GET /chats': (call) => {
      const scope = new URLSearchParams(call.path.split('?')[1]).get('scope') ?? 'all';
      return { status: 200, body: { items: data[scope] ?? [], next_before: null } };
    },
    'POST /chats/12/open': () => ({ status: 200, body: mineChat() }),
    'GET /chats/12': () => ({ status: 200, body: mineChat() }),
    'GET /chats/12/messages': () => ({ status: 200, body: { items: history, has_more: false } }),
    'GET /chats/12/visitor': () => ({ status: 200, body: visitor() }),
    ...opts.routes,
  });
  window.localStorage.setItem(TOKEN_KEY, 'admin-token');
  if (opts.lang) window.localStorage.setItem(`parley:${ORIGIN}:admin:lang`, opts.lang);
  const alerts = { beep: vi.fn(), notify: vi.fn() };
  const store = new AdminStore({ origin: ORIGIN, fetchImpl: api.impl, createSocket: FakeWebSocket.factory, storage: window.localStorage, alerts });
  render(<App store={store} />);
  return { store, api, alerts };
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

async function openMina(store: AdminStore) {
  const ws = await online(store);
  await userEvent.click(within(screen.getByRole('region', { name: /Mine/ })).getByRole('link', { name: /Mina/ }));
  await within(await screen.findByRole('log', { name: 'Messages' })).findByText('hello');
  return ws;
}

beforeEach(() => {
  FakeWebSocket.reset();
  window.localStorage.clear();
  window.history.replaceState(null, '', '/admin');
});

describe('lifecycle', () => {
  it('resolves the open chat from the button, moving it to Resolved', async () => {
    const { store, api } = setup({
      routes: { 'POST /chats/12/resolve': () => ({ status: 200, body: mineChat({ status: 'resolved' }) }) },
    });
    await openMina(store);
    const button = screen.getByRole('button', { name: /Resolve/ });
    expect(button).toHaveAttribute('aria-keyshortcuts', 'Alt+R');
    expect(button).toHaveAttribute('title', expect.stringContaining('Alt+R'));
    await userEvent.click(button);
    await waitFor(() => expect(within(screen.getByRole('region', { name: /Resolved/ })).getByRole('link', { name: /Mina/ })).toBeInTheDocument());
    expect(within(screen.getByRole('region', { name: /Mine/ })).queryByRole('link')).toBeNull();
    expect(api.calls.filter((c) => c.method === 'POST' && c.path === '/chats/12/resolve')).toHaveLength(1);
    expect(screen.getByText(/This conversation is resolved/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Resolve/ })).toBeNull();
  });

  it('resolves with Alt+R from the composer, and leaves plain typing alone', async () => {
    const { store, api } = setup({
      routes: { 'POST /chats/12/resolve': () => ({ status: 200, body: mineChat({ status: 'resolved' }) }) },
    });
    await openMina(store);
    const box = screen.getByRole('textbox', { name: 'Reply' });
    await userEvent.type(box, 'r');
    expect(box).toHaveValue('r');
    expect(api.calls.some((c) => c.path === '/chats/12/resolve')).toBe(false);
    await userEvent.keyboard('{Alt>}r{/Alt}');
    await waitFor(() => expect(api.calls.filter((c) => c.path === '/chats/12/resolve')).toHaveLength(1));
    expect(box).toHaveValue('r');
  });

  it('shows a reopened chat back under Waiting with a Reopened cue, and follows resolve events', async () => {
    const resolved = mineChat({ status: 'resolved' });
    const { store, alerts } = setup({ lists: { waiting: [], mine: [], resolved: [resolved], all: [resolved] } });
    const ws = await online(store);
    expect(within(screen.getByRole('region', { name: /Resolved/ })).getByRole('link', { name: /Mina/ })).toBeInTheDocument();
    const back = { ...resolved, status: 'waiting' as const, admin: null, last_message: message(301, 12, mina, 'it broke again'), unread_count: 1 };
    act(() => {
      ws.emit('chat.reopened', { chat: back });
      ws.emit('chat.waiting', { chat: back });
    });
    const row = within(screen.getByRole('region', { name: /Waiting/ })).getByRole('link', { name: /Mina/ });
    expect(row).toHaveTextContent('Reopened');
    expect(row).toHaveTextContent('it broke again');
    expect(within(screen.getByRole('region', { name: /Resolved/ })).queryByRole('link')).toBeNull();
    expect(alerts.notify).toHaveBeenCalledWith('Chat reopened', expect.stringContaining('it broke again'), expect.any(Function));
    act(() => ws.emit('chat.resolved', { chat: { ...back, status: 'resolved', admin: me } }));
    const again = within(screen.getByRole('region', { name: /Resolved/ })).getByRole('link', { name: /Mina/ });
    expect(again).not.toHaveTextContent('Reopened');
  });
});

describe('notes', () => {
  it('writes a note from the same composer, sends it through the outbox as kind note, and shows it apart from replies', async () => {
    const { store } = setup();
    const ws = await openMina(store);
    await userEvent.click(screen.getByRole('button', { name: /Note/ }));
    expect(screen.getByRole('button', { name: /Note/ })).toHaveAttribute('aria-pressed', 'true');
    const box = screen.getByRole('textbox', { name: 'Internal note' });
    await userEvent.type(box, 'VIP, be nice{Enter}');
    const frame = ws.lastRequest('message.send');
    expect(frame.params).toMatchObject({ chat_id: 12, body: 'VIP, be nice', kind: 'note', client_msg_id: expect.any(String) });
    const log = screen.getByRole('log', { name: 'Messages' });
    // Pending, and already marked as a note.
    expect((await within(log).findByText('VIP, be nice')).closest('.msg')).toHaveClass('note', 'pending');
    const cid = String(frame.params?.client_msg_id);
    act(() => ws.reply(frame.id, { message: { ...message(310, 12, me, 'VIP, be nice', cid), kind: 'note' } }));
    await waitFor(() => expect(within(log).getByText('VIP, be nice').closest('.msg')).not.toHaveClass('pending'));
    const row = within(log).getByText('VIP, be nice').closest('.msg');
    expect(row).toHaveClass('note');
    expect(row).toHaveTextContent('Internal note');
    expect(row).toHaveTextContent('The visitor does not see this');
    expect(within(log).getByText('hello').closest('.msg')).not.toHaveClass('note');
  });

  it('never counts a colleague note as unread', async () => {
    const { store } = setup();
    const ws = await online(store);
    const bob = user(3, 'admin', 'Bob');
    act(() => ws.emit('message.new', { message: { ...message(320, 12, bob, 'heads up'), kind: 'note' } }));
    const row = within(screen.getByRole('region', { name: /Mine/ })).getByRole('link', { name: /Mina/ });
    expect(row).toHaveTextContent('Note: heads up');
    expect(within(row).queryByLabelText(/unread/)).toBeNull();
  });
});

describe('canned replies in the composer', () => {
  const replies: CannedReply[] = [
    { id: 1, shortcut: 'refund', title: 'Refunds', body: 'Hi {customer}, refunds take 5 days. {admin}', updated_at: '2026-01-01T10:00:00Z' },
    { id: 2, shortcut: 'greet', title: 'Hello', body: 'Hello {customer}, thanks for reaching out', updated_at: '2026-01-01T10:00:00Z' },
    { id: 3, shortcut: 'ship', title: null, body: 'We ship in 2 days', updated_at: '2026-01-01T10:00:00Z' },
  ];

  it('opens on "/" with a keyboard-driven listbox and fills in the names', async () => {
    const { store, api } = setup({
      routes: {
        'GET /canned': (call) => {
          const q = new URLSearchParams(call.path.split('?')[1]).get('q') ?? '';
          // As the server does: shortcut prefix, or a word of title or body.
          const hit = replies.filter((r) => r.shortcut.startsWith(q) || `${r.title ?? ''} ${r.body}`.toLowerCase().split(/\W+/).some((w) => w.startsWith(q)));
          return { status: 200, body: { items: hit.sort((a, b) => a.shortcut.localeCompare(b.shortcut)) } };
        },
      },
    });
    await openMina(store);
    const box = screen.getByRole('textbox', { name: 'Reply' });
    await userEvent.type(box, '/re');
    const list = await screen.findByRole('listbox', { name: 'Canned replies' });
    // "refund" starts with "re", "greet" has a word that does ("reaching"): the shortcut match comes first.
    await waitFor(() => expect(within(list).getAllByRole('option').map((o) => o.textContent)).toEqual([expect.stringContaining('/refund'), expect.stringContaining('/greet')]));
    expect(api.calls.some((c) => c.path === '/canned?q=re')).toBe(true);
    const options = within(list).getAllByRole('option');
    expect(options[0]).toHaveAttribute('aria-selected', 'true');
    expect(box).toHaveAttribute('aria-activedescendant', options[0].id);
    await userEvent.keyboard('{ArrowDown}');
    expect(within(list).getAllByRole('option')[1]).toHaveAttribute('aria-selected', 'true');
    await userEvent.keyboard('{ArrowDown}');
    expect(within(list).getAllByRole('option')[0]).toHaveAttribute('aria-selected', 'true');
    await userEvent.keyboard('{Enter}');
    expect(box).toHaveValue('Hi Mina, refunds take 5 days. Alice');
    expect(screen.queryByRole('listbox')).toBeNull();

    await userEvent.clear(box);
    await userEvent.type(box, '/gr');
    await screen.findByRole('option', { name: /greet/ });
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(box).toHaveValue('/gr');
  });
});

describe('visitor panel', () => {
  it('shows where the visitor is, live, and blocks and unblocks them', async () => {
    const { store, api } = setup({
      routes: {
        'POST /chats/12/block': () => ({ status: 204 }),
        'POST /chats/12/unblock': () => ({ status: 204 }),
      },
    });
    const ws = await openMina(store);
    const panel = screen.getByRole('complementary', { name: 'Visitor' });
    const now = await within(panel).findByRole('region', { name: 'Current page' });
    expect(within(now).getByRole('link', { name: 'Your cart' })).toHaveAttribute('href', 'https://shop.test/cart');
    expect(panel).toHaveTextContent('Online');
    expect(panel).toHaveTextContent('Chrome 156');
    expect(panel).toHaveTextContent('Windows 11');
    expect(panel).toHaveTextContent('pt-PT');
    expect(panel).toHaveTextContent('mina@example.com');
    expect(panel).toHaveTextContent('Europe/Lisbon');
    expect(panel).toHaveTextContent('plan');
    expect(panel).toHaveTextContent('pro');
    expect(within(panel).getByRole('link', { name: 'Home' })).toBeInTheDocument();

    act(() => ws.emit('visitor.page', { chat_id: 12, customer_id: mina.id, page: { url: 'https://shop.test/checkout', title: 'Checkout', referrer: null, at: '2026-01-01T10:01:00Z' } }));
    expect(within(within(panel).getByRole('region', { name: 'Current page' })).getByRole('link', { name: 'Checkout' })).toBeInTheDocument();
    expect(within(within(panel).getByRole('region', { name: 'Pages visited' })).getAllByRole('listitem')).toHaveLength(3);
    // Another chat's page changes nothing here.
    act(() => ws.emit('visitor.page', { chat_id: 99, customer_id: 5, page: { url: 'https://elsewhere.test/', title: 'Elsewhere', referrer: null, at: '2026-01-01T10:02:00Z' } }));
    expect(within(panel).queryByText('Elsewhere')).toBeNull();

    await userEvent.click(within(panel).getByRole('button', { name: 'Block visitor' }));
    await within(panel).findByRole('button', { name: 'Unblock visitor' });
    expect(api.calls.some((c) => c.method === 'POST' && c.path === '/chats/12/block')).toBe(true);
    expect(screen.getAllByText(/blocked and can no longer send messages/).length).toBeGreaterThan(0);
    await userEvent.click(within(panel).getByRole('button', { name: 'Unblock visitor' }));
    await within(panel).findByRole('button', { name: 'Block visitor' });
    expect(api.calls.some((c) => c.method === 'POST' && c.path === '/chats/12/unblock')).toBe(true);
  });
});

describe('search', () => {
  it('splits words as the server does and marks the matched ones as text', () => {
    expect(searchTerms('Где мой заказ? id')).toEqual(['где', 'мой', 'заказ']);
    expect(highlight('Ваш ЗАКАЗ отправлен <b>', ['заказ'])).toEqual([
      { text: 'Ваш ', match: false },
      { text: 'ЗАКАЗ', match: true },
      { text: ' отправлен <b>', match: false },
    ]);
  });

  it('lists hits with the words highlighted, pages with before, and jumps into the chat around the hit', async () => {
    const hit = (id: number, body: string) => ({ chat_id: 12, message: message(id, 12, mina, body) });
    const { store, api } = setup({
      routes: {
        'GET /search': (call) => {
          const q = new URLSearchParams(call.path.split('?')[1]);
          return q.get('before') === '250'
            ? { status: 200, body: { items: [hit(200, 'my parcel <img src=x> is late')], next_before: null } }
            : { status: 200, body: { items: [hit(280, 'Where is my parcel?'), hit(250, 'parcels again')], next_before: 250 } };
        },
        'GET /chats/12/messages': (call) => {
          const q = new URLSearchParams(call.path.split('?')[1]);
          if (q.get('before') === '201') return { status: 200, body: { items: [message(199, 12, mina, 'before it'), message(200, 12, mina, 'my parcel <img src=x> is late')], has_more: true } };
          if (q.get('after') === '200') return { status: 200, body: { items: [message(201, 12, me, 'after it')], has_more: true } };
          return { status: 200, body: { items: [], has_more: false } };
        },
      },
    });
    await online(store);
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    await userEvent.type(screen.getByRole('searchbox', { name: 'Words to find' }), 'parcel{Enter}');
    expect(window.location.search).toBe('?q=parcel');
    const results = await screen.findByRole('list', { name: 'Results' });
    await waitFor(() => expect(results).toHaveTextContent('Where is my parcel?'));
    expect(within(results).getAllByText(/^parcels?$/).map((m) => m.tagName)).toEqual(['MARK', 'MARK']);
    await userEvent.click(screen.getByRole('button', { name: 'More results' }));
    const marks = await within(results).findAllByText('parcel');
    expect(marks).toHaveLength(2);
    expect(api.calls.some((c) => c.path === '/search?q=parcel&limit=20&before=250')).toBe(true);
    expect(results.querySelector('img')).toBeNull();
    expect(screen.queryByRole('button', { name: 'More results' })).toBeNull();

    const links = within(results).getAllByRole('link', { name: 'Open in chat #12' });
    await userEvent.click(links[2]);
    expect(window.location.pathname + window.location.search).toBe('/admin/chats/12?message=200');
    const log = await screen.findByRole('log', { name: 'Messages' });
    const target = (await within(log).findByText('my parcel <img src=x> is late')).closest('.msg');
    expect(target).toHaveClass('focused');
    expect(within(log).getByText('before it')).toBeInTheDocument();
    expect(within(log).getByText('after it')).toBeInTheDocument();
    expect(within(log).getByRole('button', { name: 'Load newer messages' })).toBeInTheDocument();
  });

  it('explains a query with no word of 3 letters without asking the server', async () => {
    const { store, api } = setup();
    await online(store);
    await userEvent.click(screen.getByRole('button', { name: 'Search' }));
    await userEvent.type(screen.getByRole('searchbox', { name: 'Words to find' }), 'a b{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent('Type a word of 3 or more letters');
    expect(api.calls.some((c) => c.path.startsWith('/search'))).toBe(false);
  });
});

describe('availability and language', () => {
  it('switches to away and back', async () => {
    let status = 'online';
    const { store, api } = setup({
      routes: {
        'GET /me/availability': () => ({ status: 200, body: { status } }),
        'POST /me/availability': (call) => {
          status = (call.body as { status: string }).status;
          return { status: 200, body: { status } };
        },
      },
    });
    await online(store);
    const select = screen.getByRole('combobox', { name: 'Status' });
    await waitFor(() => expect(select).toHaveValue('online'));
    await userEvent.selectOptions(select, 'away');
    await waitFor(() => expect(status).toBe('away'));
    expect(api.calls.find((c) => c.method === 'POST' && c.path === '/me/availability')?.body).toEqual({ status: 'away' });
    expect(select).toHaveValue('away');
  });

  it('speaks Russian after the switch, and remembers it', async () => {
    const { store } = setup();
    await online(store);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'ru');
    expect(screen.getByRole('heading', { name: /Ожидают/ })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: /Решённые/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Выйти' })).toBeInTheDocument();
    expect(screen.getByRole('status', { name: 'Соединение: Подключено' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('ru');
    expect(window.localStorage.getItem(`parley:${ORIGIN}:admin:lang`)).toBe('ru');
    await userEvent.click(within(screen.getByRole('region', { name: /Мои/ })).getByRole('link', { name: /Mina/ }));
    expect(await screen.findByRole('textbox', { name: 'Ответ' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Решено/ })).toBeInTheDocument();
  });
});

describe('canned replies page', () => {
  it('adds, explains a taken shortcut, edits and deletes', async () => {
    const items: CannedReply[] = [{ id: 1, shortcut: 'hi', title: null, body: 'Hello!', updated_at: '2026-01-01T10:00:00Z' }];
    const { store, api } = setup({
      routes: {
        'GET /canned': () => ({ status: 200, body: { items } }),
        'POST /canned': (call) => {
          const b = call.body as { shortcut: string; title?: string; body: string };
          if (items.some((c) => c.shortcut === b.shortcut)) return { status: 409, body: { detail: 'Shortcut taken' } };
          const item = { id: 2, shortcut: b.shortcut, title: b.title ?? null, body: b.body, updated_at: '2026-01-01T10:00:00Z' };
          items.push(item);
          return { status: 201, body: item };
        },
        'PATCH /canned/2': (call) => ({ status: 200, body: { ...items[1], ...(call.body as object) } }),
        'DELETE /canned/1': () => ({ status: 204 }),
      },
    });
    await online(store);
    await userEvent.click(screen.getByRole('button', { name: 'Canned replies' }));
    expect(await screen.findByText('Hello!')).toBeInTheDocument();
    const form = screen.getByRole('button', { name: 'Add reply' }).closest('form') as HTMLFormElement;
    await userEvent.type(within(form).getByLabelText('Shortcut'), 'hi');
    await userEvent.type(within(form).getByLabelText('Text'), 'Dup');
    await userEvent.click(within(form).getByRole('button', { name: 'Add reply' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('The shortcut /hi is taken');
    await userEvent.clear(within(form).getByLabelText('Shortcut'));
    await userEvent.type(within(form).getByLabelText('Shortcut'), 'bye');
    await userEvent.type(within(form).getByLabelText('Title (optional)'), 'Goodbye');
    await userEvent.click(within(form).getByRole('button', { name: 'Add reply' }));
    expect(await screen.findByText('/bye')).toBeInTheDocument();
    expect(api.calls.filter((c) => c.method === 'POST' && c.path === '/canned').at(-1)?.body).toEqual({ shortcut: 'bye', title: 'Goodbye', body: 'Dup' });

    await userEvent.click(screen.getByRole('button', { name: 'Edit /bye' }));
    const edit = screen.getByRole('button', { name: 'Save' }).closest('form') as HTMLFormElement;
    await userEvent.clear(within(edit).getByLabelText('Text'));
    await userEvent.type(within(edit).getByLabelText('Text'), 'See you!');
    await userEvent.click(within(edit).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('See you!')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Delete /hi' }));
    await waitFor(() => expect(screen.queryByText('Hello!')).toBeNull());
    expect(api.calls.some((c) => c.method === 'DELETE' && c.path === '/canned/1')).toBe(true);
  });
});
