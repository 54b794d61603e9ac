// Test doubles: a scriptable fake WebSocket (the "server" side is driven by the test) and a fake fetch.
import type { ParleySocket, WebSocketLike } from './shared/socket';
import type { Chat, Message, User } from './shared/types';

export interface Frame {
  id?: number | string;
  method?: string;
  params?: Record<string, unknown>;
}

export class FakeWebSocket implements WebSocketLike {
  static instances: FakeWebSocket[] = [];
  static autoOpen = false;
  readyState = 0;
  sent: Frame[] = [];
  closedWith: number | null = null;
  onopen: ((ev: Event) => void) | null = null;
  onmessage: ((ev: MessageEvent) => void) | null = null;
  onclose: ((ev: CloseEvent) => void) | null = null;
  onerror: ((ev: Event) => void) | null = null;

  constructor(readonly url: string) {
    FakeWebSocket.instances.push(this);
    if (FakeWebSocket.autoOpen) queueMicrotask(() => this.open());
  }

  static reset(): void {
    FakeWebSocket.instances = [];
    FakeWebSocket.autoOpen = false;
  }

  static get last(): FakeWebSocket {
    const ws = FakeWebSocket.instances[FakeWebSocket.instances.length - 1];
    if (!ws) throw new Error('no socket was created');
    return ws;
  }

  static factory = (url: string): WebSocketLike => new FakeWebSocket(url);

  send(data: string): void {
    if (this.readyState !== 1) throw new Error('not open');
    this.sent.push(JSON.parse(data) as Frame);
  }

  close(code = 1000): void {
    this.closedWith = code;
    this.readyState = 3;
  }

  // --- server side ---
  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }

  requests(method: string): Frame[] {
    return this.sent.filter((f) => f.method === method);
  }

  lastRequest(method: string): Frame {
    const list = this.requests(method);
    const f = list[list.length - 1];
    if (!f) throw new Error(`no ${method} request was sent`);
    return f;
  }

  push(frame: unknown): void {
    this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(frame) }));
  }

  reply(id: number | string | undefined, result: unknown): void {
    this.push({ id, result });
  }

  replyError(id: number | string | undefined, code: number, message: string, data?: unknown): void {
    this.push({ id, error: { code, message, ...(data === undefined ? {} : { data }) } });
  }

  emit(method: string, params: unknown): void {
    this.push({ method, params });
  }

  /** Accept the auth frame. */
  acceptAuth(user: User, adminsOnline = 1): void {
    this.reply(this.lastRequest('auth').id, { user, admins_online: adminsOnline });
  }

  serverClose(code = 1006): void {
    this.readyState = 3;
    this.onclose?.(new CloseEvent('close', { code }));
  }
}

export function user(id: number, role: User['role'] = 'customer', name = `User ${id}`): User {
  return { id, username: role === 'admin' ? `admin${id}` : null, display_name: name, role, is_guest: role !== 'admin' };
}

let msgSeq = 0;
export function message(id: number, chatId: number, sender: User, body = `message ${id}`, clientMsgId: string | null = null): Message {
  msgSeq += 1;
  return {
    id,
    chat_id: chatId,
    sender,
    body,
    client_msg_id: clientMsgId,
    created_at: new Date(Date.UTC(2026, 0, 1, 10, 0, msgSeq)).toISOString(),
  };
}

export function chat(id: number, customer: User, admin: User | null, extra: Partial<Chat> = {}): Chat {
  return {
    id,
    customer,
    admin,
    status: admin ? 'active' : 'waiting',
    last_message: null,
    unread_count: 0,
    created_at: '2026-01-01T10:00:00Z',
    updated_at: '2026-01-01T10:00:00Z',
    ...extra,
  };
}

export interface FakeCall {
  method: string;
  path: string;
  body: unknown;
  auth: string | null;
}

type Handler = (call: FakeCall) => { status: number; body?: unknown; headers?: Record<string, string> };

/** A fetch double: routes "METHOD /path" (path without /api/v1 and without the query) to handlers. */
export function fakeFetch(routes: Record<string, Handler>) {
  const calls: FakeCall[] = [];
  const impl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    const path = url.pathname.replace(/^\/api\/v1/, '');
    const method = (init?.method ?? 'GET').toUpperCase();
    const headers = new Headers(init?.headers);
    const call: FakeCall = {
      method,
      path: path + url.search,
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
      auth: headers.get('Authorization'),
    };
    calls.push(call);
    const handler = routes[`${method} ${path}`];
    if (!handler) return new Response(JSON.stringify({ detail: 'Not Found' }), { status: 404 });
    const r = handler(call);
    return new Response(r.status === 204 ? null : JSON.stringify(r.body ?? {}), {
      status: r.status,
      headers: { 'Content-Type': 'application/json', ...(r.headers ?? {}) },
    });
  };
  return { impl: impl as typeof fetch, calls };
}

/** Let pending promises (and the microtasks they schedule) settle. */
export async function flush(times = 10): Promise<void> {
  for (let i = 0; i < times; i++) await Promise.resolve();
}

/** Starts the socket and plays the server's side up to a signed-in session as `me`. */
export async function connectAs(socket: ParleySocket, me: User): Promise<FakeWebSocket> {
  socket.start();
  const ws = FakeWebSocket.last;
  ws.open();
  ws.acceptAuth(me);
  await flush();
  return ws;
}
