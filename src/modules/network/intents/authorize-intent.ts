import { type Actor, authorize } from '../../../platform/access.ts';

/** An organization's admins speak for it on the board; network staff may for any. */
export function authorizeIntentWrite(actor: Actor, organizationId: string): void {
  authorize(actor, {
    anyOf: [
      { role: 'network-staff' },
      { role: 'organization-admin', scope: { type: 'organization', id: organizationId } },
    ],
    write: true,
    organizationId,
  });
}
