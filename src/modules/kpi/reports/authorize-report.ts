// Who may do what with an organization's reports. Its admins (and its API tokens that may write)
// save and submit them; its admins and members read them; network staff read every report and
// validate or return submitted ones. Nobody else sees an organization's figures: peers see
// quartiles only (benchmarks), never a value.
import { type Actor, authorize } from '../../../platform/access.ts';

export function authorizeReportWrite(actor: Actor, organizationId: string): void {
  authorize(actor, {
    anyOf: [
      { role: 'organization-admin', scope: { type: 'organization', id: organizationId } },
      { role: 'network-staff' },
    ],
    write: true,
    organizationId,
  });
}

export function authorizeReportRead(actor: Actor, organizationId: string): void {
  authorize(actor, {
    anyOf: [
      { role: 'organization-admin', scope: { type: 'organization', id: organizationId } },
      { role: 'organization-member', scope: { type: 'organization', id: organizationId } },
      { role: 'network-staff' },
    ],
    write: false,
    organizationId,
  });
}

/** Validating and returning are network staff's (not an API token's: a person checks figures). */
export function authorizeReportReview(actor: Actor): void {
  authorize(actor, { anyOf: [{ role: 'network-staff' }], write: true });
}
