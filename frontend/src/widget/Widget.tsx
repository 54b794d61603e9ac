import { Component, useEffect, useId, useRef, useState, useSyncExternalStore, type ErrorInfo, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { Linkified } from '../shared/Linkified';
import { formatTime } from '../shared/messages';
import { useAutosize } from '../shared/useAutosize';
import type { OutboxItem } from '../shared/outbox';
import type { Attachment, Message } from '../shared/types';
import { formatFileSize } from '../shared/uploads';
import { CHAT_ICON_PATH } from '../loader/launcher';
import { MAX_BODY, type WidgetController } from './controller';
import { EmailRow } from './Email';
import { AttachButton, AttachmentList, FileChips, FileIcon, ImageViewer } from './Files';
import { filesOf, hasFiles } from './files';
import { RatingCard } from './Rating';

export class ErrorBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('[parley] widget error', error, info.componentStack);
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

function ChatIcon() {
  return (
    <svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false">
      <path fill="currentColor" d={CHAT_ICON_PATH} />
    </svg>
  );
}

function CloseIcon() {
  return (
    <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
      <path fill="currentColor" d="M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6z" />
    </svg>
  );
}

function PaperclipIcon() {
  return (
    <svg viewBox="0 0 24 24" width="14" height="14" aria-hidden="true" focusable="false">
      <path
        d="M20.5 11.5l-8.1 8.1a5 5 0 0 1-7.1-7.1l8.5-8.5a3.4 3.4 0 0 1 4.8 4.8l-8.5 8.5a1.7 1.7 0 0 1-2.4-2.4l7.8-7.8"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

function SendIcon() {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path fill="currentColor" d="M3.4 20.4 21 12 3.4 3.6 3.4 10l12.6 2-12.6 2z" />
    </svg>
  );
}

export function Widget({ controller }: { controller: WidgetController }) {
  const s = useSyncExternalStore(controller.subscribe, controller.getSnapshot);
  const { t, config } = controller;
  const title = config.title ?? t('defaultTitle');
  const adminName = s.chat?.admin?.display_name ?? null;
  const absence = controller.absence();
  // Nobody to answer now outranks the assigned admin's name: they are away too.
  const statusText =
    absence === 'hours'
      ? t('outsideHours')
      : absence
        ? t('offlineNow')
        : adminName
          ? t('agent', { name: adminName })
          : s.adminsOnline
            ? t('online')
            : t('offline');
  const online = !absence && (Boolean(s.adminsOnline) || Boolean(adminName && s.adminsOnline !== 0));
  const launcherRef = useRef<HTMLButtonElement>(null);
  const [dragging, setDragging] = useState(false);
  const canDrop = s.view === 'chat' && !s.blocked;

  useEffect(() => {
    if (!s.open) return;
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key === 'Escape') {
        controller.setOpen(false);
        launcherRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [s.open, controller]);

  return (
    <div className={`pw-root pw-${config.position}`} style={{ ['--pw-accent' as string]: config.color }} lang={config.lang}>
      {s.open && (
        <section
          className="pw-panel"
          role="dialog"
          aria-label={title}
          onDragOver={(e) => {
            if (!canDrop || !hasFiles(e.dataTransfer)) return;
            e.preventDefault();
            e.dataTransfer.dropEffect = 'copy';
            if (!dragging) setDragging(true);
          }}
          onDragLeave={(e) => {
            if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
          }}
          onDrop={(e) => {
            if (!hasFiles(e.dataTransfer)) return;
            e.preventDefault();
            setDragging(false);
            if (canDrop) void controller.addFiles(filesOf(e.dataTransfer));
          }}
        >
          {/* A div, not <header>: the host page has its own banner landmark. */}
          <div className="pw-header">
            <div className="pw-avatar" aria-hidden="true">
              {(adminName ?? title).slice(0, 1).toUpperCase()}
              <span className={`pw-dot ${online ? 'pw-dot-on' : ''}`} />
            </div>
            <div className="pw-heading">
              <div className="pw-title">{title}</div>
              <p className="pw-subtitle">{statusText}</p>
            </div>
            {(!s.user || s.user.is_guest) && s.view === 'chat' ? (
              <button type="button" className="pw-link" onClick={() => controller.showView('signin')}>
                {t('signIn')}
              </button>
            ) : null}
            <button
              type="button"
              className="pw-icon-btn"
              aria-label={t('closeChat')}
              onClick={() => {
                controller.setOpen(false);
                launcherRef.current?.focus();
              }}
            >
              <CloseIcon />
            </button>
          </div>
          {s.connection === 'reconnecting' && (
            <div className="pw-banner" role="status">
              {t('reconnecting')}
            </div>
          )}
          {s.view === 'signin' ? <SignInForm controller={controller} /> : <Conversation controller={controller} />}
          {dragging && (
            <div className="pw-drop" aria-hidden="true">
              {t('dropHere')}
            </div>
          )}
        </section>
      )}
      {!s.open && s.unread > 0 && s.preview && config.launcher !== 'none' && (
        <button
          type="button"
          className="pw-preview"
          aria-label={t('previewLabel', { name: s.preview.name, body: s.preview.text })}
          onClick={() => controller.setOpen(true)}
        >
          {/* The spaces keep the visible words apart, so the label (which names them) contains them. */}
          <span className="pw-preview-name">{s.preview.name}</span>{' '}
          <span className="pw-preview-text">
            {s.preview.body}
            {s.preview.body && s.preview.files ? ' ' : null}
            {s.preview.files && (
              <span className="pw-preview-files">
                <PaperclipIcon />
                {s.preview.files}
              </span>
            )}
          </span>
        </button>
      )}
      {config.launcher !== 'none' && (
        <button
          ref={launcherRef}
          type="button"
          className="pw-launcher"
          // The badge's count is visible text, so the name says it too.
          aria-label={s.open ? t('closeChat') : s.unread > 0 ? t('openChatUnread', { n: s.unread > 99 ? '99+' : s.unread }) : t('openChat')}
          aria-expanded={s.open}
          onClick={() => controller.setOpen(!s.open)}
        >
          {s.open ? <CloseIcon /> : <ChatIcon />}
          {!s.open && s.unread > 0 && (
            <span className="pw-badge" aria-hidden="true">
              {s.unread > 99 ? '99+' : s.unread}
            </span>
          )}
        </button>
      )}
      <div className="pw-sr" aria-live="polite" aria-atomic="true">
        {s.announcement}
      </div>
    </div>
  );
}

function Conversation({ controller }: { controller: WidgetController }) {
  const s = useSyncExternalStore(controller.subscribe, controller.getSnapshot);
  const { t } = controller;
  const logRef = useRef<HTMLDivElement>(null);
  const meId = s.user?.id;
  const count = s.messages.length + s.outbox.length;
  const [viewing, setViewing] = useState<Attachment | null>(null);

  const firstId = s.messages[0]?.id;
  const prevFirst = useRef(firstId);
  useEffect(() => {
    const el = logRef.current;
    const prepended = prevFirst.current !== undefined && firstId !== undefined && firstId < prevFirst.current;
    prevFirst.current = firstId;
    if (el && !prepended) el.scrollTop = el.scrollHeight;
  }, [count, s.adminTyping, firstId, s.chat?.status, s.chat?.rating]);

  // The log shrinks when file chips or the email row appear: a reader who was at the bottom stays
  // there (judged by the gap before the shrink: the browser's scroll anchoring moves scrollTop).
  useEffect(() => {
    const el = logRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    let lastHeight = el.clientHeight;
    const ro = new ResizeObserver(() => {
      const shrunk = Math.max(0, lastHeight - el.clientHeight);
      lastHeight = el.clientHeight;
      if (el.scrollHeight - el.scrollTop - el.clientHeight <= 40 + shrunk) el.scrollTop = el.scrollHeight;
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  return (
    <>
      <div className="pw-log" ref={logRef} role="log" aria-label={t('messageLabel')}>
        {s.hasMore ? (
          <button type="button" className="pw-link pw-earlier" onClick={() => void controller.loadOlder()}>
            {t('earlier')}
          </button>
        ) : (
          <div className="pw-greeting">{t(controller.absence() ? 'greetingAway' : 'greeting')}</div>
        )}
        {s.messages.map((m) => (
          <Bubble key={m.id} message={m} mine={m.sender.id === meId} controller={controller} read={m.id <= s.adminReadId} onOpen={setViewing} />
        ))}
        {s.outbox.map((item) => (
          <PendingBubble key={item.clientMsgId} item={item} controller={controller} />
        ))}
        {s.chat?.status === 'resolved' && !s.blocked && (
          <>
            <div className="pw-resolved" role="status">
              {t('resolved')}
            </div>
            <RatingCard controller={controller} />
          </>
        )}
        {s.adminTyping && (
          <div className="pw-typing" aria-label={t('typing', { name: s.chat?.admin?.display_name ?? t('support') })}>
            <span />
            <span />
            <span />
          </div>
        )}
      </div>
      {s.notice && (
        <div className="pw-notice" role="alert">
          {s.notice}
        </div>
      )}
      <EmailRow controller={controller} />
      {s.blocked ? (
        <div className="pw-blocked" role="status">
          {t('blocked')}
        </div>
      ) : (
        <Composer controller={controller} />
      )}
      {s.user && !s.user.is_guest && (
        <div className="pw-footer">
          <span>{t('signedInAs', { name: s.user.display_name })}</span> ·{' '}
          <button type="button" className="pw-link pw-link-small" onClick={() => controller.signOut()}>
            {t('signOut')}
          </button>
        </div>
      )}
      {viewing && <ImageViewer image={viewing} origin={controller.config.origin} t={t} onClose={() => setViewing(null)} />}
    </>
  );
}

function Bubble({
  message,
  mine,
  read,
  controller,
  onOpen,
}: {
  message: Message;
  mine: boolean;
  read: boolean;
  controller: WidgetController;
  onOpen: (a: Attachment) => void;
}) {
  const { t, config } = controller;
  return (
    <div className={`pw-msg ${mine ? 'pw-mine' : 'pw-theirs'}`}>
      {!mine && <div className="pw-author">{message.sender.display_name}</div>}
      {message.body && (
        <div className="pw-bubble">
          <Linkified text={message.body} />
        </div>
      )}
      <AttachmentList attachments={message.attachments ?? []} origin={config.origin} lang={config.lang} t={t} onOpen={onOpen} />
      <div className="pw-meta">
        <time dateTime={message.created_at}>{formatTime(message.created_at, config.lang)}</time>
        {mine && <span className={read ? 'pw-read' : ''}>{read ? `✓✓ ${t('read')}` : `✓ ${t('sent')}`}</span>}
      </div>
    </div>
  );
}

function PendingBubble({ item, controller }: { item: OutboxItem; controller: WidgetController }) {
  const { t, config } = controller;
  const failed = item.state === 'failed';
  const ids = item.attachment_ids ?? [];
  const files = ids.length ? controller.pendingFiles(ids) : [];
  return (
    <div className={`pw-msg pw-mine ${failed ? 'pw-failed' : 'pw-pending'}`} data-client-msg-id={item.clientMsgId}>
      {item.body && (
        <div className="pw-bubble">
          <Linkified text={item.body} />
        </div>
      )}
      {ids.length > 0 && (
        <ul className="pw-files pw-files-pending">
          {files ? (
            files.map((f) => (
              <li key={f.id} className="pw-file">
                <span className="pw-file-icon" aria-hidden="true">
                  <FileIcon />
                </span>
                <span className="pw-file-name">{f.name}</span>
                <span className="pw-file-size">{formatFileSize(f.size, config.lang)}</span>
              </li>
            ))
          ) : (
            <li className="pw-file">
              <span className="pw-file-icon" aria-hidden="true">
                <FileIcon />
              </span>
              <span className="pw-file-name">{t('fileCount', { n: ids.length })}</span>
            </li>
          )}
        </ul>
      )}
      <div className="pw-meta">
        {failed ? (
          <>
            <span className="pw-error-text">{t('notSent')}</span>
            <button type="button" className="pw-link pw-link-small" onClick={() => controller.retry(item.clientMsgId)}>
              {t('retry')}
            </button>
            <button type="button" className="pw-link pw-link-small" onClick={() => controller.discard(item.clientMsgId)}>
              {t('discard')}
            </button>
          </>
        ) : (
          <span>{t('sending')}</span>
        )}
      </div>
    </div>
  );
}

function Composer({ controller }: { controller: WidgetController }) {
  const s = useSyncExternalStore(controller.subscribe, controller.getSnapshot);
  const { t, config } = controller;
  const [text, setText] = useState('');
  const withFiles = s.files.length > 0;
  const id = useId();
  const ref = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    ref.current?.focus();
  }, []);

  useAutosize(ref, text, 140);

  const submit = async () => {
    if ((!text.trim() && !withFiles) || text.length > MAX_BODY) {
      if (text.length > MAX_BODY) await controller.send(text);
      return;
    }
    const sent = text;
    setText('');
    const ok = await controller.send(sent);
    if (!ok) setText((current) => current || sent);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void submit();
    }
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit();
  };
  const near = text.length >= MAX_BODY - 500;
  const over = text.length > MAX_BODY;

  return (
    <>
      <FileChips files={s.files} lang={config.lang} t={t} onRemove={(k) => controller.removeFile(k)} onRetry={(k) => controller.retryFile(k)} />
      <form className="pw-composer" onSubmit={onSubmit}>
        <AttachButton t={t} onFiles={(files) => void controller.addFiles(files)} />
        <label htmlFor={id} className="pw-sr">
          {t('messageLabel')}
        </label>
        <textarea
          id={id}
          ref={ref}
          rows={1}
          value={text}
          placeholder={t('placeholder')}
          aria-invalid={over}
          onChange={(e) => {
            setText(e.target.value);
            controller.typing();
          }}
          onKeyDown={onKeyDown}
          onPaste={(e) => {
            const files = filesOf(e.clipboardData);
            if (!files.length) return;
            // A screenshot pasted with no text: attach it, and keep the file's name out of the text.
            if (!e.clipboardData.getData('text/plain')) e.preventDefault();
            void controller.addFiles(files);
          }}
        />
        {near && (
          <span className={`pw-counter ${over ? 'pw-over' : ''}`} aria-live="polite">
            {t('counter', { n: text.length, max: MAX_BODY })}
          </span>
        )}
        <button type="submit" className="pw-send" aria-label={t('send')} disabled={(!text.trim() && !withFiles) || over}>
          <SendIcon />
        </button>
      </form>
    </>
  );
}

function SignInForm({ controller }: { controller: WidgetController }) {
  const s = useSyncExternalStore(controller.subscribe, controller.getSnapshot);
  const { t } = controller;
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const uid = useId();
  return (
    <form
      className="pw-signin"
      onSubmit={(e) => {
        e.preventDefault();
        void controller.signIn(username, password);
      }}
    >
      <p className="pw-signin-title">{t('signInTitle')}</p>
      <label htmlFor={`${uid}-u`}>{t('username')}</label>
      <input id={`${uid}-u`} autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
      <label htmlFor={`${uid}-p`}>{t('password')}</label>
      <input
        id={`${uid}-p`}
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        required
      />
      {s.signinError && (
        <p className="pw-error-text" role="alert">
          {s.signinError}
        </p>
      )}
      <button type="submit" className="pw-primary" disabled={s.busy}>
        {t('signIn')}
      </button>
      <button type="button" className="pw-link" onClick={() => controller.showView('chat')}>
        {t('back')}
      </button>
    </form>
  );
}
