// Messages the user typed that the server has not acknowledged yet: optimistic, persisted, resent
// after a reconnect with the same client_msg_id (the server deduplicates on it).
import type { KeyValueStore } from './storage';
import { readJson } from './storage';
import { RpcError, type ParleySocket } from './socket';
import type { Message } from './types';

export type SendErrorKind = 'rate' | 'invalid' | 'forbidden' | 'timeout' | 'other';

export interface SendError {
  kind: SendErrorKind;
  message: string;
  retryAfter: number | null;
}

export interface OutboxItem {
  clientMsgId: string;
  chatId: number | null;
  body: string;
  createdAt: string;
  state: 'pending' | 'failed';
  error?: SendError;
  /** v1.1: an admin's note goes through the same outbox; absent means 'text'. */
  kind?: 'text' | 'note';
  /** v1.1: uploads already on the server, sent with the body under the same client_msg_id. */
  attachment_ids?: string[];
}

export interface SendExtras {
  kind?: 'text' | 'note';
  attachmentIds?: string[];
}

export function newClientMsgId(): string {
  const c = typeof globalThis !== 'undefined' ? globalThis.crypto : undefined;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const rnd = () => Math.random().toString(16).slice(2, 10).padEnd(8, '0');
  return `${rnd()}-${rnd()}-${rnd()}-${rnd()}`;
}

export function classifySendError(err: unknown): SendError {
  if (err instanceof RpcError) {
    if (err.code === 4029) return { kind: 'rate', message: err.message, retryAfter: err.retryAfter };
    if (err.code === -32602 || err.code === 422) return { kind: 'invalid', message: err.message, retryAfter: null };
    if (err.code === 4003 || err.code === 4004) return { kind: 'forbidden', message: err.message, retryAfter: null };
    if (err.code === 'timeout') return { kind: 'timeout', message: err.message, retryAfter: null };
  }
  return { kind: 'other', message: err instanceof Error ? err.message : String(err), retryAfter: null };
}

export interface OutboxOptions {
  store?: KeyValueStore;
  storeKey?: string;
  timeoutMs?: number;
  onSent?: (message: Message, item: OutboxItem) => void;
  onChange?: (items: OutboxItem[]) => void;
  onError?: (error: SendError, item: OutboxItem) => void;
}

export class Outbox {
  items: OutboxItem[];
  private inFlight = new Set<string>();
  private unsubscribe: () => void;

  constructor(
    private readonly socket: ParleySocket,
    private readonly opts: OutboxOptions = {},
  ) {
    this.items = opts.store ? readJson<OutboxItem[]>(opts.store, opts.storeKey ?? 'outbox', []) : [];
    if (!Array.isArray(this.items)) this.items = [];
    this.unsubscribe = socket.onOpen(() => this.flush());
  }

  dispose(): void {
    this.unsubscribe();
  }

  send(body: string, chatId: number | null, extras: SendExtras = {}): OutboxItem {
    const item: OutboxItem = {
      clientMsgId: newClientMsgId(),
      chatId,
      body,
      createdAt: new Date().toISOString(),
      state: 'pending',
    };
    if (extras.kind === 'note') item.kind = 'note';
    if (extras.attachmentIds && extras.attachmentIds.length > 0) item.attachment_ids = [...extras.attachmentIds];
    this.items = [...this.items, item];
    this.changed();
    this.dispatch(item);
    return item;
  }

  retry(clientMsgId: string): void {
    const item = this.items.find((i) => i.clientMsgId === clientMsgId);
    if (!item) return;
    const next: OutboxItem = { ...item, state: 'pending', error: undefined };
    this.replace(next);
    this.dispatch(next);
  }

  discard(clientMsgId: string): void {
    this.items = this.items.filter((i) => i.clientMsgId !== clientMsgId);
    this.changed();
  }

  /** Forget everything (sign-out: another account must not send what this one typed). */
  clear(): void {
    this.items = [];
    this.changed();
  }

  /** A message arrived (reply or event): forget the matching pending item. */
  ack(message: Message): void {
    if (!message.client_msg_id) return;
    if (!this.items.some((i) => i.clientMsgId === message.client_msg_id)) return;
    this.items = this.items.filter((i) => i.clientMsgId !== message.client_msg_id);
    this.changed();
  }

  /** Send every pending item that is not already on its way (after each (re)auth). */
  flush(): void {
    for (const item of this.items) {
      if (item.state === 'pending' && !this.inFlight.has(item.clientMsgId)) this.dispatch(item);
    }
  }

  /** Give customer items their chat once it exists. */
  setChatForUnassigned(chatId: number): void {
    if (!this.items.some((i) => i.chatId === null)) return;
    this.items = this.items.map((i) => (i.chatId === null ? { ...i, chatId } : i));
    this.changed();
  }

  private dispatch(item: OutboxItem): void {
    if (!this.socket.isOnline || this.inFlight.has(item.clientMsgId)) return;
    this.inFlight.add(item.clientMsgId);
    const params: Record<string, unknown> = { body: item.body, client_msg_id: item.clientMsgId };
    if (item.chatId !== null) params.chat_id = item.chatId;
    if (item.kind === 'note') params.kind = 'note';
    if (item.attachment_ids && item.attachment_ids.length > 0) params.attachment_ids = item.attachment_ids;
    this.socket.request<{ message: Message }>('message.send', params, this.opts.timeoutMs ?? 15_000).then(
      ({ message }) => {
        this.inFlight.delete(item.clientMsgId);
        this.items = this.items.filter((i) => i.clientMsgId !== item.clientMsgId);
        this.changed();
        this.opts.onSent?.(message, item);
      },
      (err: unknown) => {
        this.inFlight.delete(item.clientMsgId);
        // A dropped connection is not a failure: the item stays pending and goes again after reconnect.
        if (err instanceof RpcError && err.code === 'disconnected') return;
        const current = this.items.find((i) => i.clientMsgId === item.clientMsgId);
        if (!current) return;
        const error = classifySendError(err);
        this.replace({ ...current, state: 'failed', error });
        this.opts.onError?.(error, current);
      },
    );
  }

  private replace(next: OutboxItem): void {
    this.items = this.items.map((i) => (i.clientMsgId === next.clientMsgId ? next : i));
    this.changed();
  }

  private changed(): void {
    this.opts.store?.set(this.opts.storeKey ?? 'outbox', JSON.stringify(this.items));
    this.opts.onChange?.(this.items);
  }
}
