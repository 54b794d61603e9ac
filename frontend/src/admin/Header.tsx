// The top bar: brand, connection, pages, status and language; a menu button takes over where space runs out.
import { useEffect, useId, useRef, useState } from 'react';
import type { ConnectionStatus } from '../shared/socket';
import type { Availability } from '../shared/types';
import { useAdmin } from './hooks';
import type { Route } from './router';
import type { AdminStore } from './store';
import { LANG_NAMES, LANGS, type Lang, type StringKey } from './strings';

const STATUS_KEY: Record<ConnectionStatus, StringKey> = {
  online: 'connOnline',
  connecting: 'connConnecting',
  reconnecting: 'connReconnecting',
  idle: 'connOffline',
  stopped: 'connOffline',
  unauthorized: 'connSignedOut',
};

const PAGES: { name: 'search' | 'reports' | 'canned' | 'webhooks' | 'mail' | 'users'; label: StringKey }[] = [
  { name: 'search', label: 'navSearch' },
  { name: 'reports', label: 'navReports' },
  { name: 'canned', label: 'navCanned' },
  { name: 'webhooks', label: 'navWebhooks' },
  { name: 'mail', label: 'navMail' },
  { name: 'users', label: 'navUsers' },
];

export function Header({ store }: { store: AdminStore }) {
  const s = useAdmin(store);
  const t = store.t;
  const [open, setOpen] = useState(false);
  const header = useRef<HTMLElement>(null);
  const menuId = useId();
  const statusId = useId();
  const langId = useId();
  const status = t(STATUS_KEY[s.connection]);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    // A tap anywhere outside the header closes the menu, as menus on phones do.
    const onDown = (e: PointerEvent) => {
      if (!(e.target instanceof Node) || !header.current?.contains(e.target)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onDown);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onDown);
    };
  }, [open]);

  const go = (route: Route) => {
    setOpen(false);
    store.navigate(route);
  };

  return (
    <header className="topbar" ref={header}>
      <a
        className="brand"
        href="/admin"
        onClick={(e) => {
          e.preventDefault();
          go({ name: 'home' });
        }}
      >
        <span className="brand-mark" aria-hidden="true">
          P
        </span>
        <span className="brand-name">{t('brand')}</span>
      </a>
      <span className={`conn conn-${s.connection}`} role="status" aria-label={t('connection', { status })}>
        <span className="conn-dot" aria-hidden="true" />
        <span className="conn-text">{status}</span>
      </span>
      {s.availability === 'away' && (
        <span className="away-pill" aria-hidden="true">
          {t('availabilityAway')}
        </span>
      )}
      <button
        type="button"
        className="btn-ghost menu-button"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((v) => !v)}
      >
        <span aria-hidden="true">☰ </span>
        {t('menu')}
      </button>
      <div id={menuId} className={`topbar-menu ${open ? 'open' : ''}`}>
        <nav className="topbar-nav" aria-label={t('menu')}>
          {PAGES.map((p) => (
            <button
              key={p.name}
              type="button"
              className={`btn-ghost ${s.route.name === p.name ? 'active' : ''}`}
              aria-current={s.route.name === p.name ? 'page' : undefined}
              onClick={() => go(p.name === 'search' ? { name: 'search', q: '' } : { name: p.name })}
            >
              {t(p.label)}
            </button>
          ))}
        </nav>
        <div className="topbar-actions">
          <label className="inline-field" htmlFor={statusId}>
            <span>{t('availability')}</span>
            <select
              id={statusId}
              className={`availability availability-${s.availability ?? 'online'}`}
              value={s.availability ?? 'online'}
              onChange={(e) => void store.setAvailability(e.target.value as Availability)}
            >
              <option value="online">{t('availabilityOnline')}</option>
              <option value="away">{t('availabilityAway')}</option>
            </select>
          </label>
          <label className="inline-field" htmlFor={langId}>
            <span>{t('language')}</span>
            <select id={langId} value={s.lang} onChange={(e) => store.setLang(e.target.value as Lang)}>
              {LANGS.map((l) => (
                <option key={l} value={l} lang={l}>
                  {LANG_NAMES[l]}
                </option>
              ))}
            </select>
          </label>
          {s.permission === 'default' && (
            <button type="button" className="btn-ghost" onClick={() => void store.requestNotifications()}>
              {t('enableNotifications')}
            </button>
          )}
          <span className="me" title={s.me?.username ?? ''}>
            {s.me?.display_name}
          </span>
          <button type="button" className="btn-ghost" onClick={() => store.signOut()}>
            {t('signOut')}
          </button>
        </div>
      </div>
    </header>
  );
}
