// Webhooks, email status and the outbox's delivery problems in the panel (issue 14).
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { chat, FakeWebSocket, fakeFetch, message, user } from '../test-utils';
import type { Chat } from '../shared/types';
import type { Delivery, MailStatus, OutboxRow, Webhook } from './adminApi';
import { App } from './App';
import { AdminStore } from './store';

const ORIGIN = 'http://admin.test';
const me = { ...user(1, 'admin', 'Alice'), username: 'admin' };
type Routes = Parameters<typeof fakeFetch>[0];

const hook = (extra: Partial<Webhook> = {}): Webhook => ({
  id: 5,
  url: 'https://crm.example.com/hooks/parley',
  events: ['message.created'],
  enabled: true,
  created_at: '2026-01-01T10:00:00Z',
  ...extra,
});

const delivery = (extra: Partial<Delivery> = {}): Delivery => ({
  id: 'msg_2a',
  type: 'ping',
  status: 'delivered',
  attempts: 1,
  response_status: 204,
  last_error: null,
  created_at: '2026-01-01T10:01:00Z',
  delivered_at: '2026-01-01T10:01:01Z',
  ...extra,
});

function setup(path: string, routes: Routes, wrap: (impl: typeof fetch) => typeof fetch = (impl) => impl) {
  const api = fakeFetch({
    'GET /me': () => ({ status: 200, body: me }),
    'GET /me/availability': () => ({ status: 200, body: { status: 'online' } }),
    'GET /chats': () => ({ status: 200, body: { items: [], next_before: null } }),
    ...routes,
  });
  window.localStorage.setItem(`parley:${ORIGIN}:admin:token`, 'admin-token');
  window.history.replaceState(null, '', path);
  const store = new AdminStore({ origin: ORIGIN, fetchImpl: wrap(api.impl), createSocket: FakeWebSocket.factory, storage: window.localStorage });
  render(<App store={store} />);
  return { store, api };
}

async function start(store: AdminStore) {
  await act(() => store.init());
  const ws = FakeWebSocket.last;
  act(() => {
    ws.open();
    ws.acceptAuth(me, 1);
  });
}

beforeEach(() => {
  FakeWebSocket.reset();
  window.localStorage.clear();
});

