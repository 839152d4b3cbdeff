import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import type { Me } from '../../api/auth.ts';
import type { Intent, IntentDirection, IntentKind } from '../../api/intents.ts';
import type { MessageId } from '../../i18n/locales.ts';

// The web app may not import values from src/, so the lists are repeated here; the checks below
// make TypeScript fail when the server's lists gain a member these lack.
export const intentDirections = ['offer', 'need'] as const satisfies readonly IntentDirection[];
export const intentKinds = [
  'product',
  'service',
  'know-how',
  'finance',
  'training',
] as const satisfies readonly IntentKind[];
type Missing<Union, Listed> = Exclude<Union, Listed> extends never ? true : false;
export const intentKindsAreComplete: Missing<IntentKind, (typeof intentKinds)[number]> = true;

export function isIntentDirection(value: string): value is IntentDirection {
  return (intentDirections as readonly string[]).includes(value);
}

export function isIntentKind(value: string): value is IntentKind {
  return (intentKinds as readonly string[]).includes(value);
}

export function directionMessageId(direction: IntentDirection) {
  return `intents.direction.${direction}` as const satisfies MessageId;
}

export function intentKindMessageId(kind: IntentKind) {
  return `intents.kind.${kind}` as const satisfies MessageId;
}

/** Today as the intents' dates are written (UTC), like the server's. */
export function todayIso(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Closed, expired, not yet started, or open (null). */
export function intentState(intent: Intent, today = todayIso()): MessageId | null {
  if (intent.status === 'closed') return 'intents.status.closed';
  if (intent.validFrom && intent.validFrom > today) return 'intents.status.notStarted';
  if (intent.expired || (intent.validUntil && intent.validUntil < today)) {
    return 'intents.status.expired';
  }
  return null;
}

/** A date written as 2026-02-01, in the reader's language (the calendar day, not shifted). */
export function IsoDate({ value }: { value: string }) {
  return <FormattedDate value={`${value}T00:00:00Z`} dateStyle="medium" timeZone="UTC" />;
}

export function Validity({ intent }: { intent: Pick<Intent, 'validFrom' | 'validUntil'> }) {
  const { validFrom, validUntil } = intent;
  if (validFrom && validUntil) {
    return (
      <FormattedMessage
        id="intents.validity.range"
        values={{ from: <IsoDate value={validFrom} />, until: <IsoDate value={validUntil} /> }}
      />
    );
  }
  if (validFrom) {
    return (
      <FormattedMessage
        id="intents.validity.from"
        values={{ from: <IsoDate value={validFrom} /> }}
      />
    );
  }
  if (validUntil) {
    return (
      <FormattedMessage
        id="intents.validity.until"
        values={{ until: <IsoDate value={validUntil} /> }}
      />
    );
  }
  return <FormattedMessage id="intents.validity.always" />;
}

export function Countries({
  codes,
  countryName,
}: {
  codes: readonly string[];
  countryName: (code: string) => string;
}) {
  const intl = useIntl();
  if (codes.length === 0) return <FormattedMessage id="intents.fact.anywhere" />;
  return <>{intl.formatList(codes.map(countryName))}</>;
}

/** The tags under a title: offer or need, kind, and its state when not simply open. */
export function IntentTags({ intent }: { intent: Intent }) {
  const state = intentState(intent);
  return (
    <p className="intent-tags">
      <span className={`tag intent-tag--${intent.direction}`}>
        <FormattedMessage id={directionMessageId(intent.direction)} />
      </span>
      <span className="tag">
        <FormattedMessage id={intentKindMessageId(intent.kind)} />
      </span>
      {state ? (
        <span className="tag intent-tag--state">
          <FormattedMessage id={state} />
        </span>
      ) : null}
      {intent.isDemo ? (
        <span className="tag tag--demo">
          <FormattedMessage id="profile.demo" />
        </span>
      ) : null}
    </p>
  );
}

/** Network staff post for any organization; an organization's admins for theirs. */
export function postsForAny(me: Me | null): boolean {
  return Boolean(
    me?.grants.some((grant) => grant.role === 'network-admin' || grant.role === 'network-staff'),
  );
}

/** The organizations this person administers (and so may post for). */
export function administeredOrganizations(me: Me | null): string[] {
  return [
    ...new Set(
      (me?.grants ?? []).flatMap((grant) =>
        grant.role === 'organization-admin' && grant.scopeType === 'organization' && grant.scopeId
          ? [grant.scopeId]
          : [],
      ),
    ),
  ];
}

/** Whether to offer "post an offer or a need" at all. */
export function mayPost(me: Me | null): boolean {
  return postsForAny(me) || administeredOrganizations(me).length > 0;
}
