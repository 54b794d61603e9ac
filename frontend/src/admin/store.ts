// The admin panel's state and behaviour, independent of React.
import { ApiClient, ApiError, socketUrl } from '../shared/api';
import { lastId, mergeMessages } from '../shared/messages';
import { Outbox, type OutboxItem, type SendError } from '../shared/outbox';
import { ParleySocket, type ConnectionStatus, type WebSocketFactory } from '../shared/socket';
import { createStore, type KeyValueStore } from '../shared/storage';
import { upload } from '../shared/uploads';
import type { UploadResult } from '../shared/uploads';
import type { Availability, Chat, ChatScope, Message, User } from '../shared/types';
import { eraseCustomer, mailStatus, type MailStatus } from './adminApi';
import { fetchFile, saveBlob } from './download';
import { summary } from './files';
import { Drafts, type Draft, type UploadFn } from './drafts';
import { askNotificationPermission, beep, notificationPermission, notify, titleWithCount, type NotifyPermission } from './alerts';
import { parseRoute, routePath, type Route } from './router';
import { Subscribers } from '../shared/subscribers';
import { initialLang, translator, type Lang, type Translate } from './strings';

const TYPING_THROTTLE_MS = 3000;
const TYPING_SHOW_MS = 5000;
const PAGE = 30;

export type Section = 'waiting' | 'mine' | 'others' | 'resolved';
export const SECTIONS: readonly Section[] = ['waiting', 'mine', 'resolved', 'others'];
const SCOPE: Record<Section, ChatScope> = { waiting: 'waiting', mine: 'mine', others: 'all', resolved: 'resolved' };
const NO_CURSORS: Record<Section, string | null> = { waiting: null, mine: null, others: null, resolved: null };

export interface Thread {
  messages: Message[];
  hasMore: boolean;
  loading: boolean;
  loadingOlder: boolean;
  opening: boolean;
  error: string | null;
  customerReadId: number;
  /** After a jump into the middle of a history: newer messages exist that are not loaded yet. */
  hasNewer: boolean;
  loadingNewer: boolean;
  /** The message a search result jumped to, highlighted once it is on screen. */
  focusId: number | null;
}

export interface AdminState {
  me: User | null;
  connection: ConnectionStatus;
  chats: Record<number, Chat>;
  cursors: Record<Section, string | null>;
  listLoading: boolean;
  route: Route;
  threads: Record<number, Thread>;
  typing: Record<number, boolean>;
  outbox: OutboxItem[];
  announcement: string;
  notice: string | null;
  permission: NotifyPermission;
  lang: Lang;
  availability: Availability | null;
  /** Chats that came back after being resolved, until they are resolved again. */
  reopened: Record<number, true>;
  /** Files in the composers, uploading or uploaded, not sent yet. */
  drafts: Draft[];
  /** What is known of uploads on their way in a pending send, by upload id (names for the pending row). */
  uploads: Record<string, UploadResult>;
  /** GET /admin/mail, once asked for; null until then or when it failed. */
  mail: MailStatus | null;
}

const emptyThread: Thread = {
  messages: [],
  hasMore: false,
  loading: true,
  loadingOlder: false,
  opening: true,
  error: null,
  customerReadId: 0,
  hasNewer: false,
  loadingNewer: false,
  focusId: null,
};

export interface AdminDeps {
  origin?: string;
  fetchImpl?: typeof fetch;
  createSocket?: WebSocketFactory;
  storage?: Storage | null;
  alerts?: { beep: () => void; notify: (title: string, body: string, onClick?: () => void) => void };
  upload?: UploadFn;
}

export function sections(state: AdminState): Record<Section, Chat[]> {
  const me = state.me?.id;
  const all = Object.values(state.chats);
  const byActivity = (a: Chat, b: Chat) => b.updated_at.localeCompare(a.updated_at) || b.id - a.id;
  const resolved = (c: Chat) => c.status === 'resolved';
  return {
    waiting: all
      .filter((c) => !resolved(c) && (c.status === 'waiting' || !c.admin))
      .sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id),
    mine: all.filter((c) => !resolved(c) && c.admin && c.admin.id === me).sort(byActivity),
    resolved: all.filter((c) => resolved(c) && c.admin?.id === me).sort(byActivity),
    others: all.filter((c) => c.admin && c.admin.id !== me).sort(byActivity),
  };
}

