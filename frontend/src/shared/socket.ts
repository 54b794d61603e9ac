// One reconnecting WebSocket client for the Parley JSON-RPC protocol, shared by the widget and the admin panel.
import type { AuthResult, EventMap, EventName, RpcErrorBody, Since } from './types';

export type ConnectionStatus =
  | 'idle' // no token yet, nothing to connect with
  | 'connecting'
  | 'online'
  | 'reconnecting'
  | 'unauthorized' // the server closed with 4401: the token is bad
  | 'stopped';

export type RpcErrorCode = number | 'timeout' | 'disconnected';

export class RpcError extends Error {
  constructor(
    readonly code: RpcErrorCode,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
    this.name = 'RpcError';
  }

  /** Seconds to wait, when the server said so (error data or "... N s" in the message). */
  get retryAfter(): number | null {
    const d = this.data;
    if (d && typeof d === 'object' && 'retry_after' in d) {
      const v = Number((d as { retry_after: unknown }).retry_after);
      if (Number.isFinite(v)) return Math.ceil(v);
    }
    const m = /(\d+)\s*(s\b|sec|second)/i.exec(this.message);
    return m ? Number(m[1]) : null;
  }
}

export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: Event) => void) | null;
  onmessage: ((ev: MessageEvent) => void) | null;
  onclose: ((ev: CloseEvent) => void) | null;
  onerror: ((ev: Event) => void) | null;
}

export type WebSocketFactory = (url: string) => WebSocketLike;

export interface SocketOptions {
  url: string;
  getToken: () => string | null;
  /** What to send as `since` on every (re)auth: the last message id(s) the client has. */
  getSince?: () => Since | undefined;
  createSocket?: WebSocketFactory;
  baseDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
  requestTimeoutMs?: number;
  /** Heartbeat period; 0 turns it off. */
  pingIntervalMs?: number;
}

interface PendingCall {
  resolve: (value: unknown) => void;
  reject: (err: RpcError) => void;
  timer: ReturnType<typeof setTimeout>;
}

type Listener = (params: never) => void;

export const CLOSE_UNAUTHORIZED = 4401;

export class ParleySocket {
  status: ConnectionStatus = 'idle';
  /** Delays (ms) of the reconnects scheduled so far; useful for diagnostics and tests. */
  readonly reconnectDelays: number[] = [];
  private ws: WebSocketLike | null = null;
  private nextId = 1;
  private attempts = 0;
  private calls = new Map<number, PendingCall>();
  private listeners = new Map<string, Set<Listener>>();
  private statusListeners = new Set<(s: ConnectionStatus) => void>();
  private openListeners = new Set<(r: AuthResult) => void>();
  private unauthorizedListeners = new Set<() => void>();
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private stopped = false;
  private readonly opts: Required<Omit<SocketOptions, 'getSince'>> & Pick<SocketOptions, 'getSince'>;

  constructor(options: SocketOptions) {
    this.opts = {
      createSocket: (url) => new WebSocket(url) as unknown as WebSocketLike,
      baseDelayMs: 500,
      maxDelayMs: 10_000,
      random: Math.random,
      requestTimeoutMs: 10_000,
      pingIntervalMs: 25_000,
      // Options left undefined keep their defaults.
      ...(Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as SocketOptions),
    };
    if (typeof window !== 'undefined') {
      window.addEventListener('online', this.onBrowserOnline);
      document.addEventListener('visibilitychange', this.onVisibility);
    }
  }

  get isOnline(): boolean {
    return this.status === 'online';
  }

  /** Connect (or reconnect now) if there is a token. Safe to call repeatedly. */
  start(): void {
    this.stopped = false;
    if (this.ws || this.status === 'online') return;
    if (this.reconnectTimer) {
      clearTimeout(this.reconnectTimer);
      this.reconnectTimer = null;
    }
    this.connect();
  }

  /** Close for good (sign-out, unmount). */
  stop(): void {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.dropConnection(1000);
    this.setStatus('stopped');
  }

  destroy(): void {
    this.stop();
    if (typeof window !== 'undefined') {
      window.removeEventListener('online', this.onBrowserOnline);
      document.removeEventListener('visibilitychange', this.onVisibility);
    }
  }

