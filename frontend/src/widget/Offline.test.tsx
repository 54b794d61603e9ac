import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { chat, FakeWebSocket, message } from '../test-utils';
import type { Message } from '../shared/types';
import { admin, config, guest, ORIGIN, returning, serverAccepts, setup } from './testHarness';

beforeEach(() => {
  FakeWebSocket.reset();
  window.localStorage.clear();
});

const ago = (m: Message, ms: number): Message => ({ ...m, created_at: new Date(Date.now() - ms).toISOString() });

async function openPanel(name = 'Open chat') {
  await userEvent.click(screen.getByRole('button', { name }));
  return screen.getByRole('dialog');
}

describe('widget offline mode and email', () => {
  it("says plainly that nobody is online, takes an optional email, and still takes the message", async () => {
    const { api } = setup(config(), { 'POST /me/email': () => ({ status: 204 }) }, { remote: { allowed: true, offline: true } });
    const dialog = await openPanel();
    expect(within(dialog).getByText('Nobody is online right now')).toBeInTheDocument();
    expect(within(dialog).getByText(/Leave your email and the answer will come there/)).toBeInTheDocument();
    const field = within(dialog).getByRole('textbox', { name: 'Email (optional)' });
    // The composer keeps the focus: the prompt is an offer, not a gate.
    expect(within(dialog).getByRole('textbox', { name: 'Message' })).toHaveFocus();
    await userEvent.type(field, 'not-an-email');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent('That does not look like an email address.');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(api.calls.some((c) => c.path === '/me/email')).toBe(false);
    await userEvent.clear(field);
    await userEvent.type(field, ' ann@example.com {Enter}');
    await waitFor(() => expect(api.calls.find((c) => c.path === '/me/email')?.body).toEqual({ email: 'ann@example.com' }));
    // Saving an email makes the visitor a guest first (the call needs a session).
    expect(api.calls.map((c) => c.path)).toEqual(['/auth/guest', '/me/email']);
    expect(await within(dialog).findByText('Nobody is online: we will answer by email at ann@example.com.')).toBeInTheDocument();
    expect(within(dialog).queryByRole('textbox', { name: 'Email (optional)' })).toBeNull();
    const ws = await serverAccepts(guest, 0);
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Message' }), 'Do you ship to Lisbon?{Enter}');
    expect(ws.lastRequest('message.send').params).toMatchObject({ body: 'Do you ship to Lisbon?' });
  });

  it('without the config field, the socket decides: 0 admins online asks for an email, presence clears it', async () => {
    const { controller } = setup(config(), returning(chat(9, guest, null), [ago(message(100, 9, guest, 'hello?'), 1000)]));
    await act(() => controller.init());
    const dialog = await openPanel();
    expect(within(dialog).queryByRole('textbox', { name: 'Email (optional)' })).toBeNull();
    const ws = await serverAccepts(guest, 0);
    expect(await within(dialog).findByRole('textbox', { name: 'Email (optional)' })).toBeInTheDocument();
    expect(within(dialog).getByText('Nobody is online right now')).toBeInTheDocument();
    act(() => ws.emit('presence', { admins_online: 1 }));
    expect(within(dialog).queryByRole('textbox', { name: 'Email (optional)' })).toBeNull();
    expect(within(dialog).getByText('Support is online')).toBeInTheDocument();
  });

  it('outside business hours it says so, even with an admin online', async () => {
    setup(config(), {}, { remote: { allowed: true, offline: true, business_hours: { timezone: 'Europe/Berlin', open: false } } });
    const dialog = await openPanel();
    expect(within(dialog).getByText('We are outside our working hours')).toBeInTheDocument();
    expect(within(dialog).getByText(/We are outside our working hours\. Leave your email/)).toBeInTheDocument();
  });

  it('a visitor who has waited over a minute for a first reply is offered the prompt, and can put it away', async () => {
    const { controller } = setup(config(), returning(chat(9, guest, null), [ago(message(100, 9, guest, 'anyone?'), 70_000)]));
    await act(() => controller.init());
    const dialog = await openPanel();
    await serverAccepts(guest, 2);
    expect(within(dialog).getByText('Taking a while? Leave your email and we will answer there too.')).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Not now' }));
    expect(within(dialog).queryByRole('textbox', { name: 'Email (optional)' })).toBeNull();
  });

  it('no prompt after half a minute of waiting', async () => {
    const fresh = setup(config(), returning(chat(9, guest, null), [ago(message(100, 9, guest, 'anyone?'), 30_000)]));
    await act(() => fresh.controller.init());
    await openPanel();
    await serverAccepts(guest, 2);
    expect(screen.queryByRole('textbox', { name: 'Email (optional)' })).toBeNull();
    expect(fresh.controller.state.waitedLong).toBe(false);
  });

  it('an answered visitor is not asked, however long ago they wrote', async () => {
    const history = [ago(message(100, 9, guest, 'anyone?'), 600_000), ago(message(101, 9, admin, 'Here!'), 500_000)];
    const { controller } = setup(config(), returning(chat(9, guest, admin), history));
    await act(() => controller.init());
    await openPanel();
    await serverAccepts(guest, 2);
    expect(screen.queryByRole('textbox', { name: 'Email (optional)' })).toBeNull();
  });

  it('shows the known email with Change, and sends the transcript (202)', async () => {
    const { controller, api } = setup(config(), {
      ...returning(chat(9, guest, admin), [ago(message(100, 9, guest, 'hi'), 1000)], { email: 'old@example.com' }),
      'POST /me/email': () => ({ status: 204 }),
      'POST /me/chat/transcript': () => ({ status: 202, body: {} }),
    });
    await act(() => controller.init());
    const dialog = await openPanel();
    await serverAccepts(guest, 1);
    expect(within(dialog).getByText('Replies you miss go to old@example.com.')).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Change' }));
    const field = within(dialog).getByRole('textbox', { name: 'Email (optional)' });
    expect(field).toHaveValue('old@example.com');
    expect(field).toHaveFocus();
    await userEvent.clear(field);
    await userEvent.type(field, 'new@example.com{Enter}');
    expect(await within(dialog).findByText('Replies you miss go to new@example.com.')).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Send me the transcript' }));
    expect(await within(dialog).findByText('The transcript is on its way to new@example.com.')).toHaveAttribute('role', 'status');
    expect(api.calls.filter((c) => c.path === '/me/chat/transcript')).toHaveLength(1);
    expect(window.localStorage.getItem(`parley:${ORIGIN}:email`)).toBe('new@example.com');
  });

  it('a transcript without an email (409) asks where to send it, then sends it', async () => {
    let email: string | null = null;
    const { controller, api } = setup(config({ lang: 'ru' }), {
      ...returning(chat(9, guest, admin), [ago(message(100, 9, guest, 'hi'), 1000)], { email: null }),
      'POST /me/email': (call) => {
        email = (call.body as { email: string }).email;
        return { status: 204 };
      },
      'POST /me/chat/transcript': () => (email ? { status: 202, body: {} } : { status: 409, body: { detail: 'no email' } }),
    });
    await act(() => controller.init());
    const dialog = await openPanel('Открыть чат');
    await serverAccepts(guest, 1);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Прислать переписку' }));
    expect(within(dialog).getByText('Куда отправить переписку?')).toBeInTheDocument();
    await userEvent.type(within(dialog).getByRole('textbox', { name: 'Email (необязательно)' }), 'ann@example.com{Enter}');
    expect(await within(dialog).findByText('Переписка отправлена на ann@example.com.')).toBeInTheDocument();
    expect(api.calls.filter((c) => c.path === '/me/chat/transcript')).toHaveLength(1);

    // The server lost the email meanwhile (409): the widget asks again rather than claiming success.
    email = null;
    act(() => controller.closeEmailForm());
    controller.state.transcript = 'idle';
    await act(() => controller.sendTranscript());
    expect(within(dialog).getByText('Куда отправить переписку?')).toBeInTheDocument();
  });
});

