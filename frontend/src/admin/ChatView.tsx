import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Linkified } from '../shared/Linkified';
import { formatTime } from '../shared/messages';
import { useAutosize } from '../shared/useAutosize';
import type { OutboxItem } from '../shared/outbox';
import type { Message } from '../shared/types';
import { useAdmin } from './hooks';
import type { AdminStore } from './store';

const MAX = 4000;

export function ChatView({ store, chatId }: { store: AdminStore; chatId: number }) {
  const s = useAdmin(store);
  const chat = s.chats[chatId];
  const thread = s.threads[chatId];
  const me = s.me;
  const logRef = useRef<HTMLDivElement>(null);
  const prevFirst = useRef<number | undefined>(undefined);
  const prevHeight = useRef(0);
  const stick = useRef(true);

  useEffect(() => {
    void store.openChat(chatId);
  }, [store, chatId]);

  const messages = thread?.messages ?? [];
  const pending = s.outbox.filter((i) => i.chatId === chatId);
  const firstId = messages[0]?.id;

  // Keep the view anchored: at the bottom for new messages, in place when older ones are prepended.
  useLayoutEffect(() => {
    const el = logRef.current;
    if (!el) return;
    if (prevFirst.current !== undefined && firstId !== undefined && firstId < prevFirst.current) {
      el.scrollTop = el.scrollHeight - prevHeight.current + el.scrollTop;
    } else if (stick.current) {
      el.scrollTop = el.scrollHeight;
    }
    prevFirst.current = firstId;
    prevHeight.current = el.scrollHeight;
  }, [messages.length, pending.length, firstId, s.typing[chatId]]);

  const onScroll = () => {
    const el = logRef.current;
    if (!el) return;
    prevHeight.current = el.scrollHeight;
    stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 60;
    if (el.scrollTop < 80) void store.loadOlder(chatId);
  };

  const taken = Boolean(chat?.admin && me && chat.admin.id !== me.id && !thread?.opening);
  const readOnly = taken || !chat || Boolean(thread?.opening);
  const customer = chat?.customer;

  return (
    <section className="chat-view" aria-label={customer ? `Chat with ${customer.display_name}` : 'Chat'}>
      <header className="chat-header">
        <button type="button" className="btn-ghost back" onClick={() => store.navigate({ name: 'home' })} aria-label="Back to chat list">
          ←
        </button>
        <span className="avatar lg" aria-hidden="true">
          {(customer?.display_name ?? '?').slice(0, 1).toUpperCase()}
        </span>
        <div className="chat-title">
          <h1>{customer?.display_name ?? `Chat #${chatId}`}</h1>
          <p>
            {customer ? (customer.is_guest ? `Guest visitor #${customer.id}` : `Customer · @${customer.username ?? ''}`) : ''}
            {chat?.admin ? ` · assigned to ${chat.admin.id === me?.id ? 'you' : chat.admin.display_name}` : ''}
          </p>
        </div>
      </header>
      {taken && chat?.admin && (
        <div className="taken-banner" role="alert">
          <span>
            Taken by <strong>{chat.admin.display_name}</strong>. You can no longer reply here.
          </span>
          <button type="button" className="btn-secondary" onClick={() => void store.openChat(chatId)}>
            Take back
          </button>
        </div>
      )}
      {thread?.error && (
        <div className="taken-banner error" role="alert">
          {thread.error}
        </div>
      )}
      <div className="log" ref={logRef} onScroll={onScroll} role="log" aria-label="Messages">
        {thread?.hasMore && (
          <button type="button" className="load-older" onClick={() => void store.loadOlder(chatId)} disabled={thread.loadingOlder}>
            {thread.loadingOlder ? 'Loading…' : 'Load earlier messages'}
          </button>
        )}
        {thread?.loading && <p className="log-empty">Loading conversation…</p>}
        {!thread?.loading && messages.length === 0 && <p className="log-empty">No messages yet.</p>}
        {messages.map((m, i) => (
          <MessageRow
            key={m.id}
            message={m}
            mine={m.sender.id === me?.id}
            showName={i === 0 || messages[i - 1].sender.id !== m.sender.id}
            read={m.id <= (thread?.customerReadId ?? 0)}
          />
        ))}
        {pending.map((item) => (
          <PendingRow key={item.clientMsgId} item={item} store={store} />
        ))}
        {s.typing[chatId] && (
          <div className="typing" aria-label={`${customer?.display_name ?? 'Customer'} is typing`}>
            <span />
            <span />
            <span />
          </div>
        )}
      </div>
      <Composer store={store} chatId={chatId} readOnly={readOnly} taken={taken} />
    </section>
  );
}

function MessageRow({ message, mine, showName, read }: { message: Message; mine: boolean; showName: boolean; read: boolean }) {
  const staff = message.sender.role === 'admin';
  return (
    <div className={`msg ${mine ? 'mine' : staff ? 'staff' : 'theirs'}`} data-message-id={message.id}>
      {showName && !mine && <div className="msg-author">{message.sender.display_name}</div>}
      <div className="bubble">
        <Linkified text={message.body} />
      </div>
      <div className="msg-meta">
        <time dateTime={message.created_at}>{formatTime(message.created_at)}</time>
        {mine && <span className={read ? 'tick read' : 'tick'}>{read ? '✓✓ Read' : '✓ Sent'}</span>}
      </div>
    </div>
  );
}

function PendingRow({ item, store }: { item: OutboxItem; store: AdminStore }) {
  const failed = item.state === 'failed';
  return (
    <div className={`msg mine ${failed ? 'failed' : 'pending'}`}>
      <div className="bubble">
        <Linkified text={item.body} />
      </div>
      <div className="msg-meta">
        {failed ? (
          <>
            <span className="error-text">Not sent</span>
            <button type="button" className="link" onClick={() => store.retry(item.clientMsgId)}>
              Retry
            </button>
            <button type="button" className="link" onClick={() => store.discard(item.clientMsgId)}>
              Delete
            </button>
          </>
        ) : (
          <span>Sending…</span>
        )}
      </div>
    </div>
  );
}

function Composer({ store, chatId, readOnly, taken }: { store: AdminStore; chatId: number; readOnly: boolean; taken: boolean }) {
  const [text, setText] = useState('');
  const id = useId();
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (!readOnly) ref.current?.focus();
  }, [readOnly]);
  useAutosize(ref, text, 200);
  const submit = () => {
    if (readOnly) return;
    if (store.send(chatId, text)) setText('');
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      submit();
    }
  };
  const over = text.length > MAX;
  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label htmlFor={id} className="sr-only">
        Reply
      </label>
      <textarea
        id={id}
        ref={ref}
        rows={1}
        value={text}
        readOnly={readOnly}
        aria-readonly={readOnly}
        placeholder={taken ? 'This chat is handled by another admin' : 'Write a reply… (Enter to send, Shift+Enter for a new line)'}
        onChange={(e) => {
          setText(e.target.value);
          store.typingIn(chatId);
        }}
        onKeyDown={onKeyDown}
      />
      {text.length >= MAX - 500 && (
        <span className={`counter ${over ? 'over' : ''}`} aria-live="polite">
          {text.length} / {MAX}
        </span>
      )}
      <button type="submit" className="btn-primary" disabled={readOnly || !text.trim() || over}>
        Send
      </button>
    </form>
  );
}
