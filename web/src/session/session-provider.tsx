import { useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
} from 'react';
import {
  fetchMe,
  type Me,
  setPreferredLanguage as setPreferredLanguageRequest,
  signIn as signInRequest,
  signOut as signOutRequest,
} from '../api/auth.ts';
import { onSessionEnded, setCsrfToken } from '../api/client.ts';

/** What one tab tells the others of this site: someone signed in, or nobody is any more. */
type SessionNews = { type: 'signed-in' } | { type: 'signed-out' };

// Tabs of one browser share the session's cookie: what one learns of it, the others must show.
const channelName = 'intercoop-session';

function openChannel(): BroadcastChannel | null {
  return typeof BroadcastChannel === 'function' ? new BroadcastChannel(channelName) : null;
}

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
  const queryClient = useQueryClient();
  const channelRef = useRef<BroadcastChannel | null>(null);

  const refresh = useCallback(async () => {
    try {
      const me = await fetchMe();
      setState({ status: me ? 'signed-in' : 'signed-out', me });
    } catch {
      // Offline or a server error: show the public pages as to someone signed out.
      setState({ status: 'signed-out', me: null });
    }
  }, []);

  // Nobody is signed in any more (here, in another tab, or the server said so): nothing read
  // for the person stays on screen or in the cache.
  const becomeSignedOut = useCallback(() => {
    setCsrfToken(null);
    setState({ status: 'signed-out', me: null });
    queryClient.clear();
  }, [queryClient]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => {
    const channel = openChannel();
    channelRef.current = channel;
    if (channel) {
      channel.onmessage = (event: MessageEvent<SessionNews>) => {
        if (event.data?.type === 'signed-out') becomeSignedOut();
        else if (event.data?.type === 'signed-in') {
          queryClient.clear();
          void refresh();
        }
      };
    }
    // A 401 to any request while signed in: the session ended (signed out elsewhere, expired,
    // the account disabled). This tab and the others switch to the signed-out state.
    const stopListening = onSessionEnded(() => {
      becomeSignedOut();
      channel?.postMessage({ type: 'signed-out' } satisfies SessionNews);
    });
    return () => {
      stopListening();
      channel?.close();
      channelRef.current = null;
    };
  }, [becomeSignedOut, queryClient, refresh]);

  const tellOtherTabs = useCallback((news: SessionNews) => {
    channelRef.current?.postMessage(news);
  }, []);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const me = await signInRequest(email, password);
      queryClient.clear();
      setState({ status: 'signed-in', me });
      tellOtherTabs({ type: 'signed-in' });
      return me;
    },
    [queryClient, tellOtherTabs],
  );

  const signOut = useCallback(
    async (everywhere = false) => {
      await signOutRequest(everywhere);
      becomeSignedOut();
      tellOtherTabs({ type: 'signed-out' });
    },
    [becomeSignedOut, tellOtherTabs],
  );

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
