// Pure zod: the accounts module's inputs and outputs.
import { z } from 'zod';
import type { Role as RoleName, ScopeType as ScopeName } from '../../platform/access.ts';
import { declaredRoles, declaredScopes } from '../../platform/access-schemas.ts';
import { CountryCode } from '../../platform/country-schemas.ts';
import { refuseHiddenText } from '../../platform/hidden-text-schemas.ts';
import { PhoneText } from '../../platform/phone-schemas.ts';

const controlCharacter = /\p{Cc}/u;

export const Email = z
  .string()
  .trim()
  .max(254, 'Must be at most 254 characters.')
  .pipe(z.email('Use an email address, such as amina@coop.example.'))
  .transform((value) => value.toLowerCase());

/** Checked for length here; for strength in passwords/passwords.ts. */
export const NewPassword = z
  .string()
  .min(12, 'Use at least 12 characters; a few unrelated words make a strong, memorable password.')
  .max(256, 'Use at most 256 characters.');

export const DisplayName = z
  .string()
  .trim()
  .min(1, 'Must not be empty.')
  .max(200, 'Must be at most 200 characters.')
  .refine((value) => !controlCharacter.test(value), {
    message: 'Must not contain control characters.',
    params: { code: 'control-characters' },
  })
  .refine((value) => !/<\s*[a-zA-Z/!]/.test(value), {
    message: 'Must not contain markup such as <tags>.',
    params: { code: 'markup' },
  })
  .superRefine(refuseHiddenText);

export const SignInInput = z.strictObject({
  email: Email,
  password: z.string().min(1, 'Enter your password.').max(256, 'Must be at most 256 characters.'),
});
export type SignInInput = z.infer<typeof SignInInput>;

// The roles and scopes the modules declared, read when first used (after the modules plugged in).
export const Role = z.lazy(() => z.enum(declaredRoles() as [RoleName, ...RoleName[]]));
export const ScopeType = z.lazy(() => z.enum(declaredScopes() as [ScopeName, ...ScopeName[]]));

export const RoleGrantInput = z.strictObject({
  role: Role,
  scopeType: ScopeType,
  scopeId: z
    .uuid('Use the id (a UUID) of the organization, project, fund or programme.')
    .nullable()
    .default(null),
});
export type RoleGrantInput = z.infer<typeof RoleGrantInput>;

export const RoleGrantView = z.object({
  id: z.uuid(),
  role: Role,
  scopeType: ScopeType,
  scopeId: z.uuid().nullable(),
});

/**
 * A language as ISO 639-1; the use case checks that this instance ships it (the list is the
 * server's catalogue files, which this pure schema cannot read).
 */
export const LanguageCode = z
  .string()
  .regex(/^[a-z]{2}$/, 'Use a two-letter ISO 639-1 code, such as hi or gu.');

export const Me = z.object({
  signedIn: z.literal(true),
  accountId: z.uuid(),
  personId: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  preferredLanguage: z.string().nullable().meta({
    description:
      'The language chosen for messages and mail (ISO 639-1); null to follow each request (Accept-Language) and the instance default.',
  }),
  grants: z.array(RoleGrantView),
  csrfToken: z.string().nullable(),
  sessionExpiresAt: z.string().nullable(),
});
export type Me = z.infer<typeof Me>;

/** What `GET /api/auth/me` says to a visitor who sent neither a session cookie nor a token. */
export const SignedOut = z.object({ signedIn: z.literal(false) });

/** `GET /api/auth/me`: the account signed in, or that nobody is. */
export const MeAnswer = z.discriminatedUnion('signedIn', [Me, SignedOut]);
export type MeAnswer = z.infer<typeof MeAnswer>;

export const SignInResult = z.object({ csrfToken: z.string(), me: Me });

export const UpdateMeInput = z.strictObject({
  preferredLanguage: LanguageCode.nullable().meta({
    description:
      'A language this instance ships, for answers without Accept-Language and for mail; null to have none.',
  }),
});
export type UpdateMeInput = z.infer<typeof UpdateMeInput>;

