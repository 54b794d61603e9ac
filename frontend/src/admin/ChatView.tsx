import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type ClipboardEvent, type DragEvent, type KeyboardEvent } from 'react';
import { Linkified } from '../shared/Linkified';
import { formatTime } from '../shared/messages';
import { useAutosize } from '../shared/useAutosize';
import type { OutboxItem } from '../shared/outbox';
import type { Chat, Message, User } from '../shared/types';
import type { UploadResult } from '../shared/uploads';
import { AttachmentList } from './Attachments';
import { AttachButton, DraftChips, filesOf, hasFiles } from './ComposerFiles';
import { isImage } from './files';
import { Lightbox } from './Lightbox';
import { CannedPicker, cannedQuery, fillPlaceholders, useCannedPicker } from './CannedPicker';
import { useAdmin } from './hooks';
import { NoteIcon } from './NoteIcon';
import { RatingBox } from './RatingView';
import type { AdminStore } from './store';
import type { Lang, Translate } from './strings';
import { VisitorPanel } from './VisitorPanel';

const MAX = 4000;
const FOCUS_MS = 4000;

/** Alt+R (by key position, so any keyboard layout) resolves the open chat; plain typing is left alone. */
export function isResolveShortcut(e: { altKey: boolean; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; code: string }): boolean {
  return e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && e.code === 'KeyR';
}

