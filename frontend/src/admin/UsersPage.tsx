import { useState, type FormEvent } from 'react';
import { ApiError } from '../shared/api';
import type { Role, User } from '../shared/types';
import { useT } from './hooks';
import type { AdminStore } from './store';

export function UsersPage({ store }: { store: AdminStore }) {
  const t = useT(store);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('admin');
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<User[]>([]);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const user = await store.api.createUser({
        username,
        password,
        role,
        ...(displayName.trim() ? { display_name: displayName.trim() } : {}),
      });
      setCreated((list) => [user, ...list]);
      setUsername('');
      setPassword('');
      setDisplayName('');
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) setError(t('usernameTaken'));
      else if (err instanceof ApiError && err.status === 422) setError(t('checkFields', { detail: err.detail }));
      else if (err instanceof ApiError && err.status === 403) setError(t('onlyAdmins'));
      else setError(t('createFailed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="page users-page" aria-labelledby="users-title">
      <h1 id="users-title">{t('usersTitle')}</h1>
      <p className="muted">{t('usersIntro')}</p>
      <form className="user-form" onSubmit={submit}>
        <label htmlFor="nu-username">{t('username')}</label>
        <input
          id="nu-username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          required
          minLength={3}
          maxLength={32}
          pattern="[A-Za-z0-9_.\-]+"
          title={t('usernameHint')}
        />
        <label htmlFor="nu-password">{t('password')}</label>
        <input
          id="nu-password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
          minLength={8}
          maxLength={128}
        />
        <label htmlFor="nu-display">{t('displayNameOptional')}</label>
        <input id="nu-display" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        <fieldset className="role-field">
          <legend>{t('role')}</legend>
          <label>
            <input type="radio" name="role" value="admin" checked={role === 'admin'} onChange={() => setRole('admin')} /> {t('roleAdmin')}
          </label>
          <label>
            <input type="radio" name="role" value="customer" checked={role === 'customer'} onChange={() => setRole('customer')} /> {t('roleCustomer')}
          </label>
        </fieldset>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="btn-primary" disabled={busy}>
          {t('createAccount')}
        </button>
      </form>
      {created.length > 0 && (
        <>
          <h2>{t('createdInSession')}</h2>
          <ul className="created-list">
            {created.map((u) => (
              <li key={u.id}>
                <strong>{u.display_name}</strong> <span className="muted">@{u.username}</span> <span className={`role-pill ${u.role}`}>{u.role === 'admin' ? t('roleAdmin') : t('roleCustomer')}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
