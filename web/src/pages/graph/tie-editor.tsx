import { type FormEvent, useEffect, useRef, useState } from 'react';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import type { Me } from '../../api/auth.ts';
import { endTie } from '../../api/graph.ts';
import { getTies, type Ties } from '../../api/organizations.ts';
import { useSession } from '../../session/session-provider.tsx';
import { affiliationMessageId, partnershipMessageId } from '../../vocabulary.ts';
import { AffiliationForm, DateField, PartnershipForm } from './tie-forms.tsx';
import { type TieOutcome, TieProblem, tieOutcomeOf, todayIso } from './tie-problem.tsx';

type Here = { id: string; name: string };

type TieEditorProps = {
  organization: Here;
  ties: Ties;
  onTiesChanged: (ties: Ties) => void;
};

function hasNetworkRole(me: Me | null): boolean {
  return (
    me?.grants.some((grant) => grant.role === 'network-admin' || grant.role === 'network-staff') ??
    false
  );
}

function administers(me: Me | null, organizationId: string): boolean {
  return (
    me?.grants.some(
      (grant) =>
        grant.role === 'organization-admin' &&
        grant.scopeType === 'organization' &&
        grant.scopeId === organizationId,
    ) ?? false
  );
}

/** A tie this person may end, as the list of ties in force shows it. */
type EndableTie = {
  type: 'affiliation' | 'partnership';
  id: string;
  version: number;
  otherName: string;
  kindLabel: string;
  startedOn: string | null;
};

/** As the server counts it: a tie is in force through the day it ends. */
function inForce(tie: { endedOn: string | null }, today: string): boolean {
  return tie.endedOn === null || tie.endedOn >= today;
}

/**
 * Recording and ending ties, for those the server lets do so: an organization's admins record
 * what belongs to it and its partnerships; network staff record any tie.
 */
/** A tie one side records is a claim (202) until the other side confirms it. */
const isClaim = (saved: object) => (saved as { state?: string }).state === 'claimed';

