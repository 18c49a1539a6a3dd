import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { api } from '../api/endpoints';
import { useSession } from '../session';

/** Change the signed-in user's password (forced for the first admin, optional on the account page). */
export function PasswordForm({ forced = false, onDone }: { forced?: boolean; onDone?: () => void }) {
  const { passwordChanged } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string>();
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    if (next !== again) {
      setError('The two new passwords differ.');
      return;
    }
    setBusy(true);
    try {
      const answer = await api.changePassword(current, next);
      setDone(true);
      setCurrent('');
      setNext('');
      setAgain('');
      passwordChanged(answer.csrfToken);
      onDone?.();
    } catch (err) {
      setError(err instanceof ApiError ? (err.details || err.error) : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="stack" onSubmit={submit} aria-label="Change password">
      {error && <div className="notice bad" role="alert">{error}</div>}
      {done && !forced && <div className="notice ok" role="status">Password changed. Your other sessions were signed out.</div>}
      <label htmlFor="current-password">Current password</label>
      <input id="current-password" type="password" autoComplete="current-password" required value={current}
        onChange={(e) => setCurrent(e.target.value)} />
      <label htmlFor="new-password">New password</label>
      <input id="new-password" type="password" autoComplete="new-password" required minLength={12} maxLength={256}
        aria-describedby="new-password-hint" value={next} onChange={(e) => setNext(e.target.value)} />
      <p id="new-password-hint" className="hint">At least 12 characters, not a common password, not your username.</p>
      <label htmlFor="new-password-again">New password again</label>
      <input id="new-password-again" type="password" autoComplete="new-password" required value={again}
        onChange={(e) => setAgain(e.target.value)} />
      <button type="submit" className="btn primary" disabled={busy}>Change password</button>
    </form>
  );
}