describe('webhooks page', () => {
  it('adds an endpoint with the chosen events and shows its secret once, with Copy', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const { store, api } = setup('/admin/webhooks', {
      'GET /admin/webhooks': () => ({ status: 200, body: { items: [] } }),
      'POST /admin/webhooks': (call) => ({ status: 201, body: { ...hook(call.body as Partial<Webhook>), id: 9, secret: 'whsec_c2VjcmV0' } }),
    });
    await start(store);
    expect(await screen.findByText('No endpoints yet.')).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Endpoint URL'), 'http://127.0.0.1:9999/hook');
    await userEvent.click(screen.getByRole('checkbox', { name: 'chat.created' })); // on by default: now off
    await userEvent.click(screen.getByRole('checkbox', { name: 'chat.resolved' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add endpoint' }));
    const call = api.calls.find((c) => c.method === 'POST' && c.path === '/admin/webhooks');
    expect(call?.body).toEqual({ url: 'http://127.0.0.1:9999/hook', events: ['message.created', 'chat.resolved'] });
    const box = await screen.findByRole('region', { name: /Signing secret for http:\/\/127\.0\.0\.1:9999\/hook/ });
    expect(within(box).getByLabelText('Signing secret')).toHaveValue('whsec_c2VjcmV0');
    await userEvent.click(within(box).getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenCalledWith('whsec_c2VjcmV0');
    expect(within(box).getByText('Copied')).toBeInTheDocument();
    await userEvent.click(within(box).getByRole('button', { name: 'Done' }));
    expect(screen.queryByDisplayValue('whsec_c2VjcmV0')).toBeNull();
    // The list itself never shows the secret.
    expect(document.body.textContent).not.toContain('whsec_');
    expect(screen.getByText('http://127.0.0.1:9999/hook')).toBeInTheDocument();
  });

  it('explains a refused URL with the server reason', async () => {
    const { store } = setup('/admin/webhooks', {
      'GET /admin/webhooks': () => ({ status: 200, body: { items: [] } }),
      'POST /admin/webhooks': () => ({ status: 422, body: { detail: 'the URL resolves to a private address' } }),
    });
    await start(store);
    await userEvent.type(await screen.findByLabelText('Endpoint URL'), 'http://10.0.0.1/x');
    await userEvent.click(screen.getByRole('button', { name: 'Add endpoint' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not add the endpoint: the URL resolves to a private address');
  });

  it('sends a test, follows the delivery log until it is delivered, and retries a dead delivery', async () => {
    let log: Delivery[] = [];
    const { store, api } = setup('/admin/webhooks', {
      'GET /admin/webhooks': () => ({ status: 200, body: { items: [hook()] } }),
      'POST /admin/webhooks/5/test': () => {
        log = [delivery({ status: 'pending', attempts: 0, response_status: null, delivered_at: null }), delivery({ id: 'msg_1', type: 'message.created', status: 'dead', attempts: 9, response_status: 500, last_error: 'HTTP 500' })];
        return { status: 202, body: {} };
      },
      'GET /admin/webhooks/5/deliveries': () => ({ status: 200, body: { items: log } }),
      'POST /admin/webhooks/5/deliveries/msg_1/retry': () => ({ status: 202, body: {} }),
    });
    await start(store);
    const item = (await screen.findByText('https://crm.example.com/hooks/parley')).closest('li') as HTMLElement;
    await userEvent.click(within(item).getByRole('button', { name: 'Send a test' }));
    expect(within(item).getByText('Test ping queued')).toBeInTheDocument();
    expect(await within(item).findByText('Pending')).toBeInTheDocument();
    log = [delivery(), log[1]];
    await waitFor(() => expect(within(item).getByText('Delivered')).toBeInTheDocument(), { timeout: 4000 });
    const dead = within(item).getByText('Dead').closest('li') as HTMLElement;
    expect(dead).toHaveTextContent('HTTP 500');
    expect(dead).toHaveTextContent('9');
    expect(within(item).getByText('Delivered').closest('li')).toHaveTextContent('204');
    await userEvent.click(within(dead).getByRole('button', { name: 'Retry' }));
    expect(api.calls.some((c) => c.method === 'POST' && c.path === '/admin/webhooks/5/deliveries/msg_1/retry')).toBe(true);
    expect(await within(item).findByText('Queued again')).toBeInTheDocument();
  });

  it('switches an endpoint off and deletes it after a confirmation', async () => {
    const { store, api } = setup('/admin/webhooks', {
      'GET /admin/webhooks': () => ({ status: 200, body: { items: [hook()] } }),
      'PATCH /admin/webhooks/5': (call) => ({ status: 200, body: hook(call.body as Partial<Webhook>) }),
      'DELETE /admin/webhooks/5': () => ({ status: 204 }),
    });
    await start(store);
    const item = (await screen.findByText('https://crm.example.com/hooks/parley')).closest('li') as HTMLElement;
    const enabled = within(item).getByRole('checkbox', { name: 'Enabled' });
    expect(enabled).toBeChecked();
    await userEvent.click(enabled);
    expect(api.calls.find((c) => c.method === 'PATCH')?.body).toEqual({ enabled: false });
    await waitFor(() => expect(within(item).getByRole('checkbox', { name: 'Enabled' })).not.toBeChecked());
    await userEvent.click(within(item).getByRole('button', { name: 'Delete' }));
    expect(api.calls.some((c) => c.method === 'DELETE')).toBe(false);
    await userEvent.click(within(item).getByRole('button', { name: 'Yes, delete' }));
    expect(api.calls.some((c) => c.method === 'DELETE' && c.path === '/admin/webhooks/5')).toBe(true);
    expect(await screen.findByText('No endpoints yet.')).toBeInTheDocument();
  });

  it('moves the Enabled switch at the click, and puts it back with a message when the change fails', async () => {
    // PATCH answers only when the test lets it.
    let release: () => void = () => {};
    const wrap = (impl: typeof fetch): typeof fetch =>
      (async (input: RequestInfo | URL, init?: RequestInit) => {
        if (init?.method === 'PATCH') await new Promise<void>((r) => (release = r));
        return impl(input, init);
      }) as typeof fetch;
    let fail = false;
    const { store } = setup(
      '/admin/webhooks',
      {
        'GET /admin/webhooks': () => ({ status: 200, body: { items: [hook()] } }),
        'PATCH /admin/webhooks/5': (call) => (fail ? { status: 500, body: { detail: 'boom' } } : { status: 200, body: hook(call.body as Partial<Webhook>) }),
      },
      wrap,
    );
    await start(store);
    const item = (await screen.findByText('https://crm.example.com/hooks/parley')).closest('li') as HTMLElement;
    const box = () => within(item).getByRole('checkbox', { name: 'Enabled' });
    await userEvent.click(box());
    expect(box()).not.toBeChecked(); // before the server answers
    expect(item).not.toHaveClass('hook-disabled'); // the look follows what is saved
    await act(async () => release());
    await waitFor(() => expect(item).toHaveClass('hook-disabled'));
    expect(box()).not.toBeChecked();

    fail = true;
    await userEvent.click(box());
    expect(box()).toBeChecked();
    await act(async () => release());
    expect(await within(item).findByRole('alert')).toHaveTextContent('Could not change the endpoint');
    expect(box()).not.toBeChecked();
    expect(item).toHaveClass('hook-disabled');
  });
});

describe('email page', () => {
  const dead: OutboxRow = {
    id: 77,
    kind: 'email',
    status: 'dead',
    attempts: 8,
    last_error: '550 mailbox unavailable',
    created_at: '2026-01-01T10:00:00Z',
    next_attempt_at: null,
    summary: 'Reply to mina@example.com',
  };

  it('says plainly that email is off, and lists dead rows with Retry', async () => {
    const mail: MailStatus = { enabled: false, mail_from: null, team_email: null, dev_inbox: null };
    const { store, api } = setup('/admin/mail', {
      'GET /admin/mail': () => ({ status: 200, body: mail }),
      'GET /admin/outbox': () => ({ status: 200, body: { items: [dead], next_before: null } }),
      'POST /admin/outbox/77/retry': () => ({ status: 202, body: {} }),
    });
    await start(store);
    expect(await screen.findByText('Email is off: set SMTP_URL, MAIL_FROM and PUBLIC_URL')).toBeInTheDocument();
    const row = (await screen.findByText(/Reply to mina@example.com/)).closest('li') as HTMLElement;
    expect(row).toHaveTextContent('550 mailbox unavailable');
    expect(api.calls.find((c) => c.path.startsWith('/admin/outbox'))?.path).toContain('status=dead');
    await userEvent.click(within(row).getByRole('button', { name: 'Retry' }));
    expect(api.calls.some((c) => c.method === 'POST' && c.path === '/admin/outbox/77/retry')).toBe(true);
    expect(await screen.findByText('Queued again')).toBeInTheDocument();
    expect(screen.queryByText(/Reply to mina@example.com/)).toBeNull();
  });

  it('shows where mail goes when it is on, and filters failed rows', async () => {
    const mail: MailStatus = { enabled: true, mail_from: 'support@shop.test', team_email: null, dev_inbox: '127.0.0.1:1025' };
    const { store, api } = setup('/admin/mail', {
      'GET /admin/mail': () => ({ status: 200, body: mail }),
      'GET /admin/outbox': () => ({ status: 200, body: { items: [], next_before: null } }),
    });
    await start(store);
    expect(await screen.findByText('Email is on.')).toBeInTheDocument();
    expect(screen.getByText('support@shop.test')).toBeInTheDocument();
    expect(screen.getByText('nobody (set TEAM_EMAIL)')).toBeInTheDocument();
    expect(screen.getByText('127.0.0.1:1025')).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText('Show'), 'failed');
    await waitFor(() => expect(api.calls.some((c) => c.path.includes('status=failed'))).toBe(true));
    expect(await screen.findByText('Nothing here.')).toBeInTheDocument();
  });

  it('warns next to the visitor email when email is off', async () => {
    const mina = { ...user(102), display_name: 'Mina' };
    const c: Chat = { ...chat(12, mina, me, { updated_at: new Date().toISOString() }), last_message: message(300, 12, mina, 'hi') };
    const { store } = setup('/admin/chats/12', {
      'GET /chats': (call) => ({ status: 200, body: { items: call.path.includes('scope=mine') ? [c] : [], next_before: null } }),
      'POST /chats/12/open': () => ({ status: 200, body: c }),
      'GET /chats/12/messages': () => ({ status: 200, body: { items: [message(300, 12, mina, 'hi')], has_more: false } }),
      'GET /chats/12/visitor': () => ({
        status: 200,
        body: {
          customer: mina,
          email: 'mina@example.com',
          online: false,
          current_page: null,
          pages: [],
          user_agent: null,
          browser: null,
          os: null,
          language: null,
          timezone: null,
          attributes: {},
          first_seen_at: '2026-01-01T10:00:00Z',
          last_seen_at: '2026-01-01T10:00:00Z',
        },
      }),
      'GET /admin/mail': () => ({ status: 200, body: { enabled: false, mail_from: null, team_email: null, dev_inbox: null } }),
    });
    await start(store);
    const email = await screen.findByText('mina@example.com');
    await waitFor(() => expect(email.closest('dd')).toHaveTextContent('Email is off, so replies are not emailed'));
  });

  it('speaks Russian on these pages too', async () => {
    window.localStorage.setItem(`parley:${ORIGIN}:admin:lang`, 'ru');
    const { store } = setup('/admin/mail', {
      'GET /admin/mail': () => ({ status: 200, body: { enabled: false, mail_from: null, team_email: null, dev_inbox: null } }),
      'GET /admin/outbox': () => ({ status: 200, body: { items: [], next_before: null } }),
    });
    await start(store);
    expect(await screen.findByText('Почта выключена: задайте SMTP_URL, MAIL_FROM и PUBLIC_URL')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Проблемы доставки' })).toBeInTheDocument();
  });
});
