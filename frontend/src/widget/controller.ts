// The widget's state and behaviour, independent of React: session, history, socket events, outbox.
import { ApiClient, ApiError, socketUrl } from '../shared/api';
import { makeT } from '../shared/i18n';
import { lastId, mergeMessages } from '../shared/messages';
import { Outbox, type OutboxItem, type SendError } from '../shared/outbox';
import { ParleySocket, RpcError, type ConnectionStatus, type WebSocketFactory } from '../shared/socket';
import { createStore, type KeyValueStore } from '../shared/storage';
import type { Chat, Message, Rating, TokenReply, User, WidgetRemoteConfig, WidgetSession } from '../shared/types';
import { upload, type UploadResult } from '../shared/uploads';
import { Subscribers } from '../shared/subscribers';
import type { Attributes, ChatCall, Identity, ParleyEvent } from '../loader/bridge';
import type { WidgetConfig } from './config';
import { FileDrafts, MAX_FILES, summary, type FileDraft } from './files';
import { currentPage, watchNavigation } from './pageReporter';
import { STRINGS, type StringKey } from './strings';

export const MAX_BODY = 4000;
const TYPING_THROTTLE_MS = 3000;
const TYPING_SHOW_MS = 5000;
// The server's answer to a method it does not know yet (an older server): nothing to retry.
const UNKNOWN_METHOD = -32601;
/** A visitor who has waited this long for a first reply is offered the email prompt. */
export const FIRST_REPLY_WAIT_MS = 60_000;
/** As long as the browser keeps `GET /widget/config` (its Cache-Control). */
const REMOTE_MAX_AGE_MS = 5 * 60_000;
const EMAIL_RE = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

export function isEmail(value: string): boolean {
  const v = value.trim();
  return v.length <= 254 && EMAIL_RE.test(v);
}

/** Why the email prompt shows, if it does: nobody online, outside business hours, a long wait. */
export type Absence = 'offline' | 'hours' | null;

/** What the email row is doing: asking (for a reason), or changing a known address. */
export type EmailForm = null | 'prompt' | 'change' | 'transcript';

/** Notes are for admins; the server never sends one to a customer, and none is ever shown. */
function visible(list: readonly Message[]): Message[] {
  return list.filter((m) => m.kind !== 'note');
}

export interface WidgetState {
  open: boolean;
  view: 'chat' | 'signin';
  user: User | null;
  chat: Chat | null;
  messages: Message[];
  outbox: OutboxItem[];
  adminsOnline: number | null;
  adminTyping: boolean;
  adminReadId: number;
  unread: number;
  connection: ConnectionStatus;
  notice: string | null;
  announcement: string;
  signinError: string | null;
  busy: boolean;
  hasMore: boolean;
  /** The server refused this customer's send (403 / 4003): they are blocked. */
  blocked: boolean;
  /** Files in the composer, uploading or ready to send. */
  files: FileDraft[];
  /** v1.1: the customer's email (session, or saved here); replies they miss and transcripts go there. */
  email: string | null;
  emailForm: EmailForm;
  emailBusy: boolean;
  emailError: string | null;
  /** The visitor dismissed the email prompt (until the reason for it changes). */
  emailDismissed: boolean;
  transcript: 'idle' | 'sending' | 'sent' | 'failed';
  /** The visitor has waited more than a minute for the first reply. */
  waitedLong: boolean;
  ratingBusy: boolean;
  ratingError: string | null;
  /** The newest unread message from support, for the preview beside the launcher. */
  preview: { name: string; text: string; body: string; files: string } | null;
}