export function ChatView({
  store,
  chatId,
  messageId,
  pane,
}: {
  store: AdminStore;
  chatId: number;
  messageId?: number;
  pane?: 'visitor';
}) {
  const s = useAdmin(store);
  const t = store.t;
  const chat = s.chats[chatId];
  const thread = s.threads[chatId];
  const me = s.me;
  const logRef = useRef<HTMLDivElement>(null);
  const prevFirst = useRef<number | undefined>(undefined);
  const prevHeight = useRef(0);
  const stick = useRef(true);

  useEffect(() => {
    void store.openChat(chatId, messageId);
  }, [store, chatId, messageId]);

  const taken = Boolean(chat?.admin && me && chat.admin.id !== me.id && !thread?.opening);
  const readOnly = taken || !chat || Boolean(thread?.opening);
  const canResolve = Boolean(chat && chat.status !== 'resolved' && !taken && (!chat.admin || chat.admin.id === me?.id));

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (!isResolveShortcut(e)) return;
      e.preventDefault();
      if (canResolve) void store.resolve(chatId);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [store, chatId, canResolve]);

  const messages = thread?.messages ?? [];
  const pending = s.outbox.filter((i) => i.chatId === chatId);
  const firstId = messages[0]?.id;
  const focusId = thread?.focusId ?? null;
  const loaded = Boolean(thread && !thread.loading);

  // Keep the view anchored: at the bottom for new messages, in place when older ones are prepended.
  useLayoutEffect(() => {
    const el = logRef.current;
    if (!el) return;
    if (prevFirst.current !== undefined && firstId !== undefined && firstId < prevFirst.current) {
      el.scrollTop = el.scrollHeight - prevHeight.current + el.scrollTop;
    } else if (stick.current && !focusId) {
      el.scrollTop = el.scrollHeight;
    }
    prevFirst.current = firstId;
    prevHeight.current = el.scrollHeight;
  }, [messages.length, pending.length, firstId, s.typing[chatId], focusId]);

  // A search hit: bring its message to the middle of the view, highlighted for a few seconds.
  useLayoutEffect(() => {
    if (!focusId || !loaded) return;
    const el = logRef.current?.querySelector<HTMLElement>(`[data-message-id="${focusId}"]`);
    if (!el) return;
    stick.current = false;
    el.scrollIntoView?.({ block: 'center' });
    const timer = setTimeout(() => store.clearFocus(chatId), FOCUS_MS);
    return () => clearTimeout(timer);
  }, [focusId, loaded, store, chatId]);

  const onScroll = () => {
    const el = logRef.current;
    if (!el) return;
    prevHeight.current = el.scrollHeight;
    const fromBottom = el.scrollHeight - el.scrollTop - el.clientHeight;
    stick.current = fromBottom < 60 && !thread?.hasNewer;
    if (el.scrollTop < 80) void store.loadOlder(chatId);
    if (fromBottom < 80) void store.loadNewer(chatId);
  };

  const images = useMemo(() => messages.flatMap((m) => (m.attachments ?? []).filter(isImage)), [messages]);
  const [viewing, setViewing] = useState<string | null>(null);
  const viewIndex = viewing ? images.findIndex((a) => a.id === viewing) : -1;
  const [dragging, setDragging] = useState(false);
  const dragDepth = useRef(0);
  // A file dropped beside the chat (on the list, the header) would make the browser leave the panel to show it.
  useEffect(() => {
    const guard = (e: globalThis.DragEvent) => {
      if (hasFiles(e.dataTransfer)) e.preventDefault();
    };
    window.addEventListener('dragover', guard);
    window.addEventListener('drop', guard);
    return () => {
      window.removeEventListener('dragover', guard);
      window.removeEventListener('drop', guard);
    };
  }, []);
  const onDragEnter = (e: DragEvent) => {
    if (readOnly || !hasFiles(e.dataTransfer)) return;
    e.preventDefault();
    dragDepth.current += 1;
    setDragging(true);
  };
  const onDragOver = (e: DragEvent) => {
    if (readOnly || !hasFiles(e.dataTransfer)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  };
  const onDragLeave = () => {
    dragDepth.current = Math.max(0, dragDepth.current - 1);
    if (dragDepth.current === 0) setDragging(false);
  };
  const onDrop = (e: DragEvent) => {
    dragDepth.current = 0;
    setDragging(false);
    const files = filesOf(e.dataTransfer);
    if (readOnly || !files.length) return;
    e.preventDefault();
    store.attach(chatId, files);
  };

  const customer = chat?.customer;
  const reopened = Boolean(s.reopened[chatId]);
  const openPane = (visitor: boolean) =>
    store.navigate({ name: 'chat', chatId, ...(messageId ? { messageId } : {}), ...(visitor ? { pane: 'visitor' as const } : {}) });

  return (
    <div className={`chat-layout ${pane === 'visitor' ? 'show-visitor' : ''}`}>
      <section
        className={`chat-view ${dragging ? 'dragging' : ''}`}
        aria-label={customer ? t('chatWith', { name: customer.display_name }) : t('chatNumber', { id: chatId })}
        onDragEnter={onDragEnter}
        onDragOver={onDragOver}
        onDragLeave={onDragLeave}
        onDrop={onDrop}
      >
        {dragging && (
          <div className="drop-overlay" aria-hidden="true">
            {t('dropHere')}
          </div>
        )}
        <header className="chat-header">
          <button type="button" className="btn-ghost back" onClick={() => store.navigate({ name: 'home' })} aria-label={t('backToList')}>
            ←
          </button>
          <span className="avatar lg" aria-hidden="true">
            {(customer?.display_name ?? '?').slice(0, 1).toUpperCase()}
          </span>
          <div className="chat-title">
            <h1>{customer?.display_name ?? t('chatNumber', { id: chatId })}</h1>
            <p>
              {customer ? (customer.is_guest ? t('guestVisitor', { id: customer.id }) : t('customerHandle', { username: customer.username ?? '' })) : ''}
              {chat?.admin ? (chat.admin.id === me?.id ? t('assignedToYou') : t('assignedTo', { name: chat.admin.display_name })) : ''}
            </p>
            <ChatPills chat={chat} reopened={reopened} t={t} />
          </div>
          <div className="chat-actions">
            {canResolve && (
              <button
                type="button"
                className="btn-secondary resolve"
                title={t('resolveHint')}
                aria-keyshortcuts="Alt+R"
                onClick={() => void store.resolve(chatId)}
              >
                <span aria-hidden="true">✓ </span>
                {t('resolve')}
                <kbd className="kbd" aria-hidden="true">
                  Alt+R
                </kbd>
              </button>
            )}
            <button type="button" className="btn-secondary visitor-toggle" onClick={() => openPane(true)}>
              {t('visitorInfo')}
            </button>
          </div>
        </header>
        {taken && chat?.admin && (
          <div className="taken-banner" role="alert">
            <span>{t('takenBy', { name: chat.admin.display_name })}</span>
            <button type="button" className="btn-secondary" onClick={() => void store.openChat(chatId)}>
              {t('takeBack')}
            </button>
          </div>
        )}
        {thread?.error && (
          <div className="taken-banner error" role="alert">
            {thread.error}
          </div>
        )}
        {chat?.blocked ? (
          <div className="state-banner blocked">{t('blockedBanner')}</div>
        ) : chat?.status === 'resolved' && !taken ? (
          <div className="state-banner resolved">{t('resolvedBanner')}</div>
        ) : reopened && !taken ? (
          <div className="state-banner reopened">{t('reopenedBanner')}</div>
        ) : null}
        {chat?.rating && <RatingBox rating={chat.rating} t={t} />}
        <div className="log" ref={logRef} onScroll={onScroll} role="log" aria-label={t('messages')} tabIndex={0}>
          {thread?.hasMore && (
            <button type="button" className="load-older" onClick={() => void store.loadOlder(chatId)} disabled={thread.loadingOlder}>
              {thread.loadingOlder ? t('loading') : t('loadEarlier')}
            </button>
          )}
          {thread?.loading && <p className="log-empty">{t('loadingConversation')}</p>}
          {!thread?.loading && messages.length === 0 && <p className="log-empty">{t('noMessages')}</p>}
          {messages.map((m, i) => (
            <MessageRow
              key={m.id}
              message={m}
              mine={m.sender.id === me?.id}
              showName={i === 0 || messages[i - 1].sender.id !== m.sender.id || messages[i - 1].kind !== m.kind}
              read={m.id <= (thread?.customerReadId ?? 0)}
              focused={m.id === focusId}
              t={t}
              lang={s.lang}
              origin={store.api.origin}
              onOpen={setViewing}
            />
          ))}
          {thread?.hasNewer && (
            <button type="button" className="load-older" onClick={() => void store.loadNewer(chatId)} disabled={thread.loadingNewer}>
              {thread.loadingNewer ? t('loading') : t('loadNewer')}
            </button>
          )}
          {pending.map((item) => (
            <PendingRow key={item.clientMsgId} item={item} store={store} uploads={s.uploads} t={t} />
          ))}
          {s.typing[chatId] && (
            <div className="typing" aria-label={t('isTyping', { name: customer?.display_name ?? t('customer') })}>
              <span />
              <span />
              <span />
            </div>
          )}
        </div>
        <Composer store={store} chatId={chatId} chat={chat} me={me} readOnly={readOnly} taken={taken} t={t} />
      </section>
      <VisitorPanel store={store} chatId={chatId} onBack={() => openPane(false)} />
      {viewIndex >= 0 && (
        <Lightbox
          images={images}
          index={viewIndex}
          origin={store.api.origin}
          t={t}
          onIndex={(i) => setViewing(images[i]?.id ?? null)}
          onClose={() => setViewing(null)}
        />
      )}
    </div>
  );
}

