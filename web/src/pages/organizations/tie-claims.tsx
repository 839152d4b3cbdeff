// The ties claimed about an organization or by it and not confirmed: "claimed by X, not
// confirmed" (or declined, with who declined), on both organizations' profiles; and, for the
// admins of the side a claim waits for (or network staff), its confirm and decline buttons.
import { useState } from 'react';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'wouter';
import type { Me } from '../../../../src/modules/accounts/schemas.ts';
import { decideClaim, type TieClaim } from '../../api/claims.ts';
import { problemOf } from '../../api/problem.ts';
import { affiliationMessageId, partnershipMessageId } from '../../vocabulary.ts';

type Kind = Parameters<typeof affiliationMessageId>[0] & Parameters<typeof partnershipMessageId>[0];

/** Whether this person may confirm or decline a claim awaiting this organization. */
export function mayDecideFor(me: Me | null, organizationId: string): boolean {
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

function kindLabel(claim: TieClaim) {
  const id =
    claim.tie === 'affiliation'
      ? affiliationMessageId(claim.kind as Kind)
      : partnershipMessageId(claim.kind as Kind);
  return <FormattedMessage id={id} />;
}

function ClaimItem({
  claim,
  me,
  onDecided,
}: {
  claim: TieClaim;
  me: Me | null;
  onDecided: () => void;
}) {
  const intl = useIntl();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);
  const mayDecide = claim.state === 'claimed' && mayDecideFor(me, claim.awaitedFromId);
  const decide = async (decision: 'confirm' | 'decline') => {
    setBusy(true);
    try {
      await decideClaim(claim, decision);
      setOutcome(
        intl.formatMessage({
          id: decision === 'confirm' ? 'claims.confirmedNow' : 'claims.declinedNow',
        }),
      );
      onDecided();
    } catch (error) {
      setOutcome(
        intl.formatMessage(
          { id: 'claims.failed' },
          { detail: problemOf(error)?.detail ?? String(error) },
        ),
      );
    } finally {
      setBusy(false);
    }
  };
  const names = {
    from: <Link href={`/organizations/${claim.fromId}`}>{claim.fromName}</Link>,
    to: <Link href={`/organizations/${claim.toId}`}>{claim.toName}</Link>,
    kind: kindLabel(claim),
    claimer: claim.claimedByName,
  };
  return (
    <li className="tie-claim">
      <p>
        {claim.state === 'claimed' ? (
          <FormattedMessage
            id="claims.claimed"
            values={{ ...names, awaited: claim.awaitedFromName }}
          />
        ) : (
          <FormattedMessage
            id="claims.declined"
            values={{
              ...names,
              decider: claim.decidedForName ?? intl.formatMessage({ id: 'claims.staff' }),
              date: claim.decidedAt ? (
                <FormattedDate value={claim.decidedAt} dateStyle="medium" />
              ) : (
                ''
              ),
            }}
          />
        )}
      </p>
      {mayDecide ? (
        <p className="tie-claim__actions">
          <button type="button" disabled={busy} onClick={() => decide('confirm')}>
            <FormattedMessage id="claims.confirm" />
          </button>{' '}
          <button type="button" disabled={busy} onClick={() => decide('decline')}>
            <FormattedMessage id="claims.decline" />
          </button>
        </p>
      ) : null}
      {outcome ? <p role="status">{outcome}</p> : null}
    </li>
  );
}

export function TieClaims({
  claims,
  me,
  onDecided,
}: {
  claims: TieClaim[];
  me: Me | null;
  onDecided: () => void;
}) {
  if (claims.length === 0) return null;
  return (
    <>
      <h3>
        <FormattedMessage id="claims.heading" />
      </h3>
      <p className="field__hint">
        <FormattedMessage id="claims.rule" />
      </p>
      <ul className="tie-claims">
        {claims.map((claim) => (
          <ClaimItem key={claim.id} claim={claim} me={me} onDecided={onDecided} />
        ))}
      </ul>
    </>
  );
}
