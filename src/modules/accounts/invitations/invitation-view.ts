import type { InvitationView, RoleGrantInput } from '../schemas.ts';

type InvitationRecord = {
  id: string;
  email: string;
  roles: RoleGrantInput[];
  created_at: Date;
  expires_at: Date;
  accepted_at: Date | null;
  revoked_at: Date | null;
  language: string | null;
};

export function invitationView(row: InvitationRecord, now: Date): InvitationView {
  const status = row.accepted_at
    ? 'accepted'
    : row.revoked_at
      ? 'revoked'
      : row.expires_at <= now
        ? 'expired'
        : 'pending';
  return {
    id: row.id,
    email: row.email,
    roles: row.roles,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    status,
    language: row.language,
  };
}

export function parseRoles(stored: unknown): RoleGrantInput[] {
  return (typeof stored === 'string' ? JSON.parse(stored) : stored) as RoleGrantInput[];
}