export const SessionView = z.object({
  id: z.uuid(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  userAgent: z.string().nullable(),
  address: z.string().nullable(),
  current: z.boolean(),
});
export const SessionList = z.object({ items: z.array(SessionView) });

export const IdParams = z.strictObject({ id: z.uuid('Use an id (a UUID).') });

export const InviteInput = z.strictObject({
  email: Email,
  roles: z
    .array(RoleGrantInput)
    .min(1, 'Give at least one role.')
    .max(20, 'Give at most 20 roles.'),
  language: LanguageCode.optional().meta({
    description:
      "The language of the invitation's mail and of the new account (one this instance ships); by default the inviter's.",
  }),
});
export type InviteInput = z.infer<typeof InviteInput>;

export const InvitationView = z.object({
  id: z.uuid(),
  email: z.string(),
  roles: z.array(z.object({ role: Role, scopeType: ScopeType, scopeId: z.uuid().nullable() })),
  createdAt: z.string(),
  expiresAt: z.string(),
  status: z.enum(['pending', 'accepted', 'revoked', 'expired']),
  /** Null for an invitation made before invitations had a language. */
  language: z.string().nullable(),
});
export type InvitationView = z.infer<typeof InvitationView>;
export const InvitationList = z.object({ items: z.array(InvitationView) });

export const AcceptInvitationInput = z.strictObject({
  token: z
    .string()
    .min(20, 'This link is incomplete: open the whole link from the email.')
    .max(100, 'This is not an invitation token.'),
  displayName: DisplayName,
  password: NewPassword,
});

export const RequestPasswordResetInput = z.strictObject({ email: Email });
export const ResetPasswordInput = z.strictObject({
  token: z
    .string()
    .min(20, 'This link is incomplete: open the whole link from the email.')
    .max(100, 'This is not a reset token.'),
  password: NewPassword,
});

export const CreateApiTokenInput = z.strictObject({
  name: DisplayName.pipe(z.string().max(100, 'Must be at most 100 characters.')),
  organizationId: z.uuid('Use the id (a UUID) of the organization the token acts for.'),
  access: z.enum(['read', 'write']),
});
export const ApiTokenView = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  organizationId: z.uuid(),
  access: z.enum(['read', 'write']),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiTokenView = z.infer<typeof ApiTokenView>;
export const CreatedApiToken = ApiTokenView.extend({ token: z.string() });
export const ApiTokenList = z.object({ items: z.array(ApiTokenView) });

export const AccountView = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  status: z.enum(['active', 'disabled']),
  grants: z.array(RoleGrantView),
  createdAt: z.string(),
});
export type AccountView = z.infer<typeof AccountView>;
export const AccountList = z.object({
  items: z.array(AccountView),
  /** Give it back as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export const AccountListQuery = z.strictObject({
  q: z
    .string()
    .trim()
    .max(200, 'Search with at most 200 characters.')
    .refine((value) => !controlCharacter.test(value), 'Must not contain control characters.')
    .optional(),
  cursor: z.string().max(400, 'This cursor is not one this server gave.').optional(),
  limit: z.coerce
    .number()
    .int('Use a whole number.')
    .min(1, 'Use a limit from 1 to 1000.')
    .max(1000, 'Use a limit from 1 to 1000.')
    .default(100),
});
export type AccountListQuery = z.infer<typeof AccountListQuery>;
export const AccountGrantParams = z.strictObject({
  id: z.uuid('Use an id (a UUID).'),
  grantId: z.uuid('Use an id (a UUID).'),
});

export const membershipKinds = ['worker-member', 'farmer-member', 'member', 'employee'] as const;
export const PersonInput = z.strictObject({
  displayName: DisplayName,
  phone: PhoneText.optional(),
  /** The country a phone number without `+` is read in. */
  defaultCountry: CountryCode.optional().meta({
    description: 'The country (ISO 3166-1) a phone number without + and a country code is read in.',
  }),
  preferredLanguage: LanguageCode.optional(),
});
export const MembershipInput = z.strictObject({
  kind: z.enum(membershipKinds),
  startedOn: z.iso.date('Use a date such as 2024-02-01.'),
  endedOn: z.iso.date('Use a date such as 2024-02-01.').optional(),
});
export const AddMemberInput = z.strictObject({
  person: PersonInput,
  membership: MembershipInput,
});
export const MemberView = z.object({
  membershipId: z.uuid(),
  personId: z.uuid(),
  displayName: z.string(),
  phone: z.string().nullable().meta({ description: 'In E.164, such as +919876543210.' }),
  preferredLanguage: z.string().nullable(),
  organizationId: z.uuid(),
  kind: z.enum(membershipKinds),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
  /** The membership's version. */
  version: z.number().int(),
  /** The person's version, which a change of their phone carries. */
  personVersion: z.number().int(),
});
export type MemberView = z.infer<typeof MemberView>;
export const MemberList = z.object({
  items: z.array(MemberView),
  nextCursor: z.string().nullable(),
});
export const OrganizationParams = z.strictObject({
  organizationId: z.uuid('Use an organization id (a UUID).'),
});

/** A person, as other modules and the API see them: no login needed. */
export const PersonView = z.object({
  id: z.uuid(),
  displayName: z.string(),
  preferredLanguage: z.string().nullable(),
  phone: z.string().nullable().meta({ description: 'In E.164, such as +919876543210.' }),
  version: z.number().int(),
});
export type Person = z.infer<typeof PersonView>;

/** A person's tie to an organization. */
export const MembershipView = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  organizationId: z.uuid(),
  kind: z.enum(membershipKinds),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
  version: z.number().int(),
});
export type Membership = z.infer<typeof MembershipView>;

export const PersonParams = z.strictObject({
  personId: z.uuid('Use a person id (a UUID).'),
});
export const SetPhoneInput = z.strictObject({
  /** The person's version this change was made from. */
  version: z.number().int('Use a whole number.').min(1, 'Use the version you read.'),
  phone: PhoneText.nullable().meta({ description: 'The new phone; null takes it away.' }),
  defaultCountry: CountryCode.optional().meta({
    description: 'The country (ISO 3166-1) a phone number without + and a country code is read in.',
  }),
});
export type SetPhoneInput = z.input<typeof SetPhoneInput>;
