import type { z } from 'zod';
import type { Me, SessionView } from '../../../src/modules/accounts/schemas.ts';
import { apiRequest, setCsrfToken } from './http.ts';
import { ApiProblemError } from './problem.ts';

export type { Me };
export type Session = z.infer<typeof SessionView>;

/** Who is signed in, or null. */
export async function fetchMe(signal?: AbortSignal): Promise<Me | null> {
  try {
    const me = await apiRequest<Me>('GET', '/api/auth/me', { signal });
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (error instanceof ApiProblemError && error.problem.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export async function signIn(email: string, password: string): Promise<Me> {
  const result = await apiRequest<{ csrfToken: string; me: Me }>('POST', '/api/auth/login', {
    body: { email, password },
  });
  setCsrfToken(result.csrfToken);
  return result.me;
}

/** The language of my answers and mail (one the server ships), or null to follow each request. */
export function setPreferredLanguage(preferredLanguage: string | null): Promise<Me> {
  return apiRequest('PATCH', '/api/auth/me', { body: { preferredLanguage } });
}

export async function signOut(everywhere: boolean): Promise<void> {
  await apiRequest('POST', `/api/auth/logout${everywhere ? '?everywhere=true' : ''}`);
  setCsrfToken(null);
}

export async function listSessions(signal?: AbortSignal): Promise<Session[]> {
  const { items } = await apiRequest<{ items: Session[] }>('GET', '/api/auth/sessions', {
    signal,
  });
  return items;
}

export function endSession(id: string): Promise<void> {
  return apiRequest('DELETE', `/api/auth/sessions/${encodeURIComponent(id)}`);
}

export function acceptInvitation(input: {
  token: string;
  displayName: string;
  password: string;
}): Promise<{ accountId: string; email: string }> {
  return apiRequest('POST', '/api/auth/invitations/accept', { body: input });
}

export function requestPasswordReset(email: string): Promise<void> {
  return apiRequest('POST', '/api/auth/password-reset', { body: { email } });
}

export function confirmPasswordReset(token: string, password: string): Promise<void> {
  return apiRequest('POST', '/api/auth/password-reset/confirm', { body: { token, password } });
}

/** Organization admins of this organization, and network staff, may edit it. */
export function canEditOrganization(me: Me | null, organizationId: string): boolean {
  if (!me) return false;
  return me.grants.some(
    (grant) =>
      grant.role === 'network-admin' ||
      grant.role === 'network-staff' ||
      (grant.role === 'organization-admin' &&
        grant.scopeType === 'organization' &&
        grant.scopeId === organizationId),
  );
}