describe('widget offline mode on a server that sends no email', () => {
  it('says plainly that nobody is online and offers no email, no transcript', async () => {
    const { controller } = setup(config(), returning(chat(9, guest, null), [ago(message(100, 9, guest, 'hello?'), 120_000)]), {
      remote: { allowed: true, offline: true, email_enabled: false },
    });
    await act(() => controller.init());
    const dialog = await openPanel();
    await serverAccepts(guest, 0);
    expect(within(dialog).getByText('Nobody is online right now. Write anyway: we will answer here as soon as we are back.')).toHaveAttribute('role', 'status');
    expect(within(dialog).queryByRole('textbox', { name: 'Email (optional)' })).toBeNull();
    expect(within(dialog).queryByRole('button', { name: 'Send me the transcript' })).toBeNull();
  });
});

describe('business hours change while the page stays open', () => {
  it('opening the panel after five minutes asks the config again', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const { api } = setup(config(), { 'GET /widget/config': () => ({ status: 200, body: { allowed: true, offline: true, business_hours: { open: false }, email_enabled: true } }) }, {
        remote: { allowed: true, offline: false, business_hours: { open: true } },
      });
      await userEvent.click(screen.getByRole('button', { name: 'Open chat' }));
      expect(api.calls.some((c) => c.path === '/widget/config')).toBe(false);
      expect(screen.queryByText('We are outside our working hours')).toBeNull();
      await userEvent.click(screen.getByRole('button', { name: 'Close chat', expanded: true }));
      vi.setSystemTime(Date.now() + 6 * 60_000);
      await userEvent.click(screen.getByRole('button', { name: 'Open chat' }));
      expect(await screen.findByText('We are outside our working hours')).toBeInTheDocument();
      expect(api.calls.filter((c) => c.path === '/widget/config')).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
