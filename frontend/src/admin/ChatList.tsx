import { useEffect, useState } from 'react';
import { formatDuration, formatTime } from '../shared/messages';
import type { Chat } from '../shared/types';
import { useAdmin } from './hooks';
import { sections, type AdminStore, type Section } from './store';

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

const TITLES: Record<Section, string> = { waiting: 'Waiting', mine: 'Mine', others: 'Others' };
const EMPTY: Record<Section, string> = {
  waiting: 'No one is waiting. Nice!',
  mine: 'Chats you open show up here.',
  others: 'No chats with other admins.',
};

export function ChatList({ store }: { store: AdminStore }) {
  const s = useAdmin(store);
  const lists = sections(s);
  const now = useNow(1000);
  const current = s.route.name === 'chat' ? s.route.chatId : null;
  return (
    <nav className="sidebar" aria-label="Chats">
      {(['waiting', 'mine', 'others'] as const).map((section) => (
        <section key={section} className={`list-section section-${section}`} aria-labelledby={`h-${section}`}>
          <h2 id={`h-${section}`} className="section-title">
            {TITLES[section]}
            <span className="count" aria-label={`${lists[section].length} chats`}>
              {lists[section].length}
            </span>
          </h2>
          {lists[section].length === 0 ? (
            <p className="section-empty">{s.listLoading ? 'Loading…' : EMPTY[section]}</p>
          ) : (
            <ul className="chat-list">
              {lists[section].map((chat) => (
                <li key={chat.id}>
                  <ChatRow
                    chat={chat}
                    section={section}
                    now={now}
                    active={chat.id === current}
                    typing={Boolean(s.typing[chat.id])}
                    onOpen={() => store.navigate({ name: 'chat', chatId: chat.id })}
                  />
                </li>
              ))}
            </ul>
          )}
          {s.cursors[section] && (
            <button type="button" className="load-more" onClick={() => void store.loadMore(section)}>
              Load more
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
  active,
  typing,
  onOpen,
}: {
  chat: Chat;
  section: Section;
  now: number;
  active: boolean;
  typing: boolean;
  onOpen: () => void;
}) {
  const name = chat.customer.display_name || `Visitor #${chat.customer.id}`;
  const waited = formatDuration(now - new Date(chat.created_at).getTime());
  const preview = section === 'others' ? null : typing ? 'typing…' : chat.last_message?.body ?? '';
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
            <span className="waited" title="Waiting for">
              waiting {waited}
            </span>
          ) : (
            <span className="row-time">{formatTime(chat.updated_at)}</span>
          )}
        </span>
        {section === 'others' ? (
          <span className="row-sub">with {chat.admin?.display_name}</span>
        ) : (
          <span className={`row-sub ${typing ? 'typing' : ''}`}>{preview}</span>
        )}
      </span>
      {unread > 0 && (
        <span className="unread" aria-label={`${unread} unread`}>
          {unread}
        </span>
      )}
    </a>
  );
}
