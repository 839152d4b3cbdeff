// HTTP adapter of the accounts module: sign-in and sessions under /api/auth; accounts, roles,
// invitations, API tokens and members under /api/accounts.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireSignedIn } from '../../platform/access.ts';
import { ProblemResponse } from '../../platform/http/problem.ts';
import { createNetworkAdmin } from './admins/create-network-admin.ts';
import { changeRole, findAccounts, grantRole, revokeRole } from './grants/manage-accounts.ts';
import { acceptInvitation } from './invitations/accept-invitation.ts';
import { findInvitations } from './invitations/find-invitations.ts';
import { inviteAccount } from './invitations/invite-account.ts';
import { revokeInvitation } from './invitations/revoke-invitation.ts';
import { addMember, findMembers } from './people/members.ts';
import { setPersonPhone } from './people/set-person-phone.ts';
import { setPreferredLanguage } from './people/set-preferred-language.ts';
import { requestPasswordReset } from './resets/request-password-reset.ts';
import { resetPassword } from './resets/reset-password.ts';
import {
  AcceptInvitationInput,
  AccountGrantParams,
  AccountList,
  AccountListQuery,
  AccountView,
  AddMemberInput,
  ApiTokenList,
  ApiTokenView,
  CreateApiTokenInput,
  CreatedApiToken,
  Email,
  IdParams,
  InvitationList,
  InvitationView,
  InviteInput,
  Me,
  MeAnswer,
  MemberList,
  MemberView,
  OrganizationParams,
  PersonParams,
  PersonView,
  RequestPasswordResetInput,
  ResetPasswordInput,
  RoleGrantInput,
  SessionList,
  SetPhoneInput,
  SignInInput,
  SignInResult,
  UpdateMeInput,
} from './schemas.ts';
import { describeAccount } from './sessions/describe-account.ts';
import { listSessions, revokeSession } from './sessions/list-sessions.ts';
import { signIn } from './sessions/sign-in.ts';
import { signOut } from './sessions/sign-out.ts';
import { disableAccount, enableAccount } from './status/account-status.ts';
import { createApiToken, findApiTokens, revokeApiToken } from './tokens/api-tokens.ts';

export const sessionCookie = 'intercoop_session';