export function totalUnread(state: AdminState): number {
  const s = sections(state);
  return [...s.waiting, ...s.mine].reduce((n, c) => n + (c.unread_count || 0), 0);
}

export class AdminStore {
  readonly api: ApiClient;
  readonly socket: ParleySocket;
  readonly outbox: Outbox;
  readonly drafts: Drafts;
  /** For files (CSV, exports) the JSON client does not read. */
  private readonly fetchImpl: typeof fetch;
  private store: KeyValueStore;
  private subscribers = new Subscribers();
  private typingTimers = new Map<number, ReturnType<typeof setTimeout>>();
  private lastTypingSent = new Map<number, number>();
  private readSent = new Map<number, number>();
  private authedOnce = false;
  private alerts: NonNullable<AdminDeps['alerts']>;
  state: AdminState;
  /** The current language's strings; replaced when the language changes. */
  t: Translate;

  constructor(deps: AdminDeps = {}) {
    const origin = deps.origin ?? location.origin;
    this.store = createStore(`parley:${origin}:admin`, deps.storage);
    this.alerts = deps.alerts ?? { beep, notify };
    this.fetchImpl = deps.fetchImpl ?? ((...args) => fetch(...args));
    this.api = new ApiClient(origin, () => this.token, deps.fetchImpl);
    this.socket = new ParleySocket({
      url: socketUrl(origin),
      getToken: () => this.token,
      getSince: () => this.since(),
      createSocket: deps.createSocket,
    });
    this.outbox = new Outbox(this.socket, {
      store: this.store,
      storeKey: 'outbox',
      onChange: (outbox) => this.set({ outbox }),
      onSent: (m) => this.receive(m, false),
      onError: (err, item) => this.showSendError(err, Boolean(item.attachment_ids?.length)),
    });
    this.drafts = new Drafts(
      deps.upload ?? ((file, opts) => upload(origin, this.token, file, opts)),
      (drafts) => this.set({ drafts }),
    );
    const lang = initialLang(this.store.get('lang'));
    this.t = translator(lang);
    this.state = {
      me: null,
      connection: 'idle',
      chats: {},
      cursors: NO_CURSORS,
      listLoading: false,
      route: typeof location !== 'undefined' ? parseRoute(location.pathname, location.search) : { name: 'home' },
      threads: {},
      typing: {},
      outbox: this.outbox.items,
      announcement: '',
      notice: null,
      permission: notificationPermission(),
      lang,
      availability: null,
      reopened: {},
      drafts: [],
      uploads: {},
      mail: null,
    };
    this.applyLang(lang);
    this.wire();
  }

  setLang(lang: Lang): void {
    this.store.set('lang', lang);
    this.t = translator(lang);
    this.applyLang(lang);
    this.set({ lang });
  }

  private applyLang(lang: Lang): void {
    if (typeof document !== 'undefined') document.documentElement.lang = lang;
  }

  get token(): string | null {
    return this.store.get('token');
  }

  subscribe = this.subscribers.subscribe;

  getSnapshot = (): AdminState => this.state;

  private set(patch: Partial<AdminState>): void {
    this.state = { ...this.state, ...patch };
    if (typeof document !== 'undefined') document.title = titleWithCount(totalUnread(this.state), this.t('appTitle'));
    this.subscribers.notify();
  }

  private patchChat(chat: Chat, keepUnread = false): void {
    const prev = this.state.chats[chat.id];
    const next: Chat = { ...chat };
    if (prev && keepUnread) next.unread_count = prev.unread_count;
    if (prev?.last_message && (!next.last_message || next.last_message.id < prev.last_message.id)) {
      next.last_message = prev.last_message;
    }
    this.set({ chats: { ...this.state.chats, [chat.id]: next } });
  }

  private patchThread(chatId: number, patch: Partial<Thread>): void {
    const prev = this.state.threads[chatId] ?? emptyThread;
    this.set({ threads: { ...this.state.threads, [chatId]: { ...prev, ...patch } } });
  }

