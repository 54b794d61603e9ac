// Typed REST client for /api/v1.
import type {
  Availability,
  CannedReply,
  Chat,
  ChatPage,
  ChatScope,
  Message,
  MessagePage,
  Role,
  SearchPage,
  TokenReply,
  User,
  Visitor,
} from './types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly retryAfter: number | null,
  ) {
    super(`HTTP ${status}: ${detail}`);
    this.name = 'ApiError';
  }
}

function detailText(body: unknown): string {
  if (body && typeof body === 'object' && 'detail' in body) {
    const d = (body as { detail: unknown }).detail;
    if (typeof d === 'string') return d;
    if (Array.isArray(d)) {
      return d
        .map((e) => {
          if (e && typeof e === 'object') {
            const item = e as { msg?: unknown; loc?: unknown };
            const field = Array.isArray(item.loc) ? String(item.loc[item.loc.length - 1]) : '';
            const msg = typeof item.msg === 'string' ? item.msg : 'invalid';
            return field ? `${field}: ${msg}` : msg;
          }
          return String(e);
        })
        .join('; ');
    }
  }
  return '';
}

export class ApiClient {
  constructor(
    readonly origin: string,
    private readonly getToken: () => string | null,
    private readonly fetchImpl: typeof fetch = (...args) => fetch(...args),
  ) {}

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const token = this.getToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await this.fetchImpl(`${this.origin}/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status === 204) return undefined as T;
    let data: unknown = null;
    try {
      data = await res.json();
    } catch {
      data = null;
    }
    if (!res.ok) {
      const ra = res.headers.get('Retry-After');
      const retryAfter = ra !== null && /^\d+$/.test(ra.trim()) ? Number(ra) : null;
      throw new ApiError(res.status, detailText(data) || res.statusText, retryAfter);
    }
    return data as T;
  }

  login(username: string, password: string) {
    return this.request<TokenReply>('POST', '/auth/login', { username, password });
  }
  guest(displayName?: string) {
    return this.request<TokenReply>('POST', '/auth/guest', displayName ? { display_name: displayName } : {});
  }
  identify(externalId: string, hash: string, displayName?: string) {
    return this.request<TokenReply>('POST', '/auth/identify', {
      external_id: externalId,
      hash,
      ...(displayName ? { display_name: displayName } : {}),
    });
  }
  me() {
    return this.request<User>('GET', '/me');
  }
  myChat() {
    return this.request<Chat>('GET', '/me/chat');
  }
  listChats(scope: ChatScope, limit = 30, before?: string | null) {
    const q = new URLSearchParams({ scope, limit: String(limit) });
    if (before) q.set('before', before);
    return this.request<ChatPage>('GET', `/chats?${q.toString()}`);
  }
  getChat(id: number) {
    return this.request<Chat>('GET', `/chats/${id}`);
  }
  openChat(id: number) {
    return this.request<Chat>('POST', `/chats/${id}/open`);
  }
  messages(chatId: number, opts: { before?: number; after?: number; limit?: number } = {}) {
    const q = new URLSearchParams({ limit: String(opts.limit ?? 50) });
    if (opts.before !== undefined) q.set('before', String(opts.before));
    if (opts.after !== undefined) q.set('after', String(opts.after));
    return this.request<MessagePage>('GET', `/chats/${chatId}/messages?${q.toString()}`);
  }
  /** Every message after `afterId` (oldest first), page by page: the REST fallback for an incomplete catch-up. */
  async messagesAfter(chatId: number, afterId: number, maxPages = 20): Promise<Message[]> {
    const out: Message[] = [];
    let cursor = afterId;
    for (let i = 0; i < maxPages; i++) {
      const page = await this.messages(chatId, { after: cursor, limit: 100 });
      out.push(...page.items);
      if (!page.has_more || page.items.length === 0) break;
      cursor = page.items[page.items.length - 1].id;
    }
    return out;
  }
  sendMyMessage(body: string, clientMsgId?: string) {
    return this.request<Message>('POST', '/me/chat/messages', { body, client_msg_id: clientMsgId });
  }
  markRead(chatId: number, lastReadId: number) {
    return this.request<void>('POST', `/chats/${chatId}/read`, { last_read_id: lastReadId });
  }
  createUser(input: { username: string; password: string; display_name?: string; role: Role }) {
    return this.request<User>('POST', '/admin/users', input);
  }
  // v1.1: the support desk.
  resolveChat(id: number) {
    return this.request<Chat>('POST', `/chats/${id}/resolve`);
  }
  addNote(chatId: number, body: string, clientMsgId?: string) {
    return this.request<Message>('POST', `/chats/${chatId}/notes`, { body, client_msg_id: clientMsgId });
  }
  blockChat(id: number) {
    return this.request<void>('POST', `/chats/${id}/block`);
  }
  unblockChat(id: number) {
    return this.request<void>('POST', `/chats/${id}/unblock`);
  }
  visitor(chatId: number) {
    return this.request<Visitor>('GET', `/chats/${chatId}/visitor`);
  }
  cannedReplies(q = '') {
    return this.request<{ items: CannedReply[] }>('GET', q ? `/canned?${new URLSearchParams({ q }).toString()}` : '/canned');
  }
  createCanned(input: { shortcut: string; title?: string | null; body: string }) {
    return this.request<CannedReply>('POST', '/canned', input);
  }
  updateCanned(id: number, input: { shortcut?: string; title?: string | null; body?: string }) {
    return this.request<CannedReply>('PATCH', `/canned/${id}`, input);
  }
  deleteCanned(id: number) {
    return this.request<void>('DELETE', `/canned/${id}`);
  }
  search(q: string, opts: { before?: number | null; limit?: number } = {}) {
    const params = new URLSearchParams({ q, limit: String(opts.limit ?? 20) });
    if (opts.before) params.set('before', String(opts.before));
    return this.request<SearchPage>('GET', `/search?${params.toString()}`);
  }
  availability() {
    return this.request<{ status: Availability }>('GET', '/me/availability');
  }
  setAvailability(status: Availability) {
    return this.request<{ status: Availability }>('POST', '/me/availability', { status });
  }
}

/** ws:// or wss:// URL of the socket for an http(s) origin. */
export function socketUrl(origin: string): string {
  return `${origin.replace(/^http/, 'ws')}/api/v1/ws`;
}
