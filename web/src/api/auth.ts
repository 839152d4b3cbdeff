import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Me, SessionView, UpdateMeInput } from '../../../src/modules/accounts/schemas.ts';
import { answerOf, api, setCsrfToken } from './client.ts';
import { ApiProblemError } from './problem.ts';

export type { Me };
export type Session = z.infer<typeof SessionView>;

/** Who is signed in, or null (a visitor, or a session that ended: the server answers 401). */
export async function fetchMe(signal?: AbortSignal): Promise<Me | null> {
  try {
    const answer = await answerOf(api.GET('/api/auth/me', { signal }));
    const me = answer.signedIn ? answer : null;
    setCsrfToken(me?.csrfToken ?? null);
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
  const result = await answerOf(api.POST('/api/auth/login', { body: { email, password } }));
  setCsrfToken(result.csrfToken);
  return result.me;
}

/** The language of my answers and mail (one the server ships), or null to follow each request. */
export function setPreferredLanguage(preferredLanguage: string | null): Promise<Me> {
  return answerOf(
    api.PATCH('/api/auth/me', {
      body: { preferredLanguage: preferredLanguage as UpdateMeInput['preferredLanguage'] },
    }),
  );
}

export async function signOut(everywhere: boolean): Promise<void> {
  await answerOf(
    api.POST('/api/auth/logout', {
      params: { query: everywhere ? { everywhere: 'true' } : {} },
    }),
  );
  setCsrfToken(null);
}

export async function listSessions(signal?: AbortSignal): Promise<Session[]> {
  const { items } = await answerOf(api.GET('/api/auth/sessions', { signal }));
  return items;
}

/** My open sessions, for the loading layer; ending one invalidates it. */
export const sessionsQuery = () =>
  queryOptions({ queryKey: ['auth', 'sessions'], queryFn: ({ signal }) => listSessions(signal) });

export async function endSession(id: string): Promise<void> {
  await answerOf(api.DELETE('/api/auth/sessions/{id}', { params: { path: { id } } }));
}

export function acceptInvitation(input: {
  token: string;
  displayName: string;
  password: string;
}): Promise<{ accountId: string; email: string }> {
  return answerOf(api.POST('/api/auth/invitations/accept', { body: input }));
}

export async function requestPasswordReset(email: string): Promise<void> {
  await answerOf(api.POST('/api/auth/password-reset', { body: { email } }));
}

export async function confirmPasswordReset(token: string, password: string): Promise<void> {
  await answerOf(api.POST('/api/auth/password-reset/confirm', { body: { token, password } }));
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