export interface ControllerDeps {
  fetchImpl?: typeof fetch;
  createSocket?: WebSocketFactory;
  storage?: Storage | null;
  isVisible?: () => boolean;
  /** Tells the host page's `Parley('on', ...)` listeners. */
  emit?: (event: ParleyEvent, payload: unknown) => void;
  /** The page whose navigation is reported (`visitor.page`); null turns reporting off. */
  win?: Window | null;
  /** What the loader's `GET /widget/config` said (offline, business hours). */
  remote?: WidgetRemoteConfig | null;
  /** The upload of one file (tests hand in a fake XHR through this). */
  uploadFn?: (token: string | null, file: File, opts: Parameters<typeof upload>[3]) => Promise<UploadResult>;
}

export class WidgetController {
  readonly t: (key: StringKey, vars?: Record<string, string | number>) => string;
  readonly api: ApiClient;
  readonly socket: ParleySocket;
  readonly outbox: Outbox;
  private store: KeyValueStore;
  private subscribers = new Subscribers();
  private typingTimer: ReturnType<typeof setTimeout> | null = null;
  private noticeTimer: ReturnType<typeof setTimeout> | null = null;
  private lastTypingSent = 0;
  private lastReadSent = 0;
  private sessionPromise: Promise<boolean> | null = null;
  private isVisible: () => boolean;
  private emit: (event: ParleyEvent, payload: unknown) => void;
  private win: Window | null;
  private stopWatching: (() => void) | null = null;
  private pendingAttributes: Attributes | null = null;
  private lastPageSent: string | null = null;
  private waitTimer: ReturnType<typeof setTimeout> | null = null;
  /** Uploads by id, so a pending message can name its files. */
  private uploaded = new Map<string, UploadResult>();
  /** The config's offline fields; asked again on an open once they are older than the cache's 5 minutes. */
  remote: WidgetRemoteConfig | null;
  private remoteAt = Date.now();
  private fetchImpl: typeof fetch;
  readonly drafts: FileDrafts;
  state: WidgetState;

  constructor(
    readonly config: WidgetConfig,
    deps: ControllerDeps = {},
  ) {
    this.t = makeT(STRINGS[config.lang]);
    this.store = createStore(`parley:${config.origin}`, deps.storage);
    this.isVisible = deps.isVisible ?? (() => document.visibilityState === 'visible');
    this.emit = deps.emit ?? (() => undefined);
    this.win = deps.win === undefined ? (typeof window === 'undefined' ? null : window) : deps.win;
    this.api = new ApiClient(config.origin, () => this.token, deps.fetchImpl);
    this.remote = deps.remote ?? null;
    this.fetchImpl = deps.fetchImpl ?? ((...args) => fetch(...args));
    const uploadFn = deps.uploadFn ?? ((token, file, opts) => upload(config.origin, token, file, opts));
    this.drafts = new FileDrafts(
      (file, opts) =>
        uploadFn(this.token, file, opts).then((r) => {
          this.uploaded.set(r.id, r);
          return r;
        }),
      (files) => this.set({ files }),
    );
    this.socket = new ParleySocket({
      url: socketUrl(config.origin),
      getToken: () => this.token,
      getSince: () => lastId(this.state.messages) ?? (this.state.chat ? 0 : undefined),
      createSocket: deps.createSocket,
    });
    this.outbox = new Outbox(this.socket, {
      store: this.store,
      storeKey: 'outbox',
      onChange: (items) => this.set({ outbox: items }),
      onSent: (m) => this.receive([m]),
      onError: (err, item) => this.showSendError(err, Boolean(item.attachment_ids?.length)),
    });
    this.state = {
      open: false,
      view: 'chat',
      user: null,
      chat: null,
      messages: [],
      outbox: this.outbox.items,
      adminsOnline: null,
      adminTyping: false,
      adminReadId: 0,
      unread: 0,
      connection: 'idle',
      notice: null,
      announcement: '',
      signinError: null,
      busy: false,
      hasMore: false,
      blocked: false,
      files: [],
      email: this.store.get('email'),
      emailForm: null,
      emailBusy: false,
      emailError: null,
      emailDismissed: false,
      transcript: 'idle',
      waitedLong: false,
      ratingBusy: false,
      ratingError: null,
      preview: null,
    };
    this.wire();
    this.forgetOtherIdentity();
  }

