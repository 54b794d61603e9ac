import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectAs, FakeWebSocket, flush, message, user } from '../test-utils';
import { Outbox, type OutboxItem } from './outbox';
import { ParleySocket } from './socket';
import { createStore } from './storage';
import type { Message } from './types';

const me = user(7);

function setup(store = createStore('parley:test', null)) {
  const socket = new ParleySocket({
    url: 'ws://x/api/v1/ws',
    getToken: () => 'tok',
    createSocket: FakeWebSocket.factory,
    random: () => 1,
    pingIntervalMs: 0,
  });
  const sent: Message[] = [];
  const changes: OutboxItem[][] = [];
  const outbox = new Outbox(socket, {
    store,
    timeoutMs: 5000,
    onSent: (m) => sent.push(m),
    onChange: (items) => changes.push(items),
  });
  return { socket, outbox, sent, changes, store };
}

const online = (socket: ParleySocket) => connectAs(socket, me);

beforeEach(() => {
  FakeWebSocket.reset();
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('Outbox', () => {
  it('sends with a client_msg_id, shows pending, and forgets the item when the result arrives', async () => {
    const { socket, outbox, sent } = setup();
    const ws = await online(socket);
    const item = outbox.send('hello', 3);
    expect(outbox.items).toEqual([expect.objectContaining({ body: 'hello', state: 'pending', chatId: 3 })]);
    const frame = ws.lastRequest('message.send');
    expect(frame.params).toEqual({ chat_id: 3, body: 'hello', client_msg_id: item.clientMsgId });
    expect(item.clientMsgId).toMatch(/^[0-9a-f-]{16,}$/);
    const m = message(11, 3, me, 'hello', item.clientMsgId);
    ws.reply(frame.id, { message: m });
    await flush();
    expect(outbox.items).toEqual([]);
    expect(sent).toEqual([m]);
  });

  it('omits chat_id for a customer without a chat', async () => {
    const { socket, outbox } = setup();
    const ws = await online(socket);
    outbox.send('first', null);
    expect(ws.lastRequest('message.send').params).not.toHaveProperty('chat_id');
  });

  it('keeps messages typed offline and in flight pending, and resends them after reconnect with the same client_msg_ids', async () => {
    const { socket, outbox, sent } = setup();
    const ws1 = await online(socket);
    const a = outbox.send('in flight', 3);
    ws1.serverClose(1006);
    await flush();
    const b = outbox.send('typed offline', 3);
    expect(outbox.items.map((i) => i.state)).toEqual(['pending', 'pending']);
    await vi.advanceTimersByTimeAsync(500);
    const ws2 = FakeWebSocket.last;
    ws2.open();
    ws2.acceptAuth(me);
    await flush();
    const resent = ws2.requests('message.send');
    expect(resent.map((f) => f.params?.client_msg_id)).toEqual([a.clientMsgId, b.clientMsgId]);
    // The server deduplicates: the same client_msg_id gives back the same message.
    ws2.reply(resent[0].id, { message: message(20, 3, me, 'in flight', a.clientMsgId) });
    ws2.reply(resent[1].id, { message: message(21, 3, me, 'typed offline', b.clientMsgId) });
    await flush();
    expect(outbox.items).toEqual([]);
    expect(sent.map((m) => m.id)).toEqual([20, 21]);
  });

  it('survives a reload: pending items are persisted and resent with the same id', async () => {
    const store = createStore('parley:test', null);
    const first = setup(store);
    const item = first.outbox.send('typed before reload', null); // never online
    first.outbox.dispose();
    FakeWebSocket.reset();
    const second = setup(store);
    expect(second.outbox.items).toEqual([expect.objectContaining({ clientMsgId: item.clientMsgId, state: 'pending' })]);
    const ws = await online(second.socket);
    expect(ws.lastRequest('message.send').params?.client_msg_id).toBe(item.clientMsgId);
  });

  it('marks a message failed on 4029 with the wait time, and Retry resends the same id', async () => {
    const { socket, outbox } = setup();
    const ws = await online(socket);
    const item = outbox.send('too fast', 3);
    ws.replyError(ws.lastRequest('message.send').id, 4029, 'Too many messages, retry in 5 s');
    await flush();
    expect(outbox.items[0]).toMatchObject({ state: 'failed', error: { kind: 'rate', retryAfter: 5 } });
    // A reconnect does not resend failed items by itself.
    outbox.flush();
    expect(ws.requests('message.send')).toHaveLength(1);
    outbox.retry(item.clientMsgId);
    expect(outbox.items[0].state).toBe('pending');
    const again = ws.requests('message.send');
    expect(again).toHaveLength(2);
    expect(again[1].params?.client_msg_id).toBe(item.clientMsgId);
  });

  it('marks a message failed when the server does not answer in time', async () => {
    const { socket, outbox } = setup();
    await online(socket);
    outbox.send('slow', 3);
    await vi.advanceTimersByTimeAsync(5000);
    expect(outbox.items[0]).toMatchObject({ state: 'failed', error: { kind: 'timeout' } });
  });

  it('classifies bad params as invalid', async () => {
    const { socket, outbox } = setup();
    const ws = await online(socket);
    outbox.send('x'.repeat(10), 3);
    ws.replyError(ws.lastRequest('message.send').id, -32602, 'body too long');
    await flush();
    expect(outbox.items[0].error?.kind).toBe('invalid');
  });

  it('ack() drops the pending copy when the message arrives as an event first', async () => {
    const { socket, outbox } = setup();
    await online(socket);
    const item = outbox.send('echo', 3);
    outbox.ack(message(30, 3, me, 'echo', item.clientMsgId));
    expect(outbox.items).toEqual([]);
  });
  it('sends a note with its files as kind note and attachment_ids, and resends both under the same id after a drop', async () => {
    const { socket, outbox } = setup();
    const ws1 = await online(socket);
    const item = outbox.send('', 3, { kind: 'note', attachmentIds: ['up1', 'up2'] });
    expect(ws1.lastRequest('message.send').params).toEqual({
      chat_id: 3,
      body: '',
      client_msg_id: item.clientMsgId,
      kind: 'note',
      attachment_ids: ['up1', 'up2'],
    });
    ws1.serverClose(1006);
    await flush();
    await vi.advanceTimersByTimeAsync(500);
    const ws2 = FakeWebSocket.last;
    ws2.open();
    ws2.acceptAuth(me);
    await flush();
    expect(ws2.lastRequest('message.send').params).toEqual({
      chat_id: 3,
      body: '',
      client_msg_id: item.clientMsgId,
      kind: 'note',
      attachment_ids: ['up1', 'up2'],
    });
  });

  it('sends a plain text message without kind or attachment_ids, as v1', async () => {
    const { socket, outbox } = setup();
    const ws = await online(socket);
    outbox.send('plain', 3, { kind: 'text', attachmentIds: [] });
    const params = ws.lastRequest('message.send').params;
    expect(params).not.toHaveProperty('kind');
    expect(params).not.toHaveProperty('attachment_ids');
  });
});