const problems = {
  400: ProblemResponse,
  401: ProblemResponse,
  403: ProblemResponse,
  404: ProblemResponse,
  409: ProblemResponse,
};
const small = 16 * 1024;

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply) {
  reply.clearCookie(sessionCookie, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.ctx.publicUrl.startsWith('https://'),
  });
}

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['auth'];
  app.post(
    '/login',
    {
      bodyLimit: small,
      config: { csrfExempt: true },
      schema: {
        tags,
        summary: 'Sign in with email and password; sets the session cookie',
        body: SignInInput,
        response: {
          200: SignInResult,
          400: ProblemResponse,
          401: ProblemResponse,
          429: ProblemResponse,
        },
      },
    },
    async (request, reply) => {
      const result = await signIn(request.ctx, request.body, {
        address: request.ip,
        userAgent: request.headers['user-agent'],
      });
      reply.setCookie(sessionCookie, result.sessionSecret, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: request.ctx.publicUrl.startsWith('https://'),
        expires: result.expiresAt,
      });
      return { csrfToken: result.csrfToken, me: result.me };
    },
  );

  app.post(
    '/logout',
    {
      bodyLimit: small,
      schema: {
        tags,
        summary: 'Sign out: this session, or with ?everywhere=true every session of the account',
        querystring: z.strictObject({ everywhere: z.enum(['true', 'false']).optional() }),
        response: { 200: z.object({ sessionsEnded: z.number().int() }), ...problems },
      },
    },
    async (request, reply) => {
      const ended = await signOut(
        request.ctx,
        request.session,
        request.query.everywhere === 'true',
      );
      clearSessionCookie(request, reply);
      return { sessionsEnded: ended };
    },
  );

  app.get(
    '/me',
    {
      schema: {
        tags,
        summary:
          'Who is signed in, with roles and the CSRF token of the session; `signedIn: false` to a request with neither a session cookie nor a token (an ended session: 401)',
        response: { 200: MeAnswer, ...problems },
      },
    },
    async (request) => {
      // A visitor who never signed in is not at fault: no error for the page to log. A cookie
      // of an ended session still answers 401, so that an open page learns that it ended.
      if (
        request.ctx.actor.type !== 'account' &&
        request.cookies[sessionCookie] === undefined &&
        request.headers.authorization === undefined
      )
        return { signedIn: false as const };
      const account = requireSignedIn(request.ctx.actor);
      return describeAccount(request.ctx.db, account.accountId, request.session);
    },
  );

  app.patch(
    '/me',
    {
      bodyLimit: small,
      schema: {
        tags,
        summary:
          'Choose my language for answers that ask for none (no Accept-Language) and for my mail',
        body: UpdateMeInput,
        response: { 200: Me, ...problems },
      },
    },
    async (request) => {
      await setPreferredLanguage(request.ctx, request.body);
      const account = requireSignedIn(request.ctx.actor);
      return describeAccount(request.ctx.db, account.accountId, request.session);
    },
  );

  app.get(
    '/sessions',
    { schema: { tags, summary: 'My open sessions', response: { 200: SessionList, ...problems } } },
    async (request) => listSessions(request.ctx, request.session?.id),
  );

  app.delete(
    '/sessions/:id',
    {
      schema: {
        tags,
        summary: 'End one of my sessions',
        params: IdParams,
        response: { 204: z.null(), ...problems },
      },
    },
    async (request, reply) => {
      await revokeSession(request.ctx, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/invitations/accept',
    {
      bodyLimit: small,
      schema: {
        tags,
        summary: 'Accept an invitation: choose a name and a password; creates the account',
        body: AcceptInvitationInput,
        response: {
          201: z.object({ accountId: z.uuid(), email: z.string() }),
          ...problems,
          410: ProblemResponse,
        },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await acceptInvitation(request.ctx, request.body)),
  );

  app.post(
    '/password-reset',
    {
      bodyLimit: small,
      schema: {
        tags,
        summary: 'Ask for a password reset link by email (the answer is the same for any email)',
        body: RequestPasswordResetInput,
        response: {
          202: z.object({ status: z.literal('accepted') }),
          400: ProblemResponse,
          429: ProblemResponse,
        },
      },
    },
    async (request, reply) => {
      await requestPasswordReset(request.ctx, request.body, { address: request.ip });
      return reply.code(202).send({ status: 'accepted' as const });
    },
  );

  app.post(
    '/password-reset/confirm',
    {
      bodyLimit: small,
      schema: {
        tags,
        summary: 'Choose a new password with a reset link; ends every session of the account',
        body: ResetPasswordInput,
        response: { 204: z.null(), ...problems, 410: ProblemResponse },
      },
    },
    async (request, reply) => {
      await resetPassword(request.ctx, request.body);
      return reply.code(204).send(null);
    },
  );
};

export const accountsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['accounts'];
  app.get(
    '/accounts',
    {
      schema: {
        tags,
        summary:
          'Accounts and their roles by email, a page at a time, optionally those whose name or email contains q (network staff: all; organization admins: their organization)',
        querystring: AccountListQuery,
        response: { 200: AccountList, ...problems },
      },
    },
    async (request) => findAccounts(request.ctx, request.query),
  );

  app.post(
    '/accounts/network-admins',
    {
      bodyLimit: small,
      schema: {
        tags,
        summary: 'Create another network admin with a random password, shown once',
        body: z.strictObject({ email: Email }),
        response: {
          201: z.object({ accountId: z.uuid(), email: z.string(), password: z.string() }),
          ...problems,
        },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createNetworkAdmin(request.ctx, request.body.email)),
  );

  app.post(
    '/accounts/:id/roles',
    {
      bodyLimit: small,
      schema: {
        tags,
        summary: 'Give an account a role',
        params: IdParams,
        body: RoleGrantInput,
        response: { 200: AccountView, ...problems },
      },
    },
    async (request) => grantRole(request.ctx, request.params.id, request.body),
  );

  app.delete(
    '/accounts/:id/roles/:grantId',
    {
      schema: {
        tags,
        summary: 'Take a role back from an account',
        params: AccountGrantParams,
        response: { 200: AccountView, ...problems },
      },
    },
    async (request) => revokeRole(request.ctx, request.params.id, request.params.grantId),
  );

  app.put(
    '/accounts/:id/roles/:grantId',
    {
      bodyLimit: small,
      schema: {
        tags,
        summary:
          'Change one role of an account into another, at once (409 if it was taken back or changed meanwhile)',
        params: AccountGrantParams,
        body: RoleGrantInput,
        response: { 200: AccountView, ...problems },
      },
    },
    async (request) =>
      changeRole(request.ctx, request.params.id, request.params.grantId, request.body),
  );

  app.post(
    '/accounts/:id/disable',
    {
      bodyLimit: small,
      schema: {
        tags,
        summary:
          'Disable an account (network admins): sign-in refused, its sessions ended and its API tokens revoked',
        params: IdParams,
        response: { 200: AccountView, ...problems },
      },
    },
    async (request) => disableAccount(request.ctx, request.params.id),
  );

  app.post(
    '/accounts/:id/enable',
    {
      bodyLimit: small,
      schema: {
        tags,
        summary: 'Enable a disabled account again (network admins)',
        params: IdParams,
        response: { 200: AccountView, ...problems },
      },
    },
    async (request) => enableAccount(request.ctx, request.params.id),
  );

  app.get(
    '/invitations',
    {
      schema: {
        tags,
        summary: 'Invitations to roles the caller could give',
        response: { 200: InvitationList, ...problems },
      },
    },
    async (request) => findInvitations(request.ctx),
  );

  app.post(
    '/invitations',
    {
      // A client may repeat the request safely with the same Idempotency-Key.
      config: { idempotency: 'optional' },
      bodyLimit: small,
      schema: {
        tags,
        summary: 'Invite someone by email to an account with roles (the link works 7 days)',
        body: InviteInput,
        response: { 201: InvitationView, ...problems },
      },
    },
    async (request, reply) => reply.code(201).send(await inviteAccount(request.ctx, request.body)),
  );

  app.post(
    '/invitations/:id/revoke',
    {
      bodyLimit: small,
      schema: {
        tags,
        summary: 'Withdraw a pending invitation',
        params: IdParams,
        response: { 200: InvitationView, ...problems },
      },
    },
    async (request) => revokeInvitation(request.ctx, request.params.id),
  );

  app.get(
    '/tokens',
    {
      schema: {
        tags,
        summary: 'My API tokens (network admins: all)',
        response: { 200: ApiTokenList, ...problems },
      },
    },
    async (request) => findApiTokens(request.ctx),
  );

  app.post(
    '/tokens',
    {
      bodyLimit: small,
      schema: {
        tags,
        summary:
          'Create an API token for one organization, to read or to write; the token is shown once',
        body: CreateApiTokenInput,
        response: { 201: CreatedApiToken, ...problems },
      },
    },
    async (request, reply) => reply.code(201).send(await createApiToken(request.ctx, request.body)),
  );

  app.post(
    '/tokens/:id/revoke',
    {
      bodyLimit: small,
      schema: {
        tags,
        summary: 'Revoke an API token',
        params: IdParams,
        response: { 200: ApiTokenView, ...problems },
      },
    },
    async (request) => revokeApiToken(request.ctx, request.params.id),
  );

  app.get(
    '/organizations/:organizationId/members',
    {
      schema: {
        tags,
        summary: 'The members of an organization (its admins and network staff)',
        params: OrganizationParams,
        querystring: z.strictObject({
          cursor: z.string().max(200, 'This cursor is not one this server gave.').optional(),
          limit: z.coerce
            .number()
            .int('Use a whole number.')
            .min(1, 'Use a limit from 1 to 100.')
            .max(100, 'Use a limit from 1 to 100.')
            .default(50),
        }),
        response: { 200: MemberList, ...problems },
      },
    },
    async (request) =>
      findMembers(
        request.ctx,
        request.params.organizationId,
        request.query.cursor,
        request.query.limit,
      ),
  );

  app.post(
    '/organizations/:organizationId/members',
    {
      bodyLimit: small,
      schema: {
        tags,
        summary: 'Add a member (a person, who needs no login) to an organization',
        params: OrganizationParams,
        body: AddMemberInput,
        response: { 201: MemberView, ...problems },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await addMember(request.ctx, request.params.organizationId, request.body)),
  );

  app.patch(
    '/people/:personId',
    {
      bodyLimit: small,
      schema: {
        tags,
        summary:
          "Set or clear a person's phone (the admins of an organization they are a member of, and network staff), with the version read",
        params: PersonParams,
        body: SetPhoneInput,
        response: { 200: PersonView, ...problems },
      },
    },
    async (request) => setPersonPhone(request.ctx, request.params.personId, request.body),
  );
};