  get token(): string | null {
    return this.store.get('token');
  }

  subscribe = this.subscribers.subscribe;

  getSnapshot = (): WidgetState => this.state;

  private set(patch: Partial<WidgetState>): void {
    const before = this.state;
    this.state = { ...before, ...patch };
    this.subscribers.notify();
    if (this.state.open !== before.open) this.emit(this.state.open ? 'open' : 'close', {});
    if (this.state.unread !== before.unread) this.emit('unread', { count: this.state.unread });
  }

  private wire(): void {
    const s = this.socket;
    s.onStatus((connection) => this.set({ connection }));
    s.onOpen((r) => {
      this.set({ user: r.user, adminsOnline: r.admins_online });
      const chat = this.state.chat;
      if (r.catch_up && !r.catch_up.complete && chat) {
        // The server cut the replay short: fetch the rest of what was missed by REST.
        const after = lastId(this.state.messages) ?? 0;
        this.api.messagesAfter(chat.id, after).then((list) => this.receive(list), () => undefined);
      }
      this.markRead();
      this.lastPageSent = null;
      this.reportPage();
      this.flushAttributes();
    });
    s.onUnauthorized(() => {
      this.store.remove('token');
      this.sessionPromise = null;
      this.lastReadSent = 0;
      this.set({ user: null, chat: null, messages: [], adminReadId: 0, unread: 0 });
    });
    s.on('message.new', ({ message }) => this.receive([message]));
    s.on('chat.assigned', ({ chat }) => this.updateChat(chat));
    // Resolved: the widget says so; the visitor's next message reopens it (the server does).
    s.on('chat.resolved', ({ chat }) => this.updateChat(chat));
    s.on('chat.reopened', ({ chat }) => this.updateChat(chat));
    s.on('chat.read', (p) => {
      if (this.state.user && p.user_id === this.state.user.id) return;
      if (p.last_read_id > this.state.adminReadId) this.set({ adminReadId: p.last_read_id });
    });
    s.on('typing', (p) => {
      if (this.state.user && p.user_id === this.state.user.id) return;
      this.set({ adminTyping: true });
      if (this.typingTimer) clearTimeout(this.typingTimer);
      this.typingTimer = setTimeout(() => this.set({ adminTyping: false }), TYPING_SHOW_MS);
    });
    s.on('presence', (p) => this.set({ adminsOnline: p.admins_online }));
    if (typeof document !== 'undefined') {
      document.addEventListener('visibilitychange', () => this.markRead());
    }
  }

  /** Restore a saved session: who am I, my chat and its history; then go live. */
  async init(): Promise<void> {
    if (this.win && !this.stopWatching) this.stopWatching = watchNavigation(this.win, () => this.reportPage());
    if (!this.token) return;
    await this.loadSession();
  }

