import { QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { createQueryClient } from './query-client.ts';

/**
 * For component tests: the app's loading layer with a cache of the test's own (nothing read in
 * one test is shown in another), trying a request that got no answer again at once.
 */
export function TestDataProvider({ children }: { children: ReactNode }) {
  const [client] = useState(() => {
    const created = createQueryClient();
    created.setDefaultOptions({
      ...created.getDefaultOptions(),
      queries: { ...created.getDefaultOptions().queries, retryDelay: 0 },
    });
    return created;
  });
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