  /** `since` for (re)auth: the last message id known per loaded chat. */
  since(): Record<string, number> | undefined {
    const out: Record<string, number> = {};
    for (const c of Object.values(this.state.chats)) {
      if (c.last_message) out[String(c.id)] = c.last_message.id;
    }
    for (const [id, t] of Object.entries(this.state.threads)) {
      const last = lastId(t.messages);
      if (last !== undefined && last > (out[id] ?? 0)) out[id] = last;
    }
    return Object.keys(out).length ? out : undefined;
  }

  private get currentChatId(): number | null {
    return this.state.route.name === 'chat' ? this.state.route.chatId : null;
  }

  private visible(): boolean {
    return typeof document === 'undefined' || document.visibilityState === 'visible';
  }

  private wire(): void {
    const s = this.socket;
    s.onStatus((connection) => this.set({ connection }));
    s.onOpen((r) => {
      this.set({ me: r.user });
      if (this.authedOnce) {
        // Back after a drop or sleep: the socket replays missed messages (since); refresh the lists too.
        void this.loadLists();
        const id = this.currentChatId;
        if (id !== null) {
          void this.api.getChat(id).then((c) => this.patchChat(c, true), () => undefined);
          if (r.catch_up && !r.catch_up.complete) {
            // The replay was cut short: fetch the rest of the open chat by REST (the lists reload anyway).
            const after = lastId(this.state.threads[id]?.messages ?? []) ?? 0;
            void this.api.messagesAfter(id, after).then((list) => list.forEach((m) => this.receive(m, false)), () => undefined);
          }
        }
      }
      this.authedOnce = true;
      this.markCurrentRead();
    });
    s.onUnauthorized(() => this.signOut());
    s.on('message.new', ({ message }) => this.receive(message, true));
    s.on('chat.waiting', ({ chat }) => {
      const known = Boolean(this.state.chats[chat.id]);
      this.patchChat(chat);
      if (!known) this.alert(this.t('alertNewChat'), `${chat.customer.display_name}: ${chat.last_message ? summary(chat.last_message) : ''}`, chat.id);
    });
    s.on('chat.assigned', ({ chat }) => {
      this.patchChat(chat, Boolean(this.state.chats[chat.id]));
      const me = this.state.me?.id;
      if (chat.id === this.currentChatId && chat.admin && chat.admin.id !== me) {
        this.set({ announcement: this.t('announceTaken', { name: chat.admin.display_name }) });
      }
    });
    s.on('chat.resolved', ({ chat }) => {
      this.patchChat(chat, Boolean(this.state.chats[chat.id]));
      this.setReopened(chat.id, false);
      if (chat.id === this.currentChatId) this.set({ announcement: this.t('announceResolved') });
    });
    s.on('chat.reopened', ({ chat }) => {
      this.patchChat(chat);
      this.setReopened(chat.id, true);
      const me = this.state.me?.id;
      if (!chat.admin || chat.admin.id === me) this.alert(this.t('alertReopened'), `${chat.customer.display_name}: ${chat.last_message ? summary(chat.last_message) : ''}`, chat.id);
    });
    s.on('chat.rated', ({ chat_id, rating }) => {
      const chat = this.state.chats[chat_id];
      if (!chat) return;
      this.set({ chats: { ...this.state.chats, [chat_id]: { ...chat, rating } } });
      if (chat_id === this.currentChatId) {
        this.set({ announcement: this.t('announceRated', { name: chat.customer.display_name, score: rating.score }) });
      }
    });
    s.on('chat.read', (p) => {
      if (p.user_id === this.state.me?.id) return;
      const t = this.state.threads[p.chat_id];
      if (t && p.last_read_id > t.customerReadId) this.patchThread(p.chat_id, { customerReadId: p.last_read_id });
    });
    s.on('typing', (p) => {
      if (p.user_id === this.state.me?.id) return;
      this.set({ typing: { ...this.state.typing, [p.chat_id]: true } });
      const old = this.typingTimers.get(p.chat_id);
      if (old) clearTimeout(old);
      this.typingTimers.set(
        p.chat_id,
        setTimeout(() => this.set({ typing: { ...this.state.typing, [p.chat_id]: false } }), TYPING_SHOW_MS),
      );
    });
    if (typeof window !== 'undefined') {
      window.addEventListener('popstate', () => this.set({ route: parseRoute(location.pathname, location.search) }));
      document.addEventListener('visibilitychange', () => this.markCurrentRead());
    }
  }