function ChatPills({ chat, reopened, t }: { chat: Chat | undefined; reopened: boolean; t: Translate }) {
  if (!chat) return null;
  const resolved = chat.status === 'resolved';
  if (!resolved && !reopened && !chat.blocked) return null;
  return (
    <span className="row-tags">
      {resolved && <span className="pill pill-resolved">✓ {t('resolvedPill')}</span>}
      {reopened && !resolved && <span className="pill pill-reopened">↺ {t('reopened')}</span>}
      {chat.blocked && <span className="pill pill-blocked">⊘ {t('blocked')}</span>}
    </span>
  );
}

function MessageRow({
  message,
  mine,
  showName,
  read,
  focused,
  t,
  lang,
  origin,
  onOpen,
}: {
  message: Message;
  mine: boolean;
  showName: boolean;
  read: boolean;
  focused: boolean;
  t: Translate;
  lang: Lang;
  origin: string;
  onOpen: (attachmentId: string) => void;
}) {
  const focus = focused ? ' focused' : '';
  const files = <AttachmentList attachments={message.attachments ?? []} origin={origin} lang={lang} t={t} onOpen={onOpen} />;
  if (message.kind === 'note') {
    return (
      <div className={`msg note${focus}`} data-message-id={message.id}>
        <div className="note-label">
          <NoteIcon />
          {t('noteLabel')} · {message.sender.display_name}
        </div>
        {message.body && (
          <div className="bubble">
            <Linkified text={message.body} />
          </div>
        )}
        {files}
        <div className="msg-meta">
          <time dateTime={message.created_at}>{formatTime(message.created_at, lang)}</time>
          <span>{t('noteHidden')}</span>
        </div>
      </div>
    );
  }
  const staff = message.sender.role === 'admin';
  return (
    <div className={`msg ${mine ? 'mine' : staff ? 'staff' : 'theirs'}${focus}`} data-message-id={message.id}>
      {showName && !mine && <div className="msg-author">{message.sender.display_name}</div>}
      {message.body && (
        <div className="bubble">
          <Linkified text={message.body} />
        </div>
      )}
      {files}
      <div className="msg-meta">
        <time dateTime={message.created_at}>{formatTime(message.created_at, lang)}</time>
        {mine && <span className={read ? 'tick read' : 'tick'}>{read ? t('read') : t('sent')}</span>}
      </div>
    </div>
  );
}

