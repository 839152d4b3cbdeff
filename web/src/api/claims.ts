// Confirming or declining a tie another organization claims (the admins of the organization it
// waits for, or network staff), with the version read.
import type { TieClaim } from '../../../src/modules/network/schemas.ts';
import { apiRequest } from './http.ts';

export type { TieClaim };

export function decideClaim(
  claim: { id: string; version: number },
  decision: 'confirm' | 'decline',
): Promise<TieClaim> {
  return apiRequest<TieClaim>(
    'POST',
    `/api/network/claims/${encodeURIComponent(claim.id)}/${decision}`,
    { body: { version: claim.version } },
  );
}