export function TieEditor({ organization, ties, onTiesChanged }: TieEditorProps) {
  const intl = useIntl();
  const { me } = useSession();
  const [open, setOpen] = useState<'none' | 'affiliation' | 'partnership'>('none');
  const [done, setDone] = useState<string | null>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const network = hasNetworkRole(me);
  const today = todayIso();

  const reload = async () => {
    try {
      onTiesChanged(await getTies(organization.id));
    } catch {
      // The change is saved; the list shows it once the page is loaded again.
    }
  };
  const refresh = async (message: string) => {
    setDone(message);
    await reload();
  };
  // What was done is said where the focus goes, since the form it came from is gone.
  useEffect(() => {
    if (done) statusRef.current?.focus();
  }, [done]);

  const endable: EndableTie[] = [
    ...ties.parents
      .filter((tie) => inForce(tie, today) && network)
      .map((tie) => ({
        type: 'affiliation' as const,
        id: tie.id,
        version: tie.version,
        otherName: tie.parentName,
        kindLabel: intl.formatMessage({ id: affiliationMessageId(tie.kind) }),
        startedOn: tie.startedOn,
      })),
    ...ties.members
      .filter((tie) => inForce(tie, today) && (network || administers(me, tie.parentId)))
      .map((tie) => ({
        type: 'affiliation' as const,
        id: tie.id,
        version: tie.version,
        otherName: tie.memberName,
        kindLabel: intl.formatMessage({ id: affiliationMessageId(tie.kind) }),
        startedOn: tie.startedOn,
      })),
    ...ties.partnerships
      .filter(
        (tie) =>
          inForce(tie, today) &&
          (network || administers(me, tie.fromId) || administers(me, tie.toId)),
      )
      .map((tie) => ({
        type: 'partnership' as const,
        id: tie.id,
        version: tie.version,
        otherName: tie.fromId === organization.id ? tie.toName : tie.fromName,
        kindLabel: intl.formatMessage({ id: partnershipMessageId(tie.kind) }),
        startedOn: tie.startedOn,
      })),
  ];

  return (
    <div className="tie-editor">
      <h3 id="tie-editor-title">
        <FormattedMessage id="graph.tie.manage" />
      </h3>
      <p ref={statusRef} role="status" className="tie-editor__status" tabIndex={-1}>
        {done}
      </p>
      {open === 'none' ? (
        <div className="button-row">
          <button
            type="button"
            className="button"
            onClick={() => {
              setDone(null);
              setOpen('affiliation');
            }}
          >
            <FormattedMessage id="graph.tie.addAffiliation" />
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              setDone(null);
              setOpen('partnership');
            }}
          >
            <FormattedMessage id="graph.tie.addPartnership" />
          </button>
        </div>
      ) : null}
      {open === 'affiliation' ? (
        <AffiliationForm
          organization={organization}
          mayJoinOthers={network}
          onSaved={(tie, other) => {
            setOpen('none');
            void refresh(
              intl.formatMessage(
                { id: isClaim(tie) ? 'graph.tie.claimSaved' : 'graph.tie.affiliationSaved' },
                { other: other.name },
              ),
            );
          }}
          onCancel={() => setOpen('none')}
        />
      ) : null}
      {open === 'partnership' ? (
        <PartnershipForm
          organization={organization}
          onSaved={(tie, other) => {
            setOpen('none');
            void refresh(
              intl.formatMessage(
                { id: isClaim(tie) ? 'graph.tie.claimSaved' : 'graph.tie.partnershipSaved' },
                { other: other.name },
              ),
            );
          }}
          onCancel={() => setOpen('none')}
        />
      ) : null}

      {endable.length > 0 ? (
        <>
          <h4>
            <FormattedMessage id="graph.tie.endTitle" />
          </h4>
          <ul className="tie-editor__list">
            {endable.map((tie) => (
              <EndTieItem
                key={tie.id}
                tie={tie}
                today={today}
                onEnded={(endedOn) =>
                  refresh(
                    intl.formatMessage(
                      { id: 'graph.tie.ended' },
                      {
                        other: tie.otherName,
                        date: intl.formatDate(endedOn, { dateStyle: 'medium', timeZone: 'UTC' }),
                      },
                    ),
                  )
                }
                onStale={reload}
              />
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

function EndTieItem({
  tie,
  today,
  onEnded,
  onStale,
}: {
  tie: EndableTie;
  today: string;
  onEnded: (endedOn: string) => Promise<void>;
  onStale: () => Promise<void>;
}) {
  const intl = useIntl();
  const [isOpen, setIsOpen] = useState(false);
  const [endedOn, setEndedOn] = useState(today);
  const [outcome, setOutcome] = useState<TieOutcome<'endedOn'>>({ kind: 'none' });
  const [attempt, setAttempt] = useState(0);
  const [isSaving, setIsSaving] = useState(false);
  const openerRef = useRef<HTMLButtonElement>(null);
  const dateId = `end-${tie.id}-endedOn`;
  const label = intl.formatMessage({ id: 'graph.tie.endedOnLabel' });

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempt((count) => count + 1);
    if (!endedOn || (tie.startedOn && endedOn < tie.startedOn)) {
      setOutcome({
        kind: 'invalid',
        fields: {
          endedOn: {
            message: intl.formatMessage({
              id: endedOn ? 'graph.tie.endsBeforeStart' : 'graph.tie.chooseDate',
            }),
            lang: intl.locale,
          },
        },
        other: [],
      });
      return;
    }
    setIsSaving(true);
    try {
      await endTie(tie.type, tie.id, { version: tie.version, endedOn });
      setIsOpen(false);
      await onEnded(endedOn);
    } catch (error) {
      const next = tieOutcomeOf<'endedOn'>(error, { '/endedOn': 'endedOn' }, intl);
      setOutcome(next);
      // Someone else changed it: show the list as it is now (with the tie's new version).
      if (next.kind === 'stale') await onStale();
    } finally {
      setIsSaving(false);
    }
  };

  const fieldError = outcome.kind === 'invalid' ? outcome.fields.endedOn : undefined;
  return (
    <li className="tie-editor__item">
      <span>
        <strong>{tie.otherName}</strong> · {tie.kindLabel}
        {tie.startedOn ? (
          <>
            {' · '}
            <FormattedMessage
              id="profile.since"
              values={{
                date: <FormattedDate value={tie.startedOn} dateStyle="medium" timeZone="UTC" />,
              }}
            />
          </>
        ) : null}
      </span>
      {isOpen ? (
        <form className="form tie-form" onSubmit={onSubmit} noValidate>
          <TieProblem
            outcome={outcome}
            attempt={attempt}
            fields={[{ field: 'endedOn', id: dateId, label }]}
          />
          <DateField
            id={dateId}
            label={label}
            value={endedOn}
            min={tie.startedOn ?? undefined}
            onValueChange={setEndedOn}
            error={fieldError}
          />
          <div className="button-row">
            <button type="submit" className="button button--primary" disabled={isSaving}>
              <FormattedMessage id="graph.tie.endConfirm" values={{ other: tie.otherName }} />
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                setIsOpen(false);
                setOutcome({ kind: 'none' });
                requestAnimationFrame(() => openerRef.current?.focus());
              }}
            >
              <FormattedMessage id="graph.tie.cancel" />
            </button>
          </div>
        </form>
      ) : (
        <button
          ref={openerRef}
          type="button"
          className="button button--small"
          onClick={() => setIsOpen(true)}
        >
          <FormattedMessage id="graph.tie.end" values={{ other: tie.otherName }} />
        </button>
      )}
    </li>
  );
}
