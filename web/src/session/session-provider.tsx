import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import {
  fetchMe,
  type Me,
  setPreferredLanguage as setPreferredLanguageRequest,
  signIn as signInRequest,
  signOut as signOutRequest,
} from '../api/auth.ts';

type SessionState = {
  /** 'unknown' until /api/auth/me answers: pages that need a person wait for it. */
  status: 'unknown' | 'signed-in' | 'signed-out';
  me: Me | null;
  signIn: (email: string, password: string) => Promise<Me>;
  signOut: (everywhere?: boolean) => Promise<void>;
  /** Reads /api/auth/me again, for instance after a 401 showed the session had ended. */
  refresh: () => Promise<void>;
  /** Keeps the language the person chose on their account, for answers and mail. */
  setPreferredLanguage: (language: string) => Promise<void>;
};

const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession needs a <SessionProvider> above it');
  return session;
}

/** Who is signed in, or null, also where no session is provided (a page shown on its own). */
export function useSignedInPerson(): Me | null {
  return useContext(SessionContext)?.me ?? null;
}

/** The session where one is provided, or null (a component shown on its own). */
export function useOptionalSession(): SessionState | null {
  return useContext(SessionContext);
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<{ status: SessionState['status']; me: Me | null }>({
    status: 'unknown',
    me: null,
  });

  const refresh = useCallback(async () => {
    try {
      const me = await fetchMe();
      setState({ status: me ? 'signed-in' : 'signed-out', me });
    } catch {
      // Offline or a server error: show the public pages as to someone signed out.
      setState({ status: 'signed-out', me: null });
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const signIn = useCallback(async (email: string, password: string) => {
    const me = await signInRequest(email, password);
    setState({ status: 'signed-in', me });
    return me;
  }, []);

  const signOut = useCallback(async (everywhere = false) => {
    await signOutRequest(everywhere);
    setState({ status: 'signed-out', me: null });
  }, []);

  const setPreferredLanguage = useCallback(async (language: string) => {
    const me = await setPreferredLanguageRequest(language);
    setState({ status: 'signed-in', me });
  }, []);

  return (
    <SessionContext.Provider value={{ ...state, signIn, signOut, refresh, setPreferredLanguage }}>
      {children}
    </SessionContext.Provider>
  );
}

/** For component tests: a fixed session without requests. */
export function StaticSessionProvider({ me, children }: { me: Me | null; children: ReactNode }) {
  const noop = async () => undefined;
  return (
    <SessionContext.Provider
      value={{
        status: me ? 'signed-in' : 'signed-out',
        me,
        signIn: async () => {
          throw new Error('not in tests');
        },
        signOut: noop,
        refresh: noop,
        setPreferredLanguage: noop,
      }}
    >
      {children}
    </SessionContext.Provider>
  );
}
