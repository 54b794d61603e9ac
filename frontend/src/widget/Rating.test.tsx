import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { chat, FakeWebSocket, message } from '../test-utils';
import { admin, config, guest, returning, serverAccepts, setup } from './testHarness';

beforeEach(() => {
  FakeWebSocket.reset();
  window.localStorage.clear();
});

const rated = { score: 5, comment: null, created_at: '2026-01-01T10:10:00Z' };

async function resolvedVisitor(routes: Parameters<typeof setup>[1] = {}, lang: 'en' | 'ru' = 'en') {
  const c = chat(9, guest, admin);
  const history = [{ ...message(100, 9, guest, 'hi'), created_at: new Date().toISOString() }, message(101, 9, admin, 'Done!')];
  const harness = setup(config({ lang }), { ...returning(c, history), ...routes });
  await act(() => harness.controller.init());
  await userEvent.click(screen.getByRole('button', { name: lang === 'ru' ? 'Открыть чат' : 'Open chat' }));
  const ws = await serverAccepts();
  act(() => ws.emit('chat.resolved', { chat: { ...c, status: 'resolved', rating: null } }));
  return { ...harness, ws, c };
}

describe('widget rating', () => {
  it('asks once the chat is resolved, with five labelled choices and an optional comment, then thanks', async () => {
    const { api, ws, c } = await resolvedVisitor({ 'POST /me/chat/rating': (call) => ({ status: 201, body: { ...(call.body as object), created_at: '2026-01-01T10:11:00Z' } }) });
    const group = screen.getByRole('group', { name: 'How was this conversation?' });
    const options = within(group).getAllByRole('radio');
    expect(options.map((o) => o.getAttribute('value'))).toEqual(['1', '2', '3', '4', '5']);
    expect(within(group).getByRole('radio', { name: '1 of 5: Very bad' })).toBeInTheDocument();
    expect(within(group).getByRole('radio', { name: '5 of 5: Excellent' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Send rating' })).toBeNull();
    // The rating stands alone: no email prompt beside it, even with nobody online.
    act(() => ws.emit('presence', { admins_online: 0 }));
    expect(screen.queryByRole('textbox', { name: 'Email (optional)' })).toBeNull();
    // Keyboard: into the group, then the arrow keys move between the choices.
    await userEvent.click(within(group).getByRole('radio', { name: '3 of 5: Okay' }));
    await userEvent.keyboard('{ArrowRight}');
    expect(within(group).getByRole('radio', { name: '4 of 5: Good' })).toBeChecked();
    await userEvent.type(screen.getByRole('textbox', { name: 'Anything to add? (optional)' }), 'Quick and kind');
    await userEvent.click(screen.getByRole('button', { name: 'Send rating' }));
    expect(await screen.findByText('Thank you for your feedback!')).toHaveAttribute('role', 'status');
    expect(api.calls.find((x) => x.path === '/me/chat/rating')?.body).toEqual({ score: 4, comment: 'Quick and kind' });
    expect(screen.queryByRole('group', { name: 'How was this conversation?' })).toBeNull();

    // Writing again reopens the chat as before; the next resolution is asked about again.
    act(() => ws.emit('chat.reopened', { chat: { ...c, admin: null, status: 'waiting', rating: null } }));
    expect(screen.queryByText('Thank you for your feedback!')).toBeNull();
    act(() => ws.emit('chat.resolved', { chat: { ...c, status: 'resolved', rating: null } }));
    const again = screen.getByRole('group', { name: 'How was this conversation?' });
    expect(within(again).getAllByRole('radio').some((r) => (r as HTMLInputElement).checked)).toBe(false);
  });

  it('a comment is optional', async () => {
    const { api } = await resolvedVisitor({ 'POST /me/chat/rating': () => ({ status: 201, body: rated }) });
    await userEvent.click(screen.getByRole('radio', { name: '5 of 5: Excellent' }));
    await userEvent.click(screen.getByRole('button', { name: 'Send rating' }));
    await screen.findByText('Thank you for your feedback!');
    expect(api.calls.find((x) => x.path === '/me/chat/rating')?.body).toEqual({ score: 5 });
  });

  it('409 (this resolution is rated already, say in another tab) thanks all the same', async () => {
    await resolvedVisitor({ 'POST /me/chat/rating': () => ({ status: 409, body: { detail: 'already rated' } }) });
    await userEvent.click(screen.getByRole('radio', { name: '2 of 5: Bad' }));
    await userEvent.click(screen.getByRole('button', { name: 'Send rating' }));
    expect(await screen.findByText('Thank you for your feedback!')).toBeInTheDocument();
  });

  it('a failure says so and keeps the choice for another try, in Russian too', async () => {
    let status = 500;
    await resolvedVisitor({ 'POST /me/chat/rating': () => (status === 201 ? { status, body: rated } : { status, body: { detail: 'boom' } }) }, 'ru');
    await userEvent.click(screen.getByRole('radio', { name: '5 из 5: Отлично' }));
    await userEvent.click(screen.getByRole('button', { name: 'Отправить оценку' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Не удалось отправить оценку. Попробуйте ещё раз.');
    status = 201;
    await userEvent.click(screen.getByRole('button', { name: 'Отправить оценку' }));
    expect(await screen.findByText('Спасибо за отзыв!')).toBeInTheDocument();
  });

  it('a resolved chat already rated shows the thanks, not the question', async () => {
    const c = { ...chat(9, guest, admin), status: 'resolved' as const, rating: rated };
    const { controller } = setup(config(), returning(c, [message(101, 9, admin, 'Done!')]));
    await act(() => controller.init());
    await userEvent.click(screen.getByRole('button', { name: 'Open chat' }));
    await waitFor(() => expect(screen.getByText('Thank you for your feedback!')).toBeInTheDocument());
    expect(screen.queryByRole('group', { name: 'How was this conversation?' })).toBeNull();
  });

  it('a blocked visitor is not asked', async () => {
    const c = { ...chat(9, guest, admin), status: 'resolved' as const, rating: null, blocked: true };
    const { controller } = setup(config(), returning(c, [message(101, 9, admin, 'Bye')]));
    await act(() => controller.init());
    await userEvent.click(screen.getByRole('button', { name: 'Open chat' }));
    expect(screen.queryByRole('group', { name: 'How was this conversation?' })).toBeNull();
  });
});
