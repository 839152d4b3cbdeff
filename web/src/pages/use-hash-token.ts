import { useState } from 'react';

/**
 * The token of an emailed link (`…#token=…`). The fragment never reaches the server's logs; it
 * is read once and then removed from the address bar, so it is not left in the history.
 */
export function useHashToken(): string {
  const [token] = useState(() => {
    const found = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
    if (found) {
      window.history.replaceState(
        window.history.state,
        '',
        window.location.pathname + window.location.search,
      );
    }
    return found;
  });
  return token;
}
