import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { ApiError, api, onSignedOut, setCsrfToken } from '../api/client';
import type { Me } from '../api/types';

/** Who is using the panel: still loading, signed out, or signed in as `me`. */
export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out'; reason?: string }
  | { status: 'error'; error: ApiError }
  | { status: 'signed-in'; me: Me };

interface SessionApi {
  state: SessionState;
  reload: () => Promise<void>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionApi | null>(null);

/** Loads GET /api/v1/me once and keeps the CSRF token for writes. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const reload = useCallback(async () => {
    try {
      const me = await api<Me>('/me');
      setCsrfToken(me.csrfToken);
      setState({ status: 'signed-in', me });
    } catch (err) {
      setCsrfToken(null);
      if (err instanceof ApiError && err.status === 401) setState({ status: 'signed-out' });
      else setState({ status: 'error', error: err as ApiError });
    }
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api('/auth/logout', { method: 'POST' });
    } finally {
      setCsrfToken(null);
      setState({ status: 'signed-out', reason: 'You are signed out.' });
    }
  }, []);

  useEffect(() => {
    void reload();
    return onSignedOut(() => {
      setCsrfToken(null);
      setState({ status: 'signed-out', reason: 'Your session ended. Sign in again to continue.' });
    });
  }, [reload]);

  return <SessionContext.Provider value={{ state, reload, signOut }}>{children}</SessionContext.Provider>;
}

/** The session API; only inside {@link SessionProvider}. */
export function useSession(): SessionApi {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in caller; only on pages rendered after sign-in. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useMe before sign-in');
  return state.me;
}
