import { useEffect, useState } from 'react';

// The token read from this page's address, kept for the page's life: see readToken.
let captured: { path: string; token: string } | undefined;

function readToken(): string {
  const found = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (found) {
    captured = { path: window.location.pathname, token: found };
    window.history.replaceState(
      window.history.state,
      '',
      window.location.pathname + window.location.search,
    );
    return found;
  }
  // A second mount of the same page (the tree renders again while a language loads) finds the
  // fragment already removed: the token read the first time is still the one to use.
  return captured?.path === window.location.pathname ? captured.token : '';
}

/**
 * The token of an emailed link (`…#token=…`). The fragment never reaches the server's logs; it
 * is read once and then removed from the address bar, so it is not left in the history.
 */
export function useHashToken(): string {
  const [token, setToken] = useState(readToken);
  // A link opened in the tab already showing the page changes only the fragment: no new load,
  // no new mount. The token it brings is read all the same.
  useEffect(() => {
    const onHashChange = () => {
      if (new URLSearchParams(window.location.hash.slice(1)).has('token')) setToken(readToken());
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);
  return token;
}
