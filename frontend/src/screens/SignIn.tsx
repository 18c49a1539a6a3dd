import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { useSession } from '../session';
import { useTitle } from '../router';
import logo from '../favicon.svg';

/** The sign-in form; it shows why the user is here (signed out, session ended) when there is a reason. */
export function SignIn({ message }: { message?: string }) {
  useTitle('Sign in');
  const { signIn } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await signIn(username.trim(), password);
    } catch (err) {
      const a = err as ApiError;
      setError(a.status === 401 ? 'Wrong username or password.'
        : a.status === 429 ? `Too many attempts. ${a.details}` : a.message);
      setBusy(false);
    }
  }

  return (
    <main className="auth-page">
      <form className="auth-card" onSubmit={submit} aria-labelledby="signin-title">
        <div className="brand big"><img className="brand-mark" src={logo} alt="" />HomelabARR</div>
        <h1 id="signin-title">Sign in</h1>
        {message && <div className="notice info" role="status">{message}</div>}
        {error && <div className="notice bad" role="alert">{error}</div>}
        <label htmlFor="username">Username</label>
        <input id="username" name="username" autoComplete="username" required autoFocus value={username}
          onChange={(e) => setUsername(e.target.value)} />
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required value={password}
          onChange={(e) => setPassword(e.target.value)} />
        <button type="submit" className="btn primary block" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
        <p className="hint">First start? The account is <span className="mono">admin</span>; you choose its password next.</p>
      </form>
    </main>
  );
}
