// Who is signed in. The session itself is an HttpOnly cookie the page cannot read; the page keeps the user and
// the CSRF token in memory and learns them again from /auth/me after a reload.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, onUnauthorized, setCsrfToken } from './api/client';
import { api } from './api/endpoints';
import { navigate } from './router';
import type { Me } from './api/types';

export type SessionState =
  | { kind: 'loading' }
  | { kind: 'signed-out'; message?: string }
  | { kind: 'signed-in'; user: Me };

interface SessionApi {
  state: SessionState;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  passwordChanged(csrfToken: string | undefined): void;
}

const SessionContext = createContext<SessionApi | null>(null);

export const SESSION_ENDED = 'Your session has ended. Sign in again to continue.';

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ kind: 'loading' });

  useEffect(() => {
    // a 401 on any call means the cookie expired or was revoked: back to the form, once, with a message
    onUnauthorized(() => {
      setCsrfToken(null);
      setState((s) => (s.kind === 'signed-in' ? { kind: 'signed-out', message: SESSION_ENDED } : s));
    });
    api.me(true).then(
      (answer) => {
        setCsrfToken(answer.csrfToken ?? null);
        setState({ kind: 'signed-in', user: answer.user });
      },
      (e: unknown) => {
        const message = e instanceof ApiError && e.status !== 401 ? e.message : undefined;
        setState({ kind: 'signed-out', message });
      },
    );
    return () => onUnauthorized(null);
  }, []);

  const signIn = useCallback(async (username: string, password: string) => {
    const answer = await api.login(username, password);
    setCsrfToken(answer.csrfToken);
    setState({
      kind: 'signed-in',
      user: { ...answer.user, mustChangePassword: answer.mustChangePassword, authMethod: 'cookie' },
    });
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } catch {
      // already ended on the server: the page signs out all the same
    }
    setCsrfToken(null);
    // the next person to sign in starts at the catalog, not on the page the last one left open
    navigate('/catalog', true);
    setState({ kind: 'signed-out', message: 'You have signed out.' });
  }, []);

  const passwordChanged = useCallback((csrfToken: string | undefined) => {
    if (csrfToken) setCsrfToken(csrfToken);
    setState((s) => (s.kind === 'signed-in' ? { kind: 'signed-in', user: { ...s.user, mustChangePassword: false } } : s));
  }, []);

  const value = useMemo(() => ({ state, signIn, signOut, passwordChanged }), [state, signIn, signOut, passwordChanged]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The signed-in user; screens behind the sign-in form may rely on it. */
export function useUser(): Me {
  const { state } = useSession();
  if (state.kind !== 'signed-in') throw new Error('useUser without a signed-in user');
  return state.user;
}