  /** Session restore at start-up. */
  async init(): Promise<void> {
    if (!this.token) return;
    try {
      const me = await this.api.me();
      if (me.role !== 'admin') {
        this.signOut();
        return;
      }
      this.set({ me });
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) this.signOut();
      // Offline: keep the token; the socket retries.
    }
    this.socket.start();
    await Promise.all([this.loadLists(), this.loadAvailability()]);
  }

  /** Returns an error text for the form, or null on success. */
  async signIn(username: string, password: string): Promise<string | null> {
    try {
      const reply = await this.api.login(username, password);
      if (reply.user.role !== 'admin') return this.t('signInStaffOnly');
      this.store.set('token', reply.access_token);
      this.set({ me: reply.user });
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return this.t('signInWrong');
      if (e instanceof ApiError && e.status === 429) return this.t('signInTooMany', { n: e.retryAfter ?? 60 });
      if (e instanceof ApiError && e.status === 422) return this.t('signInEmpty');
      return this.t('signInUnreachable');
    }
    this.socket.start();
    await Promise.all([this.loadLists(), this.loadAvailability()]);
    return null;
  }

  signOut(): void {
    this.socket.stop();
    this.store.remove('token');
    this.outbox.clear();
    this.drafts.reset();
    this.authedOnce = false;
    this.readSent.clear();
    this.set({ me: null, chats: {}, threads: {}, typing: {}, cursors: NO_CURSORS, reopened: {}, uploads: {}, mail: null, availability: null });
  }

  async loadAvailability(): Promise<void> {
    try {
      const { status } = await this.api.availability();
      this.set({ availability: status });
    } catch {
      // The switch stays unset; the next change or sign-in tries again.
    }
  }

  /** Away admins are not counted as online: visitors are told nobody is there. */
  async setAvailability(status: Availability): Promise<void> {
    const before = this.state.availability;
    this.set({ availability: status });
    try {
      const reply = await this.api.setAvailability(status);
      this.set({ availability: reply.status });
    } catch {
      this.set({ availability: before, notice: this.t('noticeAvailabilityFailed') });
    }
  }

  async loadLists(): Promise<void> {
    this.set({ listLoading: true });
    const results = await Promise.allSettled(
      SECTIONS.map(async (section) => [section, await this.api.listChats(SCOPE[section], PAGE)] as const),
    );
    const chats = { ...this.state.chats };
    const cursors = { ...this.state.cursors };
    for (const r of results) {
      if (r.status !== 'fulfilled') continue;
      const [section, page] = r.value;
      cursors[section] = page.next_before;
      for (const c of page.items) chats[c.id] = c;
    }
    // A chat that was waiting but is absent from the fresh waiting page has moved on; its fresh copy is in mine/all.
    this.set({ chats, cursors, listLoading: false });
  }

  async loadMore(section: Section): Promise<void> {
    const before = this.state.cursors[section];
    if (!before) return;
    try {
      const page = await this.api.listChats(SCOPE[section], PAGE, before);
      const chats = { ...this.state.chats };
      for (const c of page.items) if (!chats[c.id]) chats[c.id] = c;
      this.set({ chats, cursors: { ...this.state.cursors, [section]: page.next_before } });
    } catch {
      this.set({ notice: this.t('noticeMoreChatsFailed') });
    }
  }

  navigate(route: Route): void {
    const path = routePath(route);
    if (typeof history !== 'undefined' && location.pathname + location.search !== path) history.pushState(null, '', path);
    this.set({ route });
  }

  /**
   * Opening a chat takes it: POST open, then its latest history (the server leaves the admin's own
   * resolved chat resolved: looking is not taking it up). With `aroundId` (a search hit) the history
   * is loaded around that message instead of at the end.
   */
  async openChat(chatId: number, aroundId?: number): Promise<void> {
    const had = this.state.threads[chatId];
    const jumping = aroundId !== undefined && !had?.messages.some((m) => m.id === aroundId);
    this.patchThread(chatId, { opening: true, loading: !had?.messages.length || jumping, error: null, focusId: aroundId ?? null });
    try {
      const chat = await this.api.openChat(chatId);
      this.patchChat({ ...chat, unread_count: 0 });
      if (typeof chat.customer_last_read_id === 'number') {
        const cur = this.state.threads[chatId]?.customerReadId ?? 0;
        this.patchThread(chatId, { customerReadId: Math.max(cur, chat.customer_last_read_id) });
      }
      if (jumping && aroundId !== undefined) {
        const [older, newer] = await Promise.all([
          this.api.messages(chatId, { before: aroundId + 1, limit: 25 }),
          this.api.messages(chatId, { after: aroundId, limit: 25 }),
        ]);
        const items = [...older.items, ...newer.items];
        this.patchThread(chatId, {
          messages: mergeMessages([], items),
          hasMore: older.has_more,
          hasNewer: newer.has_more,
          loading: false,
          opening: false,
        });
        items.forEach((m) => this.outbox.ack(m));
      } else {
        const page = await this.api.messages(chatId, { limit: 50 });
        const t = this.state.threads[chatId] ?? emptyThread;
        this.patchThread(chatId, {
          messages: t.hasNewer ? page.items : mergeMessages(t.messages, page.items),
          hasMore: t.messages.length && !t.hasNewer ? t.hasMore || page.has_more : page.has_more,
          hasNewer: false,
          loading: false,
          opening: false,
        });
        page.items.forEach((m) => this.outbox.ack(m));
      }
      this.markCurrentRead();
    } catch (e) {
      const msg =
        e instanceof ApiError && e.status === 404
          ? this.t('chatMissing')
          : e instanceof ApiError && e.status === 403
            ? this.t('chatForbidden')
            : this.t('chatOpenFailed');
      this.patchThread(chatId, { loading: false, opening: false, error: msg });
      if (e instanceof ApiError && e.status === 404 && this.state.chats[chatId]) {
        // Gone on the server (a colleague erased the customer, say): it leaves the lists here too.
        const chats = { ...this.state.chats };
        delete chats[chatId];
        this.set({ chats });
      }
    }
  }

  /** The history after a jump: the next page toward the present. */
  async loadNewer(chatId: number): Promise<void> {
    const t = this.state.threads[chatId];
    if (!t || !t.hasNewer || t.loadingNewer || !t.messages.length) return;
    this.patchThread(chatId, { loadingNewer: true });
    try {
      const page = await this.api.messages(chatId, { after: t.messages[t.messages.length - 1].id, limit: 50 });
      const cur = this.state.threads[chatId] ?? t;
      this.patchThread(chatId, { messages: mergeMessages(cur.messages, page.items), hasNewer: page.has_more, loadingNewer: false });
      this.markCurrentRead();
    } catch {
      this.patchThread(chatId, { loadingNewer: false });
    }
  }

  clearFocus(chatId: number): void {
    if (this.state.threads[chatId]?.focusId) this.patchThread(chatId, { focusId: null });
  }

  async loadOlder(chatId: number): Promise<void> {
    const t = this.state.threads[chatId];
    if (!t || !t.hasMore || t.loadingOlder || !t.messages.length) return;
    this.patchThread(chatId, { loadingOlder: true });
    try {
      const page = await this.api.messages(chatId, { before: t.messages[0].id, limit: 50 });
      const cur = this.state.threads[chatId] ?? t;
      this.patchThread(chatId, { messages: mergeMessages(cur.messages, page.items), hasMore: page.has_more, loadingOlder: false });
    } catch {
      this.patchThread(chatId, { loadingOlder: false });
    }
  }

  private receive(m: Message, live: boolean): void {
    this.outbox.ack(m);
    const me = this.state.me?.id;
    const fromMe = m.sender.id === me;
    const chat = this.state.chats[m.chat_id];
    const t = this.state.threads[m.chat_id];
    const isNew = !t?.messages.some((x) => x.id === m.id) && !(chat?.last_message && chat.last_message.id >= m.id);
    const note = m.kind === 'note';
    // After a jump the thread holds a window of the past: live messages join when the window reaches them.
    if (t && !t.hasNewer) this.patchThread(m.chat_id, { messages: mergeMessages(t.messages, [m]) });
    const viewing = this.currentChatId === m.chat_id && this.visible();
    if (chat) {
      const last = chat.last_message && chat.last_message.id > m.id ? chat.last_message : m;
      // Notes never count as unread (the contract's rule, kept here for the live counter too).
      const unread = !fromMe && !note && isNew && !viewing ? chat.unread_count + 1 : viewing ? 0 : chat.unread_count;
      const updated = m.created_at > chat.updated_at ? m.created_at : chat.updated_at;
      this.set({ chats: { ...this.state.chats, [chat.id]: { ...chat, last_message: last, unread_count: unread, updated_at: updated } } });
    } else if (live) {
      void this.api.getChat(m.chat_id).then((c) => this.patchChat(c), () => undefined);
    }
    if (!fromMe && isNew && note) {
      this.set({ announcement: this.t('announceNote', { name: m.sender.display_name, body: summary(m) }) });
    } else if (!fromMe && isNew) {
      this.set({
        announcement: this.t('announceMessage', { name: m.sender.display_name, body: summary(m) }),
        typing: { ...this.state.typing, [m.chat_id]: false },
      });
      const mineOrWaiting = !chat || !chat.admin || chat.admin.id === me;
      if (live && mineOrWaiting && !viewing) this.alert(this.t('alertMessage', { name: m.sender.display_name }), summary(m), m.chat_id);
    }
    if (viewing) this.markCurrentRead();
  }

  private alert(title: string, body: string, chatId: number): void {
    this.alerts.beep();
    this.alerts.notify(title, body, () => this.navigate({ name: 'chat', chatId }));
  }

  async requestNotifications(): Promise<void> {
    this.set({ permission: await askNotificationPermission() });
  }

  markCurrentRead(): void {
    const id = this.currentChatId;
    if (id === null || !this.visible() || !this.socket.isOnline) return;
    const t = this.state.threads[id];
    const chat = this.state.chats[id];
    const last = t && !t.hasNewer ? lastId(t.messages) : undefined;
    if (last === undefined || !chat || chat.admin?.id !== this.state.me?.id) return;
    if (chat.unread_count) this.set({ chats: { ...this.state.chats, [id]: { ...chat, unread_count: 0 } } });
    if ((this.readSent.get(id) ?? 0) >= last) return;
    this.readSent.set(id, last);
    this.socket.request('chat.read', { chat_id: id, last_read_id: last }).catch(() => this.readSent.delete(id));
  }

  /**
   * A reply or a note, with the composer's finished uploads: it goes through the outbox (persisted,
   * resent after a drop under the same client_msg_id), so neither text nor files are sent twice.
   */
  send(chatId: number, text: string, kind: 'text' | 'note' = 'text'): boolean {
    const body = text.trim();
    const files = this.drafts.ready(chatId);
    if (files === null) {
      this.set({ notice: this.t('noticeFilesNotReady') });
      return false;
    }
    if ((!body && files.length === 0) || body.length > 4000) {
      this.set({ notice: this.t('noticeLength') });
      return false;
    }
    const uploads = { ...this.state.uploads };
    for (const f of files) uploads[f.id] = f;
    this.set({ notice: null, uploads });
    this.outbox.send(body, chatId, { kind, attachmentIds: files.map((f) => f.id) });
    this.drafts.clear(chatId);
    return true;
  }

  /** A note for colleagues: the same timeline, never shown to the customer. */
  sendNote(chatId: number, text: string): boolean {
    return this.send(chatId, text, 'note');
  }

  /** Files picked, pasted or dropped: they start uploading at once. */
  attach(chatId: number, files: File[]): void {
    if (files.length === 0) return;
    const left = this.drafts.add(chatId, files);
    if (left > 0) this.set({ notice: this.t('noticeTooManyFiles', { n: 10 }) });
  }

  async loadMail(force = false): Promise<MailStatus | null> {
    if (this.state.mail && !force) return this.state.mail;
    try {
      const mail = await mailStatus(this.api);
      this.set({ mail });
      return mail;
    } catch {
      return null;
    }
  }

  private setReopened(chatId: number, on: boolean): void {
    if (Boolean(this.state.reopened[chatId]) === on) return;
    const reopened = { ...this.state.reopened };
    if (on) reopened[chatId] = true;
    else delete reopened[chatId];
    this.set({ reopened });
  }

  /** Resolving ends the conversation for now; the customer writing again brings it back. */
  async resolve(chatId: number): Promise<void> {
    const chat = this.state.chats[chatId];
    if (!chat || chat.status === 'resolved') return;
    try {
      const next = await this.api.resolveChat(chatId);
      this.patchChat(next, true);
      this.setReopened(chatId, false);
      this.set({ announcement: this.t('announceResolved') });
    } catch (e) {
      this.set({ notice: e instanceof ApiError && e.status === 403 ? this.t('noticeResolveForbidden') : this.t('noticeResolveFailed') });
    }
  }

  /** Blocking stops the customer's sends and resolves the chat; unblocking lets them write again. */
  async setBlocked(chatId: number, blocked: boolean): Promise<boolean> {
    try {
      if (blocked) await this.api.blockChat(chatId);
      else await this.api.unblockChat(chatId);
      const chat = await this.api.getChat(chatId).catch(() => this.state.chats[chatId]);
      if (chat) this.patchChat({ ...chat, blocked }, true);
      this.set({ announcement: this.t(blocked ? 'announceBlocked' : 'announceUnblocked') });
      return true;
    } catch {
      this.set({ notice: this.t(blocked ? 'noticeBlockFailed' : 'noticeUnblockFailed') });
      return false;
    }
  }

  /** Fetches an API file with the bearer token and saves it; throws ApiError or a network error. */
  async download(path: string, fallbackName: string): Promise<void> {
    const file = await fetchFile(this.fetchImpl, this.api.origin, this.token, path, fallbackName);
    saveBlob(file.blob, file.name);
  }

  /**
   * Erases the chat's customer and everything of theirs (DELETE /admin/customers/{id}); the chat
   * leaves the lists. A 404 means a colleague erased them first: the chat goes all the same.
   * Returns an error text, or null when they are gone.
   */
  async eraseCustomer(chatId: number): Promise<string | null> {
    const chat = this.state.chats[chatId];
    if (!chat) return null;
    const name = chat.customer.display_name;
    let gone = false;
    try {
      await eraseCustomer(this.api, chat.customer.id);
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 404)) {
        return this.t('eraseFailed', { reason: e instanceof ApiError ? e.detail : e instanceof Error ? e.message : String(e) });
      }
      gone = true;
    }
    const chats = { ...this.state.chats };
    const threads = { ...this.state.threads };
    const typing = { ...this.state.typing };
    const reopened = { ...this.state.reopened };
    for (const c of Object.values(chats)) {
      if (c.customer.id !== chat.customer.id) continue;
      delete chats[c.id];
      delete threads[c.id];
      delete typing[c.id];
      delete reopened[c.id];
      this.outbox.items.filter((i) => i.chatId === c.id).forEach((i) => this.outbox.discard(i.clientMsgId));
      this.drafts.clear(c.id);
    }
    this.set({ chats, threads, typing, reopened, announcement: this.t(gone ? 'eraseGone' : 'erased', { name }) });
    if (this.currentChatId !== null && !chats[this.currentChatId]) this.navigate({ name: 'home' });
    return null;
  }

  retry(clientMsgId: string): void {
    this.set({ notice: null });
    this.outbox.retry(clientMsgId);
  }

  discard(clientMsgId: string): void {
    this.outbox.discard(clientMsgId);
  }

  typingIn(chatId: number): void {
    if (!this.socket.isOnline) return;
    const now = Date.now();
    if (now - (this.lastTypingSent.get(chatId) ?? 0) < TYPING_THROTTLE_MS) return;
    this.lastTypingSent.set(chatId, now);
    this.socket.request('typing', { chat_id: chatId }).catch(() => undefined);
  }

  dismissNotice(): void {
    this.set({ notice: null });
  }

  private showSendError(err: SendError, withFiles = false): void {
    const notice =
      err.kind === 'rate'
        ? err.retryAfter
          ? this.t('noticeTooFast', { n: err.retryAfter })
          : this.t('noticeTooFastNoTime')
        : err.kind === 'invalid'
          ? this.t(withFiles ? 'noticeFilesRefused' : 'noticeLength')
          : err.kind === 'forbidden'
            ? this.t('noticeForbidden')
            : err.kind === 'timeout'
              ? this.t('noticeTimeout')
              : this.t('noticeSendFailed', { reason: err.message });
    this.set({ notice });
  }
}
