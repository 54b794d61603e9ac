import { Component, useEffect, useState, type ErrorInfo, type FormEvent, type ReactNode } from 'react';
import { ChatList } from './ChatList';
import { ChatView } from './ChatView';
import { useAdmin } from './hooks';
import type { AdminStore } from './store';
import { UsersPage } from './UsersPage';

export class ErrorBoundary extends Component<{ children: ReactNode }, { error: string | null }> {
  override state = { error: null as string | null };
  static getDerivedStateFromError(e: Error) {
    return { error: e.message };
  }
  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }
  override render() {
    if (this.state.error) {
      return (
        <div className="fatal" role="alert">
          <p>Something went wrong: {this.state.error}</p>
          <button type="button" onClick={() => location.reload()}>
            Reload
          </button>
        </div>
      );
    }
    return this.props.children;
  }
}


export function App({ store }: { store: AdminStore }) {
  const s = useAdmin(store);
  return (
    <ErrorBoundary>
      {store.token && s.me ? <Shell store={store} /> : store.token ? <Splash /> : <SignIn store={store} />}
    </ErrorBoundary>
  );
}

function Splash() {
  return (
    <div className="splash" role="status">
      Loading…
    </div>
  );
}

export function SignIn({ store }: { store: AdminStore }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const err = await store.signIn(username, password);
    setBusy(false);
    setError(err);
  };
  return (
    <main className="signin-page">
      <form className="signin-card" onSubmit={submit} aria-labelledby="signin-title">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            P
          </span>
          Parley
        </div>
        <h1 id="signin-title">Sign in to the support panel</h1>
        <label htmlFor="username">Username</label>
        <input id="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
        <label htmlFor="password">Password</label>
        <input
          id="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="btn-primary" disabled={busy}>
          Sign in
        </button>
      </form>
    </main>
  );
}

const STATUS_TEXT: Record<string, string> = {
  online: 'Connected',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  idle: 'Offline',
  stopped: 'Offline',
  unauthorized: 'Signed out',
};

function Shell({ store }: { store: AdminStore }) {
  const s = useAdmin(store);
  const route = s.route;
  useEffect(() => {
    if (!s.notice) return;
    const t = setTimeout(() => store.dismissNotice(), 8000);
    return () => clearTimeout(t);
  }, [s.notice, store]);
  return (
    <div className={`shell ${route.name !== 'home' ? 'has-detail' : ''}`}>
      <header className="topbar">
        <a
          className="brand"
          href="/admin"
          onClick={(e) => {
            e.preventDefault();
            store.navigate({ name: 'home' });
          }}
        >
          <span className="brand-mark" aria-hidden="true">
            P
          </span>
          Parley
        </a>
        <span className={`conn conn-${s.connection}`} role="status" aria-label={`Connection: ${STATUS_TEXT[s.connection]}`}>
          <span className="conn-dot" aria-hidden="true" />
          {STATUS_TEXT[s.connection]}
        </span>
        <div className="topbar-actions">
          {s.permission === 'default' && (
            <button type="button" className="btn-ghost" onClick={() => void store.requestNotifications()}>
              Enable notifications
            </button>
          )}
          <button
            type="button"
            className={`btn-ghost ${route.name === 'users' ? 'active' : ''}`}
            onClick={() => store.navigate({ name: 'users' })}
          >
            Users
          </button>
          <span className="me" title={s.me?.username ?? ''}>
            {s.me?.display_name}
          </span>
          <button type="button" className="btn-ghost" onClick={() => store.signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <ChatList store={store} />
      <main className="detail">
        {route.name === 'chat' ? (
          <ChatView key={route.chatId} store={store} chatId={route.chatId} />
        ) : route.name === 'users' ? (
          <UsersPage store={store} />
        ) : (
          <div className="empty-detail">
            <h2>Pick a conversation</h2>
            <p>Waiting chats are listed first, oldest at the top. Opening one assigns it to you.</p>
          </div>
        )}
      </main>
      {s.notice && (
        <div className="toast" role="alert">
          {s.notice}
          <button type="button" className="btn-ghost" aria-label="Dismiss" onClick={() => store.dismissNotice()}>
            ×
          </button>
        </div>
      )}
      <div className="sr-only" aria-live="polite" aria-atomic="true">
        {s.announcement}
      </div>
    </div>
  );
}