  on<E extends EventName>(event: E, fn: (params: EventMap[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(fn as Listener);
    return () => set.delete(fn as Listener);
  }

  onStatus(fn: (s: ConnectionStatus) => void): () => void {
    this.statusListeners.add(fn);
    return () => this.statusListeners.delete(fn);
  }

  /** Called after every successful auth (first connect and each reconnect). */
  onOpen(fn: (r: AuthResult) => void): () => void {
    this.openListeners.add(fn);
    return () => this.openListeners.delete(fn);
  }

  onUnauthorized(fn: () => void): () => void {
    this.unauthorizedListeners.add(fn);
    return () => this.unauthorizedListeners.delete(fn);
  }

  /** A JSON-RPC call; rejects with RpcError (server error, 'timeout' or 'disconnected'). */
  request<T>(method: string, params: object = {}, timeoutMs?: number): Promise<T> {
    if (!this.ws || this.status !== 'online') {
      return Promise.reject(new RpcError('disconnected', 'not connected'));
    }
    return this.call<T>(this.ws, method, params, timeoutMs);
  }

  private call<T>(ws: WebSocketLike, method: string, params: object, timeoutMs?: number): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.calls.delete(id);
        reject(new RpcError('timeout', `${method} timed out`));
      }, timeoutMs ?? this.opts.requestTimeoutMs);
      this.calls.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      try {
        ws.send(JSON.stringify({ id, method, params }));
      } catch {
        clearTimeout(timer);
        this.calls.delete(id);
        reject(new RpcError('disconnected', 'send failed'));
      }
    });
  }

  private connect(): void {
    const token = this.opts.getToken();
    if (!token) {
      this.setStatus('idle');
      return;
    }
    this.setStatus(this.attempts > 0 ? 'reconnecting' : 'connecting');
    let ws: WebSocketLike;
    try {
      ws = this.opts.createSocket(this.opts.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      const since = this.opts.getSince?.();
      const params: Record<string, unknown> = { token };
      if (since !== undefined) params.since = since;
      this.call<AuthResult>(ws, 'auth', params).then(
        (result) => {
          if (this.ws !== ws) return;
          this.attempts = 0;
          this.setStatus('online');
          this.startPing();
          this.openListeners.forEach((fn) => fn(result));
        },
        (err: RpcError) => {
          if (this.ws !== ws || err.code === 'disconnected') return;
          // The close code that follows decides (4401: bad token; 1013: try again). If none comes, retry.
          const grace = err.code === 'timeout' ? 0 : 3000;
          setTimeout(() => {
            if (this.ws === ws) this.dropConnection(4000);
          }, grace);
        },
      );
    };
    ws.onmessage = (ev) => this.handleFrame(String(ev.data));
    ws.onclose = (ev) => {
      if (this.ws !== ws) return;
      this.handleClosed(ev.code);
    };
    ws.onerror = () => {
      /* onclose follows */
    };
  }

  private handleFrame(text: string): void {
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      return;
    }
    if (!frame || typeof frame !== 'object') return;
    const f = frame as { id?: unknown; method?: unknown; params?: unknown; result?: unknown; error?: RpcErrorBody };
    if (f.id !== undefined && f.id !== null && typeof f.method !== 'string') {
      const call = this.calls.get(Number(f.id));
      if (!call) return;
      this.calls.delete(Number(f.id));
      clearTimeout(call.timer);
      if (f.error) call.reject(new RpcError(f.error.code, f.error.message, f.error.data));
      else call.resolve(f.result ?? {});
      return;
    }
    if (typeof f.method === 'string') {
      const set = this.listeners.get(f.method);
      set?.forEach((fn) => (fn as (p: unknown) => void)(f.params ?? {}));
    }
  }

  /** Detach the current socket and treat it as closed with `code`. */
  private dropConnection(code: number): void {
    const ws = this.ws;
    if (!ws) return;
    ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
    try {
      ws.close(code === 4000 ? 4000 : 1000);
    } catch {
      /* already closed */
    }
    this.handleClosed(code);
  }

  private handleClosed(code: number): void {
    this.ws = null;
    this.stopPing();
    for (const [, call] of this.calls) {
      clearTimeout(call.timer);
      call.reject(new RpcError('disconnected', 'connection closed'));
    }
    this.calls.clear();
    if (this.stopped) return;
    if (code === CLOSE_UNAUTHORIZED) {
      this.attempts = 0;
      this.setStatus('unauthorized');
      this.unauthorizedListeners.forEach((fn) => fn());
      return;
    }
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    const exp = Math.min(this.opts.maxDelayMs, this.opts.baseDelayMs * 2 ** this.attempts);
    const delay = Math.round(exp / 2 + (this.opts.random() * exp) / 2);
    this.attempts += 1;
    this.reconnectDelays.push(delay);
    this.setStatus('reconnecting');
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect();
    }, delay);
  }

  private startPing(): void {
    this.stopPing();
    if (!this.opts.pingIntervalMs) return;
    this.pingTimer = setInterval(() => this.checkAlive(), this.opts.pingIntervalMs);
  }

  private stopPing(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = null;
  }

  /** A ping that drops the connection when unanswered (e.g. after a laptop sleeps). */
  checkAlive(timeoutMs = 8000): void {
    const ws = this.ws;
    if (!ws || this.status !== 'online') return;
    this.call(ws, 'ping', {}, timeoutMs).catch((err: RpcError) => {
      if (err.code === 'timeout' && this.ws === ws) this.dropConnection(4000);
    });
  }

  private onBrowserOnline = () => {
    if (this.stopped) return;
    if (this.status === 'reconnecting' && !this.ws) {
      if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
      this.reconnectTimer = null;
      this.connect();
    } else {
      this.checkAlive(5000);
    }
  };

  private onVisibility = () => {
    if (document.visibilityState === 'visible') this.onBrowserOnline();
  };

  private setStatus(s: ConnectionStatus): void {
    if (this.status === s) return;
    this.status = s;
    this.statusListeners.forEach((fn) => fn(s));
  }
}
