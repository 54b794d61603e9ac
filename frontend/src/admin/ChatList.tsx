import { useEffect, useState } from 'react';
import { formatTime } from '../shared/messages';
import type { Chat } from '../shared/types';
import { summary } from './files';
import { RatingMark } from './RatingView';
import { useAdmin } from './hooks';
import { sections, SECTIONS, type AdminStore, type Section } from './store';
import { formatDuration, type Lang, type StringKey, type Translate } from './strings';

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

const TITLES: Record<Section, StringKey> = {
  waiting: 'sectionWaiting',
  mine: 'sectionMine',
  resolved: 'sectionResolved',
  others: 'sectionOthers',
};
const EMPTY: Record<Section, StringKey> = {
  waiting: 'emptyWaiting',
  mine: 'emptyMine',
  resolved: 'emptyResolved',
  others: 'emptyOthers',
};

export function ChatList({ store }: { store: AdminStore }) {
  const s = useAdmin(store);
  const t = store.t;
  const lists = sections(s);
  const now = useNow(1000);
  const current = s.route.name === 'chat' ? s.route.chatId : null;
  return (
    <nav className="sidebar" aria-label={t('chats')}>
      {SECTIONS.map((section) => (
        <section key={section} className={`list-section section-${section}`} aria-labelledby={`h-${section}`}>
          <h2 id={`h-${section}`} className="section-title">
            {t(TITLES[section])}
            <span className="count" aria-label={t('chatCount', { n: lists[section].length })}>
              {lists[section].length}
            </span>
          </h2>
          {lists[section].length === 0 ? (
            <p className="section-empty">{s.listLoading ? t('loading') : t(EMPTY[section])}</p>
          ) : (
            <ul className="chat-list">
              {lists[section].map((chat) => (
                <li key={chat.id}>
                  <ChatRow
                    chat={chat}
                    section={section}
                    now={now}
                    t={t}
                    lang={s.lang}
                    active={chat.id === current}
                    typing={Boolean(s.typing[chat.id])}
                    reopened={Boolean(s.reopened[chat.id])}
                    onOpen={() => store.navigate({ name: 'chat', chatId: chat.id })}
                  />
                </li>
              ))}
            </ul>
          )}
          {s.cursors[section] && (
            <button type="button" className="load-more" onClick={() => void store.loadMore(section)}>
              {t('loadMore')}
            </button>
          )}
        </section>
      ))}
    </nav>
  );
}

function ChatRow({
  chat,
  section,
  now,
  t,
  lang,
  active,
  typing,
  reopened,
  onOpen,
}: {
  chat: Chat;
  section: Section;
  now: number;
  t: Translate;
  lang: Lang;
  active: boolean;
  typing: boolean;
  reopened: boolean;
  onOpen: () => void;
}) {
  const name = chat.customer.display_name || t('visitorNumber', { id: chat.customer.id });
  const waited = formatDuration(now - new Date(chat.created_at).getTime(), lang);
  const last = chat.last_message;
  const lastText = last ? (last.kind === 'note' ? t('notePrefix', { body: summary(last) }) : summary(last)) : '';
  const preview = section === 'others' ? null : typing ? t('typingShort') : lastText;
  const unread = section === 'others' ? 0 : chat.unread_count;
  return (
    <a
      href={`/admin/chats/${chat.id}`}
      className={`chat-row ${active ? 'active' : ''} ${unread ? 'has-unread' : ''}`}
      aria-current={active ? 'page' : undefined}
      data-chat-id={chat.id}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        onOpen();
      }}
    >
      <span className="avatar" aria-hidden="true">
        {name.slice(0, 1).toUpperCase()}
      </span>
      <span className="row-main">
        <span className="row-top">
          <span className="row-name">
            {name}
            {chat.customer.is_guest && <span className="guest-id"> #{chat.customer.id}</span>}
          </span>
          {section === 'waiting' ? (
            <span className="waited" title={t('waitingFor')}>
              {t('waited', { time: waited })}
            </span>
          ) : (
            <span className="row-time">{formatTime(chat.updated_at, lang)}</span>
          )}
        </span>
        {(reopened || chat.rating || (section === 'others' && chat.status === 'resolved')) && (
          <span className="row-tags">
            {reopened && <span className="pill pill-reopened">↺ {t('reopened')}</span>}
            {section === 'others' && chat.status === 'resolved' && <span className="pill pill-resolved">✓ {t('resolvedPill')}</span>}
            {chat.rating && <RatingMark rating={chat.rating} t={t} />}
          </span>
        )}
        {section === 'others' ? (
          <span className="row-sub">{t('withAdmin', { name: chat.admin?.display_name ?? '' })}</span>
        ) : (
          <span className={`row-sub ${typing ? 'typing' : ''}`}>{preview}</span>
        )}
      </span>
      {unread > 0 && (
        <span className="unread" aria-label={t('unreadCount', { n: unread })}>
          {unread}
        </span>
      )}
    </a>
  );
}