  /** One call for the visitor and their chat: a new visitor's missing chat is not a 404. */
  private async loadSession(): Promise<void> {
    let session: WidgetSession;
    try {
      session = await this.api.request<WidgetSession>('GET', '/widget/session');
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        this.store.remove('token');
        return;
      }
      this.socket.start(); // the server is unwell: the socket retries and catches up
      return;
    }
    const patch: Partial<WidgetState> = { user: session.user };
    // v1.1: the server knows the customer's email; an older server leaves what was saved here.
    if (session.email !== undefined) {
      patch.email = session.email;
      if (session.email) this.store.set('email', session.email);
      else this.store.remove('email');
    }
    this.set(patch);
    if (session.chat) await this.loadChat(session.chat);
    this.socket.start();
  }

  private async loadChat(chat: Chat): Promise<void> {
    this.outbox.setChatForUnassigned(chat.id);
    const patch: Partial<WidgetState> = { chat, blocked: chat.blocked === true };
    if (typeof chat.admin_last_read_id === 'number') patch.adminReadId = Math.max(this.state.adminReadId, chat.admin_last_read_id);
    if (!this.state.open && chat.unread_count > 0) patch.unread = chat.unread_count;
    this.set(patch);
    try {
      const page = await this.api.messages(chat.id, { limit: 100 });
      this.set({ messages: mergeMessages(this.state.messages, visible(page.items)), hasMore: page.has_more });
      for (const m of page.items) this.outbox.ack(m);
    } catch {
      /* the socket's since catch-up fills in */
    }
    this.checkWait();
    this.markRead();
  }

  private updateChat(chat: Chat): void {
    const patch: Partial<WidgetState> = { chat };
    if (chat.blocked === false) patch.blocked = false;
    if (chat.blocked === true) patch.blocked = true;
    this.set(patch);
  }

  private receive(incoming: Message[]): void {
    const list = visible(incoming);
    if (list.length === 0) return;
    const known = new Set(this.state.messages.map((m) => m.id));
    const fresh = list.filter((m) => !known.has(m.id));
    list.forEach((m) => this.outbox.ack(m));
    const patch: Partial<WidgetState> = { messages: mergeMessages(this.state.messages, list) };
    const me = this.state.user?.id;
    const fromOthers = fresh.filter((m) => m.sender.id !== me);
    if (fromOthers.length) {
      patch.adminTyping = false;
      const latest = fromOthers[fromOthers.length - 1];
      const text = summary(latest);
      patch.announcement = this.t('newMessage', { name: latest.sender.display_name, body: text });
      if (!this.state.open || !this.isVisible()) {
        patch.unread = this.state.unread + fromOthers.length;
        if (!this.state.open) {
          const files = (latest.attachments ?? []).map((a) => a.name).join(', ');
          patch.preview = { name: latest.sender.display_name, text, body: latest.body, files };
        }
      }
    }
    this.set(patch);
    this.checkWait();
    for (const m of fresh) this.emit('message', m);
    if (!this.state.chat) void this.refreshChat();
    this.markRead();
  }

  private refreshing: Promise<void> | null = null;

  /** Learn the chat the first message created (once, however many messages arrive meanwhile). */
  private refreshChat(): Promise<void> {
    this.refreshing ??= this.api
      .myChat()
      .then(
        (chat) => {
          this.outbox.setChatForUnassigned(chat.id);
          this.updateChat(chat);
        },
        () => undefined,
      )
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }

  /** Scroll back: the page of history before the oldest message shown. */
  async loadOlder(): Promise<void> {
    const { chat, messages, hasMore } = this.state;
    if (!chat || !hasMore || !messages.length) return;
    try {
      const page = await this.api.messages(chat.id, { before: messages[0].id, limit: 100 });
      this.set({ messages: mergeMessages(this.state.messages, visible(page.items)), hasMore: page.has_more });
    } catch {
      /* keep what we have */
    }
  }

  setOpen(open: boolean): void {
    this.set({ open, unread: open ? 0 : this.state.unread, preview: open ? null : this.state.preview });
    if (open) {
      if (Date.now() - this.remoteAt > REMOTE_MAX_AGE_MS) void this.refreshRemote();
      if (!this.token && this.config.userId && this.config.userHash) void this.ensureSession();
      this.markRead();
    }
  }

  /** Business hours start and end while a page stays open: the panel asks the (cached) config again. */
  private async refreshRemote(): Promise<void> {
    this.remoteAt = Date.now();
    try {
      const res = await this.fetchImpl(`${this.config.origin}/api/v1/widget/config`, { credentials: 'omit' });
      if (!res.ok) return;
      const body = (await res.json()) as WidgetRemoteConfig;
      const next: WidgetRemoteConfig = { allowed: true };
      if (typeof body.offline === 'boolean') next.offline = body.offline;
      if (typeof body.email_enabled === 'boolean') next.email_enabled = body.email_enabled;
      if (body.business_hours && typeof body.business_hours.open === 'boolean') next.business_hours = body.business_hours;
      this.remote = next;
      this.set({});
    } catch {
      /* keep what the loader said */
    }
  }

  showView(view: WidgetState['view']): void {
    this.set({ view, signinError: null });
  }

  /** Becomes a verified customer (data-user-*) or a guest, once. */
  ensureSession(): Promise<boolean> {
    if (this.token) return Promise.resolve(true);
    if (!this.sessionPromise) {
      this.sessionPromise = this.createSession().finally(() => {
        if (!this.token) this.sessionPromise = null;
      });
    }
    return this.sessionPromise;
  }

  private async createSession(): Promise<boolean> {
    const { userId, userHash, userName, guestName } = this.config;
    let reply: TokenReply | null = null;
    if (userId && userHash) {
      try {
        reply = await this.api.identify(userId, userHash, userName ?? undefined);
      } catch (e) {
        if (e instanceof ApiError && e.status === 429) {
          this.showRateLimit(e.retryAfter);
          return false;
        }
        reply = null; // 401/404: continue as a guest
      }
      if (reply) {
        this.store.set('identity', userId);
        await this.adopt(reply, true);
        await this.sendEmail();
        return true;
      }
    }
    try {
      reply = await this.api.guest(guestName ?? userName ?? undefined);
    } catch (e) {
      if (e instanceof ApiError && e.status === 429) this.showRateLimit(e.retryAfter);
      else this.flash(this.t('sendFailed'));
      return false;
    }
    await this.adopt(reply, false);
    return true;
  }

  /** Takes a new token; `mayHaveChat` is false for a new guest, whose chat cannot exist yet. */
  private async adopt(reply: TokenReply, mayHaveChat: boolean): Promise<void> {
    this.store.set('token', reply.access_token);
    this.set({ user: reply.user });
    if (mayHaveChat) await this.loadSession();
    else this.socket.start();
  }

  /** The email the host page gave with `identify`, once per address (POST /me/email). */
  private async sendEmail(): Promise<void> {
    const email = this.config.email;
    if (!email || this.store.get('email') === email) return;
    try {
      await this.api.request<void>('POST', '/me/email', { email });
      this.store.set('email', email);
      this.set({ email });
    } catch {
      /* the next identify tries again */
    }
  }

  /**
   * Returns true when the message was accepted (the composer may clear). Its files must have
   * finished uploading: the outbox then carries their ids under one client_msg_id, so a resend
   * after a dropped connection attaches them once.
   */
  async send(text: string): Promise<boolean> {
    const body = text.trim();
    const hasFiles = this.drafts.items.length > 0;
    if ((!body && !hasFiles) || body.length > MAX_BODY) {
      this.flash(this.t('invalid'));
      return false;
    }
    const files = hasFiles ? this.drafts.ready() : [];
    if (files === null) {
      this.flash(this.t('filesNotReady'));
      return false;
    }
    if (!(await this.ensureSession())) return false;
    this.set({ notice: null });
    this.outbox.send(body, this.state.chat?.id ?? null, { attachmentIds: files.map((f) => f.id) });
    if (hasFiles) this.drafts.clear();
    this.socket.start();
    this.checkWait();
    return true;
  }

  /** Files picked, pasted or dropped: each uploads at once (the visitor becomes a guest first). */
  async addFiles(files: File[]): Promise<void> {
    if (!files.length || this.state.blocked) return;
    if (!(await this.ensureSession())) return;
    const left = this.drafts.add(files);
    if (left > 0) this.flash(this.t('tooManyFiles', { n: MAX_FILES, left }));
  }

  removeFile(key: string): void {
    this.drafts.remove(key);
  }

  retryFile(key: string): void {
    this.drafts.retry(key);
  }

  /** What a pending message carries, by name when this page uploaded it. */
  pendingFiles(ids: readonly string[]): UploadResult[] | null {
    const list = ids.map((id) => this.uploaded.get(id));
    return list.every(Boolean) ? (list as UploadResult[]) : null;
  }

  /** Nobody to answer now: nobody online, or outside business hours. Null while unknown or online. */
  absence(): Absence {
    const { adminsOnline } = this.state;
    if (this.remote?.business_hours && this.remote.business_hours.open === false) return 'hours';
    // The socket's count is live; before it is up (a new visitor has none), the config's answer.
    if (adminsOnline !== null) return adminsOnline === 0 ? 'offline' : null;
    return this.remote?.offline === true ? 'offline' : null;
  }

  /** The server sends email (SMTP is set up); nothing about email is offered when it does not. */
  emailEnabled(): boolean {
    return this.remote?.email_enabled !== false;
  }

  /** Which email form shows: one asked for, or the prompt (offline, long wait) while no email is known. */
  emailFormShown(): EmailForm {
    const s = this.state;
    if (!this.emailEnabled()) return null;
    if (s.emailForm) return s.emailForm;
    // A resolved conversation asks for a rating instead; writing again brings the prompt back.
    if (s.email || s.emailDismissed || s.blocked || s.view !== 'chat' || s.chat?.status === 'resolved') return null;
    return this.absence() || s.waitedLong ? 'prompt' : null;
  }

  openEmailForm(form: Exclude<EmailForm, null>): void {
    this.set({ emailForm: form, emailError: null });
  }

  closeEmailForm(): void {
    this.set({ emailForm: null, emailError: null, emailDismissed: this.state.email ? this.state.emailDismissed : true });
  }

  /** `POST /me/email`; after the transcript's "where to?" it sends the transcript too. */
  async saveEmail(value: string): Promise<boolean> {
    const email = value.trim();
    if (!isEmail(email)) {
      this.set({ emailError: this.t('emailInvalid') });
      return false;
    }
    const then = this.emailFormShown();
    this.set({ emailBusy: true, emailError: null });
    if (!(await this.ensureSession())) {
      this.set({ emailBusy: false, emailError: this.t('emailFailed') });
      return false;
    }
    try {
      await this.api.request<void>('POST', '/me/email', { email });
    } catch (e) {
      const invalid = e instanceof ApiError && e.status === 422;
      this.set({ emailBusy: false, emailError: this.t(invalid ? 'emailInvalid' : 'emailFailed') });
      return false;
    }
    this.store.set('email', email);
    this.set({ email, emailBusy: false, emailForm: null, transcript: 'idle' });
    if (then === 'transcript') await this.sendTranscript();
    return true;
  }

  /** `POST /me/chat/transcript` (202); a 409 means the server has no email yet: ask for it. */
  async sendTranscript(): Promise<void> {
    if (!this.state.chat) return;
    if (!this.state.email) {
      this.openEmailForm('transcript');
      return;
    }
    this.set({ transcript: 'sending' });
    try {
      await this.api.request<void>('POST', '/me/chat/transcript');
      this.set({ transcript: 'sent' });
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        this.set({ transcript: 'idle', email: null, emailForm: 'transcript' });
        this.store.remove('email');
        return;
      }
      if (e instanceof ApiError && e.status === 429) this.showRateLimit(e.retryAfter);
      this.set({ transcript: 'failed' });
    }
  }

  /** The chat is resolved and its latest resolution has no rating yet. */
  wantsRating(): boolean {
    const { chat, blocked } = this.state;
    return Boolean(chat && chat.status === 'resolved' && !blocked && !chat.rating);
  }

  /** `POST /me/chat/rating` (201); a 409 means this resolution is rated already: thanks all the same. */
  async rate(score: number, comment: string): Promise<void> {
    const chat = this.state.chat;
    if (!chat || this.state.ratingBusy) return;
    const text = comment.trim().slice(0, 1000);
    this.set({ ratingBusy: true, ratingError: null });
    let rating: Rating;
    try {
      rating = await this.api.request<Rating>('POST', '/me/chat/rating', text ? { score, comment: text } : { score });
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        rating = { score, comment: text || null, created_at: new Date().toISOString() };
      } else {
        if (e instanceof ApiError && e.status === 403) this.set({ blocked: true });
        this.set({ ratingBusy: false, ratingError: this.t('rateFailed') });
        return;
      }
    }
    const current = this.state.chat;
    this.set({ ratingBusy: false, chat: current && current.id === chat.id ? { ...current, rating } : current });
  }

  /**
   * The email prompt also comes to a visitor who has waited a minute for a first reply: the clock
   * runs from their first message, and stops once anyone else has written.
   */
  private checkWait(): void {
    if (this.waitTimer) clearTimeout(this.waitTimer);
    this.waitTimer = null;
    const me = this.state.user?.id;
    const { messages, outbox } = this.state;
    if (me === undefined && !outbox.length) return;
    if (messages.some((m) => m.sender.id !== me)) {
      if (this.state.waitedLong) this.set({ waitedLong: false });
      return;
    }
    const first = messages.find((m) => m.sender.id === me)?.created_at ?? outbox[0]?.createdAt;
    if (!first) return;
    const due = Date.parse(first) + FIRST_REPLY_WAIT_MS - Date.now();
    if (due <= 0) {
      if (!this.state.waitedLong) this.set({ waitedLong: true });
      return;
    }
    this.waitTimer = setTimeout(() => this.checkWait(), due + 50);
  }

  retry(clientMsgId: string): void {
    this.set({ notice: null });
    this.outbox.retry(clientMsgId);
    this.socket.start();
  }

  discard(clientMsgId: string): void {
    this.outbox.discard(clientMsgId);
  }

  typing(): void {
    const chat = this.state.chat;
    if (!chat || !this.socket.isOnline) return;
    const now = Date.now();
    if (now - this.lastTypingSent < TYPING_THROTTLE_MS) return;
    this.lastTypingSent = now;
    this.socket.request('typing', { chat_id: chat.id }).catch(() => undefined);
  }

  markRead(): void {
    const { chat, open, messages } = this.state;
    const last = lastId(messages);
    if (!chat || !open || last === undefined || last <= this.lastReadSent) return;
    if (!this.isVisible() || !this.socket.isOnline) return;
    this.lastReadSent = last;
    this.socket.request('chat.read', { chat_id: chat.id, last_read_id: last }).catch(() => {
      this.lastReadSent = 0;
    });
  }

  async signIn(username: string, password: string): Promise<void> {
    this.set({ busy: true, signinError: null });
    try {
      const reply = await this.api.login(username, password);
      this.socket.stop();
      this.lastReadSent = 0;
      this.set({ chat: null, messages: [], adminReadId: 0, view: 'chat', busy: false, blocked: false, email: null, emailForm: null, emailDismissed: false, transcript: 'idle', waitedLong: false });
      this.store.remove('identity');
      this.store.remove('email');
      await this.adopt(reply, true);
    } catch (e) {
      let msg = this.t('sendFailed');
      if (e instanceof ApiError && e.status === 401) msg = this.t('wrongPassword');
      if (e instanceof ApiError && e.status === 429) msg = this.t('tooManyAttempts', { n: e.retryAfter ?? 60 });
      this.set({ busy: false, signinError: msg });
    }
  }

  signOut(): void {
    this.socket.stop();
    this.outbox.clear();
    for (const key of ['token', 'identity', 'email']) this.store.remove(key);
    this.sessionPromise = null;
    this.lastReadSent = 0;
    this.pendingAttributes = null;
    this.drafts.reset();
    this.uploaded.clear();
    if (this.waitTimer) clearTimeout(this.waitTimer);
    this.set({
      user: null,
      chat: null,
      messages: [],
      adminReadId: 0,
      adminsOnline: null,
      connection: 'idle',
      unread: 0,
      blocked: false,
      email: null,
      emailForm: null,
      emailDismissed: false,
      transcript: 'idle',
      waitedLong: false,
      preview: null,
    });
  }

  /** A call of the host page's JavaScript API (src/loader/api.ts checked its arguments). */
  call(c: ChatCall): void {
    if (c.name === 'identify') this.identify(c.identity);
    else if (c.name === 'setAttributes') this.setAttributes(c.attributes);
    else this.logout();
  }

  /** The host site's signed-in user: verified on the next open or send, as data-user-* are. */
  identify(identity: Identity): void {
    this.config.userId = identity.id;
    this.config.userHash = identity.hash;
    if (identity.name) this.config.userName = identity.name;
    if (identity.email) this.config.email = identity.email;
    if (this.forgetOtherIdentity()) return;
    if (this.token && this.store.get('identity') === identity.id) void this.sendEmail();
    else if (this.state.open) void this.ensureSession();
  }

  /**
   * A stored session of someone else (a guest, or another user of the host site) is dropped when
   * the page names its signed-in user: the identified user's own chat follows them instead.
   */
  private forgetOtherIdentity(): boolean {
    const { userId, userHash } = this.config;
    if (!userId || !userHash || !this.token || this.store.get('identity') === userId) return false;
    this.signOut();
    if (this.state.open) void this.ensureSession();
    return true;
  }

  /** The host site's sign-out: forget the visitor here, so the next one starts as a guest. */
  logout(): void {
    this.signOut();
    Object.assign(this.config, { userId: null, userHash: null, userName: null, email: null });
  }

  /** Free-form facts for the support side panel, sent once the socket is up. */
  setAttributes(attributes: Attributes): void {
    this.pendingAttributes = { ...(this.pendingAttributes ?? {}), ...attributes };
    this.flushAttributes();
  }

  private flushAttributes(): void {
    const attributes = this.pendingAttributes;
    if (!attributes || !this.socket.isOnline) return;
    this.pendingAttributes = null;
    this.socket.request('visitor.attributes', { attributes }).catch((err: unknown) => {
      if (err instanceof RpcError && err.code === UNKNOWN_METHOD) return;
      if (err instanceof RpcError && typeof err.code === 'number') {
        console.warn('[parley] setAttributes was refused:', err.message);
        return;
      }
      // Disconnected or timed out: send again with whatever comes next.
      this.pendingAttributes = { ...attributes, ...(this.pendingAttributes ?? {}) };
    });
  }

  /** `visitor.page`: where the visitor is now (the throttle is in watchNavigation). */
  private reportPage(): void {
    if (!this.win || !this.socket.isOnline) return;
    const page = currentPage(this.win);
    if (!page) return;
    const key = `${page.url}\n${page.title ?? ''}`;
    if (key === this.lastPageSent) return;
    this.lastPageSent = key;
    this.socket.request('visitor.page', page).catch(() => {
      this.lastPageSent = null;
    });
  }

  private showSendError(err: SendError, withFiles = false): void {
    if (err.kind === 'rate') this.showRateLimit(err.retryAfter);
    else if (err.kind === 'invalid') this.flash(this.t(withFiles ? 'filesRejected' : 'invalid'));
    else if (err.kind === 'forbidden') this.set({ blocked: true });
    else this.flash(this.t('sendFailed'));
  }

  private showRateLimit(retryAfter: number | null): void {
    this.flash(retryAfter ? this.t('tooFast', { n: retryAfter }) : this.t('tooFastNoTime'), (retryAfter ?? 8) * 1000);
  }

  private flash(notice: string, ms = 8000): void {
    this.set({ notice });
    if (this.noticeTimer) clearTimeout(this.noticeTimer);
    this.noticeTimer = setTimeout(() => this.set({ notice: null }), ms);
  }
}