/** A reply or note the server has not confirmed yet, with the names of its files when known. */
function PendingRow({
  item,
  store,
  uploads,
  t,
}: {
  item: OutboxItem;
  store: AdminStore;
  uploads: Record<string, UploadResult>;
  t: Translate;
}) {
  const failed = item.state === 'failed';
  const note = item.kind === 'note';
  const ids = item.attachment_ids ?? [];
  const known = ids.map((id) => uploads[id]).filter((u): u is UploadResult => Boolean(u));
  return (
    <div className={`msg ${note ? 'note' : 'mine'} ${failed ? 'failed' : 'pending'}`}>
      {note && (
        <div className="note-label">
          <NoteIcon />
          {t('noteLabel')}
        </div>
      )}
      {item.body && (
        <div className="bubble">
          <Linkified text={item.body} />
        </div>
      )}
      {ids.length > 0 && (
        <ul className="attachments pending-files">
          {known.length === ids.length ? (
            known.map((u) => (
              <li key={u.id} className="att-file">
                <span className="file-name">{u.name}</span>
              </li>
            ))
          ) : (
            <li className="att-file">{t('filesPending', { n: ids.length })}</li>
          )}
        </ul>
      )}
      <div className="msg-meta">
        {failed ? (
          <>
            <span className="error-text">{t('notSent')}</span>
            <button type="button" className="link" onClick={() => store.retry(item.clientMsgId)}>
              {t('retry')}
            </button>
            <button type="button" className="link" onClick={() => store.discard(item.clientMsgId)}>
              {t('delete')}
            </button>
          </>
        ) : (
          <span>{t('sending')}</span>
        )}
      </div>
    </div>
  );
}

