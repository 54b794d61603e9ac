import { Component, lazy, Suspense, useEffect, useState, type ErrorInfo, type FormEvent, type ReactNode } from 'react';
import { CannedPage } from './CannedPage';
import { ChatList } from './ChatList';
import { ChatView } from './ChatView';
import { Header } from './Header';
import { MailPage } from './MailPage';
import { useAdmin, useT } from './hooks';
import { SearchPage } from './SearchPage';
import type { AdminStore } from './store';
import { UsersPage } from './UsersPage';
import { WebhooksPage } from './WebhooksPage';

// Its own chunk with the chart library: the rest of the panel never downloads either.
const ReportsPage = lazy(() => import('./ReportsPage'));

export class ErrorBoundary extends Component<
  { children: ReactNode; message: (error: string) => string; reload: string },
  { error: string | null }
> {
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
          <p>{this.props.message(this.state.error)}</p>
          <button type="button" onClick={() => location.reload()}>
            {this.props.reload}
          </button>
        </div>
      );
    }
    return this.props.children;
  }
}

export function App({ store }: { store: AdminStore }) {
  const s = useAdmin(store);
  const t = store.t;
  return (
    <ErrorBoundary message={(error) => t('fatal', { error })} reload={t('reload')}>
      {store.token && s.me ? <Shell store={store} /> : store.token ? <Splash store={store} /> : <SignIn store={store} />}
    </ErrorBoundary>
  );
}

function Splash({ store }: { store: AdminStore }) {
  const t = useT(store);
  return (
    <div className="splash" role="status">
      {t('loading')}
    </div>
  );
}

export function SignIn({ store }: { store: AdminStore }) {
  const t = useT(store);
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
          {t('brand')}
        </div>
        <h1 id="signin-title">{t('signInTitle')}</h1>
        <label htmlFor="username">{t('username')}</label>
        <input id="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
        <label htmlFor="password">{t('password')}</label>
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
          {t('signIn')}
        </button>
      </form>
    </main>
  );
}

function Shell({ store }: { store: AdminStore }) {
  const s = useAdmin(store);
  const t = store.t;
  const route = s.route;
  useEffect(() => {
    if (!s.notice) return;
    const timer = setTimeout(() => store.dismissNotice(), 8000);
    return () => clearTimeout(timer);
  }, [s.notice, store]);
  const pane = route.name === 'home' ? 'list' : route.name === 'chat' && route.pane === 'visitor' ? 'visitor' : 'detail';
  return (
    <div className={`shell ${route.name !== 'home' ? 'has-detail' : ''} pane-${pane}`}>
      <Header store={store} />
      <ChatList store={store} />
      <main className="detail">
        {route.name === 'chat' ? (
          <ChatView key={route.chatId} store={store} chatId={route.chatId} messageId={route.messageId} pane={route.pane} />
        ) : route.name === 'users' ? (
          <UsersPage store={store} />
        ) : route.name === 'canned' ? (
          <CannedPage store={store} />
        ) : route.name === 'webhooks' ? (
          <WebhooksPage store={store} />
        ) : route.name === 'mail' ? (
          <MailPage store={store} />
        ) : route.name === 'reports' ? (
          <Suspense fallback={<p className="page-loading muted">{t('loading')}</p>}>
            <ReportsPage store={store} />
          </Suspense>
        ) : route.name === 'search' ? (
          <SearchPage key={route.q} store={store} initialQuery={route.q} />
        ) : (
          <div className="empty-detail">
            <h2>{t('pickTitle')}</h2>
            <p>{t('pickText')}</p>
          </div>
        )}
      </main>
      {s.notice && (
        <div className="toast" role="alert">
          {s.notice}
          <button type="button" className="btn-ghost" aria-label={t('dismiss')} onClick={() => store.dismissNotice()}>
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
