import { useState, type FormEvent } from 'react';
import { ApiError } from '../shared/api';
import type { Role, User } from '../shared/types';
import type { AdminStore } from './store';

export function UsersPage({ store }: { store: AdminStore }) {
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
      if (err instanceof ApiError && err.status === 409) setError('Username taken');
      else if (err instanceof ApiError && err.status === 422) setError(`Check the fields: ${err.detail}`);
      else if (err instanceof ApiError && err.status === 403) setError('Only admins can create accounts');
      else setError('Could not create the account');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="users-page" aria-labelledby="users-title">
      <h1 id="users-title">Users</h1>
      <p className="muted">Create accounts for colleagues (admins) or registered customers.</p>
      <form className="user-form" onSubmit={submit}>
        <label htmlFor="nu-username">Username</label>
        <input
          id="nu-username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          required
          minLength={3}
          maxLength={32}
          pattern="[A-Za-z0-9_.\-]+"
          title="3 to 32 letters, digits, _ . or -"
        />
        <label htmlFor="nu-password">Password</label>
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
        <label htmlFor="nu-display">Display name (optional)</label>
        <input id="nu-display" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        <fieldset className="role-field">
          <legend>Role</legend>
          <label>
            <input type="radio" name="role" value="admin" checked={role === 'admin'} onChange={() => setRole('admin')} /> Admin
          </label>
          <label>
            <input type="radio" name="role" value="customer" checked={role === 'customer'} onChange={() => setRole('customer')} /> Customer
          </label>
        </fieldset>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="btn-primary" disabled={busy}>
          Create account
        </button>
      </form>
      {created.length > 0 && (
        <>
          <h2>Created in this session</h2>
          <ul className="created-list">
            {created.map((u) => (
              <li key={u.id}>
                <strong>{u.display_name}</strong> <span className="muted">@{u.username}</span> <span className={`role-pill ${u.role}`}>{u.role}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