function Composer({
  store,
  chatId,
  chat,
  me,
  readOnly,
  taken,
  t,
}: {
  store: AdminStore;
  chatId: number;
  chat: Chat | undefined;
  me: User | null;
  readOnly: boolean;
  taken: boolean;
  t: Translate;
}) {
  const [text, setText] = useState('');
  const [mode, setMode] = useState<'reply' | 'note'>('reply');
  const id = useId();
  const listId = `${id}-canned`;
  const ref = useRef<HTMLTextAreaElement>(null);
  const query = readOnly ? null : cannedQuery(text);
  const picker = useCannedPicker(store, query);
  useEffect(() => {
    if (!readOnly) ref.current?.focus();
  }, [readOnly]);
  useAutosize(ref, text, 200);
  const note = mode === 'note';
  const s = useAdmin(store);
  const drafts = s.drafts.filter((d) => d.chatId === chatId);
  const filesReady = drafts.every((d) => d.state === 'done');
  const submit = () => {
    if (readOnly) return;
    const ok = store.send(chatId, text, note ? 'note' : 'text');
    if (ok) setText('');
  };
  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    const files = filesOf(e.clipboardData);
    if (readOnly || !files.length) return;
    // A pasted screenshot becomes a file; pasted text still goes into the box as usual.
    e.preventDefault();
    store.attach(chatId, files);
  };
  const pick = (index: number) => {
    const c = picker.items[index];
    if (!c) return;
    setText(fillPlaceholders(c.body, { customer: chat?.customer.display_name ?? '', admin: me?.display_name ?? '' }));
    ref.current?.focus();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (picker.open && picker.items.length) {
      const n = picker.items.length;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        picker.setActive((picker.active + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
        return;
      }
      if ((e.key === 'Enter' && !e.shiftKey) || e.key === 'Tab') {
        e.preventDefault();
        pick(picker.active);
        return;
      }
    }
    if (picker.open && e.key === 'Escape') {
      e.preventDefault();
      picker.dismiss();
      return;
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    }
  };
  const over = text.length > MAX;
  const activeItem = picker.open ? picker.items[picker.active] : undefined;
  return (
    <form
      className={`composer ${note ? 'composer-note' : ''}`}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div className="mode-toggle" role="group" aria-label={t('composeMode')}>
        <button type="button" aria-pressed={!note} className={!note ? 'on' : ''} onClick={() => setMode('reply')}>
          {t('modeReply')}
        </button>
        <button type="button" aria-pressed={note} className={note ? 'on note' : ''} onClick={() => setMode('note')}>
          <NoteIcon />
          {t('modeNote')}
        </button>
      </div>
      <DraftChips
        drafts={drafts}
        lang={s.lang}
        t={t}
        onRemove={(key) => store.drafts.remove(key)}
        onRetry={(key) => store.drafts.retry(key)}
      />
      <div className="composer-row">
        {query !== null && <CannedPicker id={listId} picker={picker} query={query} t={t} onPick={(c) => pick(picker.items.indexOf(c))} />}
        <label htmlFor={id} className="sr-only">
          {note ? t('noteComposerLabel') : t('replyLabel')}
        </label>
        <textarea
          id={id}
          ref={ref}
          rows={1}
          value={text}
          readOnly={readOnly}
          aria-readonly={readOnly}
          aria-autocomplete="list"
          aria-haspopup="listbox"
          aria-controls={picker.open && picker.items.length ? listId : undefined}
          aria-activedescendant={activeItem ? `${listId}-${activeItem.id}` : undefined}
          placeholder={taken ? t('takenPlaceholder') : note ? t('notePlaceholder') : t('replyPlaceholder')}
          onChange={(e) => {
            setText(e.target.value);
            if (!note) store.typingIn(chatId);
          }}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
        />
        {text.length >= MAX - 500 && (
          <span className={`counter ${over ? 'over' : ''}`} aria-live="polite">
            {t('counter', { n: text.length, max: MAX })}
          </span>
        )}
        <AttachButton disabled={readOnly} t={t} onFiles={(files) => store.attach(chatId, files)} />
        <button
          type="submit"
          className={note ? 'btn-primary btn-note' : 'btn-primary'}
          disabled={readOnly || (!text.trim() && drafts.length === 0) || !filesReady || over}
        >
          {note ? t('addNote') : t('send')}
        </button>
      </div>
    </form>
  );
}
