import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectAs, FakeWebSocket, flush, user } from '../test-utils';
import { ParleySocket, RpcError } from './socket';
import type { Since } from './types';

const me = user(7);

function makeSocket(opts: { token?: string | null; since?: () => Since | undefined } = {}) {
  let token: string | null = opts.token === undefined ? 'tok-1' : opts.token;
  const socket = new ParleySocket({
    url: 'ws://chat.test/api/v1/ws',
    getToken: () => token,
    getSince: opts.since,
    createSocket: FakeWebSocket.factory,
    random: () => 1, // no jitter: delays are exactly the exponential cap
    pingIntervalMs: 0,
  });
  return { socket, setToken: (t: string | null) => (token = t) };
}

const connect = (socket: ParleySocket) => connectAs(socket, me);

beforeEach(() => {
  FakeWebSocket.reset();
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ParleySocket', () => {
  it('sends auth with the token and since as its first frame, then goes online', async () => {
    const { socket } = makeSocket({ since: () => 41 });
    const opened = vi.fn();
    socket.onOpen(opened);
    socket.start();
    const ws = FakeWebSocket.last;
    expect(ws.url).toBe('ws://chat.test/api/v1/ws');
    ws.open();
    expect(ws.sent[0]).toEqual({ id: 1, method: 'auth', params: { token: 'tok-1', since: 41 } });
    expect(socket.status).toBe('connecting');
    ws.acceptAuth(me, 2);
    await flush();
    expect(socket.status).toBe('online');
    expect(opened).toHaveBeenCalledWith({ user: me, admins_online: 2 });
  });

  it('uses the browser WebSocket when no factory is given (options left undefined keep defaults)', () => {
    vi.stubGlobal('WebSocket', FakeWebSocket);
    try {
      const socket = new ParleySocket({ url: 'ws://x/api/v1/ws', getToken: () => 't', createSocket: undefined, pingIntervalMs: undefined });
      socket.start();
      expect(FakeWebSocket.instances).toHaveLength(1);
      expect(FakeWebSocket.last.url).toBe('ws://x/api/v1/ws');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('does not connect without a token', () => {
    const { socket } = makeSocket({ token: null });
    socket.start();
    expect(FakeWebSocket.instances).toHaveLength(0);
    expect(socket.status).toBe('idle');
  });

  it('reconnects with exponential backoff capped at 10 s, and resets after a good auth', async () => {
    const { socket } = makeSocket();
    await connect(socket);
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      const count = FakeWebSocket.instances.length;
      FakeWebSocket.last.serverClose(1006);
      expect(socket.status).toBe('reconnecting');
      const expected = Math.min(10_000, 500 * 2 ** i);
      await vi.advanceTimersByTimeAsync(expected - 1);
      expect(FakeWebSocket.instances).toHaveLength(count);
      await vi.advanceTimersByTimeAsync(1);
      expect(FakeWebSocket.instances).toHaveLength(count + 1);
      delays.push(expected);
    }
    expect(socket.reconnectDelays).toEqual([500, 1000, 2000, 4000, 8000, 10000, 10000]);
    // A successful auth resets the backoff.
    const ws = FakeWebSocket.last;
    ws.open();
    ws.acceptAuth(me);
    await flush();
    ws.serverClose(1006);
    expect(socket.reconnectDelays.at(-1)).toBe(500);
  });

  it('adds jitter between half and all of the exponential delay', async () => {
    const socket = new ParleySocket({
      url: 'ws://x/api/v1/ws',
      getToken: () => 't',
      createSocket: FakeWebSocket.factory,
      random: () => 0,
      pingIntervalMs: 0,
    });
    socket.start();
    FakeWebSocket.last.serverClose(1006);
    await vi.advanceTimersByTimeAsync(250);
    FakeWebSocket.last.serverClose(1006);
    expect(socket.reconnectDelays).toEqual([250, 500]);
  });

  it('re-authenticates with the latest since after a reconnect (catch-up)', async () => {
    let last = 10;
    const { socket } = makeSocket({ since: () => ({ '3': last }) });
    const ws1 = await connect(socket);
    expect(ws1.sent[0].params).toEqual({ token: 'tok-1', since: { '3': 10 } });
    last = 25;
    ws1.serverClose(1006);
    await vi.advanceTimersByTimeAsync(500);
    const ws2 = FakeWebSocket.last;
    expect(ws2).not.toBe(ws1);
    ws2.open();
    expect(ws2.sent[0]).toMatchObject({ method: 'auth', params: { token: 'tok-1', since: { '3': 25 } } });
  });

  it('on close code 4401 reports unauthorized and stops reconnecting', async () => {
    const { socket } = makeSocket();
    const unauthorized = vi.fn();
    socket.onUnauthorized(unauthorized);
    socket.start();
    FakeWebSocket.last.open();
    FakeWebSocket.last.serverClose(4401);
    expect(socket.status).toBe('unauthorized');
    expect(unauthorized).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeWebSocket.instances).toHaveLength(1);
  });

  it('keeps the token when auth fails for another reason (error reply, then close 1013) and retries', async () => {
    const { socket } = makeSocket();
    const unauthorized = vi.fn();
    socket.onUnauthorized(unauthorized);
    socket.start();
    const ws = FakeWebSocket.last;
    ws.open();
    ws.replyError(ws.lastRequest('auth').id, 4503, 'database unavailable');
    ws.serverClose(1013);
    await flush();
    expect(unauthorized).not.toHaveBeenCalled();
    expect(socket.status).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(500);
    expect(FakeWebSocket.instances).toHaveLength(2);
  });

  it('drops a socket whose auth was refused but not closed by the server', async () => {
    const { socket } = makeSocket();
    socket.start();
    const ws = FakeWebSocket.last;
    ws.open();
    ws.replyError(ws.lastRequest('auth').id, -32602, 'bad params');
    await vi.advanceTimersByTimeAsync(3000);
    expect(ws.closedWith).toBe(4000);
    expect(socket.status).toBe('reconnecting');
  });

  it('resolves replies by id, rejects error replies with their code, and dispatches events', async () => {
    const { socket } = makeSocket();
    const ws = await connect(socket);
    const typing = vi.fn();
    socket.on('typing', typing);
    const ok = socket.request<{ pong?: boolean }>('ping');
    const bad = socket.request('message.send', { body: 'x' });
    const [pingFrame, sendFrame] = [ws.lastRequest('ping'), ws.lastRequest('message.send')];
    ws.replyError(sendFrame.id, 4029, 'rate limited', { retry_after: 7 });
    ws.reply(pingFrame.id, {});
    ws.emit('typing', { chat_id: 3, user_id: 9 });
    await expect(ok).resolves.toEqual({});
    const err = await bad.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RpcError);
    expect((err as RpcError).code).toBe(4029);
    expect((err as RpcError).retryAfter).toBe(7);
    expect(typing).toHaveBeenCalledWith({ chat_id: 3, user_id: 9 });
  });

  it('times out unanswered requests and rejects in-flight ones when the connection drops', async () => {
    const { socket } = makeSocket();
    const ws = await connect(socket);
    const slow = socket.request('typing', { chat_id: 1 }, 1000).catch((e: RpcError) => e.code);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await slow).toBe('timeout');
    const inflight = socket.request('typing', { chat_id: 1 }).catch((e: RpcError) => e.code);
    ws.serverClose(1006);
    expect(await inflight).toBe('disconnected');
    await expect(socket.request('ping')).rejects.toMatchObject({ code: 'disconnected' });
  });

  it('drops a connection whose heartbeat goes unanswered (e.g. after sleep) and reconnects', async () => {
    const socket = new ParleySocket({
      url: 'ws://x/api/v1/ws',
      getToken: () => 't',
      createSocket: FakeWebSocket.factory,
      random: () => 1,
      pingIntervalMs: 25_000,
    });
    socket.start();
    FakeWebSocket.last.open();
    FakeWebSocket.last.acceptAuth(me);
    await flush();
    await vi.advanceTimersByTimeAsync(25_000);
    expect(FakeWebSocket.last.requests('ping')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(8_000);
    expect(socket.status).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(500);
    expect(FakeWebSocket.instances).toHaveLength(2);
  });

  it('stop() closes for good', async () => {
    const { socket } = makeSocket();
    const ws = await connect(socket);
    socket.stop();
    expect(ws.closedWith).toBe(1000);
    expect(socket.status).toBe('stopped');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeWebSocket.instances).toHaveLength(1);
  });
});
