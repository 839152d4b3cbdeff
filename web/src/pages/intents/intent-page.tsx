import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import { Link } from 'wouter';
import { canEditOrganization } from '../../api/auth.ts';
import {
  closeIntent,
  type Intent,
  intentQuery,
  type Suggestion,
  suggestionsQuery,
} from '../../api/intents.ts';
import { type Problem, problemLanguage, problemOf } from '../../api/problem.ts';
import { useCountryNames } from '../../i18n/display-names.ts';
import { useSession } from '../../session/session-provider.tsx';
import { sectorMessageId } from '../../vocabulary.ts';
import { Failure } from './board-page.tsx';
import {
  Countries,
  IntentTags,
  intentKindMessageId,
  intentState,
  Validity,
} from './intent-facts.tsx';
import { ScoreBreakdown } from './suggestion-reasons.tsx';
import './intents.css';
import { documentTitle } from '../use-document-title.ts';

type LoadState =
  | { status: 'loading' }
  | { status: 'error'; problem: Problem | null }
  | { status: 'ready'; intent: Intent };

type SuggestionState =
  | { status: 'loading' }
  | { status: 'error'; problem: Problem | null }
  | { status: 'ready'; items: Suggestion[] };

/** What the page says after an action of the reader's (kept in history state by the form). */
export type IntentPageNotice = 'posted' | 'saved';

export function IntentPage({ id }: { id: string }) {
  const intl = useIntl();
  const { me } = useSession();
  const queryClient = useQueryClient();
  const query = useQuery(intentQuery(id));
  const state: LoadState = query.isError
    ? { status: 'error', problem: problemOf(query.error) }
    : query.data
      ? { status: 'ready', intent: query.data }
      : { status: 'loading' };
  const show = (intent: Intent) => queryClient.setQueryData(intentQuery(id).queryKey, intent);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [notice] = useState<IntentPageNotice | null>(() => {
    const value = (window.history.state as { intentNotice?: unknown } | null)?.intentNotice;
    return value === 'posted' || value === 'saved' ? value : null;
  });
  // Said once: a reload or a return to this entry later does not say it again.
  useEffect(() => {
    const state = window.history.state as Record<string, unknown> | null;
    if (state?.intentNotice) window.history.replaceState({ ...state, intentNotice: null }, '');
  }, []);

  const title = state.status === 'ready' ? state.intent.title : null;
  useEffect(() => {
    const page = title ?? intl.formatMessage({ id: 'intents.page.documentTitle' });
    document.title = documentTitle(page);
  }, [intl, title]);

  if (state.status === 'loading') {
    return (
      <p role="status">
        <FormattedMessage id="intents.page.loading" />
      </p>
    );
  }
  if (state.status === 'error') {
    const notFound = state.problem?.status === 404 || state.problem?.status === 400;
    return (
      <div>
        {notFound ? (
          <h1>
            <FormattedMessage id="intents.page.notFound" />
          </h1>
        ) : (
          <Failure
            problem={state.problem}
            onRetry={() => void query.refetch()}
            title="intents.page.error"
          />
        )}
        <p>
          <Link href="/offers-and-needs">
            <FormattedMessage id="intents.page.back" />
          </Link>
        </p>
      </div>
    );
  }

  const { intent } = state;
  const mayChange = intent.status === 'open' && canEditOrganization(me, intent.organizationId);

  return (
    <article className="intent-page" aria-labelledby="intent-title">
      <p className="breadcrumb">
        <Link href="/offers-and-needs">
          <FormattedMessage id="intents.page.back" />
        </Link>
      </p>
      <header className="profile__header">
        <IntentTags intent={intent} />
        <h1 id="intent-title" ref={headingRef} tabIndex={-1}>
          {intent.title}
        </h1>
        <p className="intent-page__by">
          <FormattedMessage
            id={intent.direction === 'offer' ? 'intents.page.offeredBy' : 'intents.page.neededBy'}
            values={{
              organization: (
                <Link href={`/organizations/${intent.organizationId}`}>
                  {intent.organizationName}
                </Link>
              ),
            }}
          />
        </p>
      </header>
      {notice ? (
        <p role="status" className="notice notice--success">
          <FormattedMessage
            id={notice === 'posted' ? 'intents.page.posted' : 'intents.page.saved'}
          />
        </p>
      ) : null}

      <IntentDetails intent={intent} />

      {mayChange ? (
        <CloseAndEdit
          intent={intent}
          onClosed={(closed) => {
            show(closed);
            headingRef.current?.focus();
          }}
          onCurrent={show}
        />
      ) : null}

      <Suggestions intent={intent} />
    </article>
  );
}

function IntentDetails({ intent }: { intent: Intent }) {
  const countryName = useCountryNames();
  return (
    <>
      {intent.description ? (
        <section aria-labelledby="intent-description">
          <h2 id="intent-description">
            <FormattedMessage id="intents.page.description" />
          </h2>
          <p className="profile__description">{intent.description}</p>
        </section>
      ) : null}
      <section aria-labelledby="intent-facts">
        <h2 id="intent-facts">
          <FormattedMessage id="intents.page.facts" />
        </h2>
        <dl className="facts">
          <div>
            <dt>
              <FormattedMessage id="intents.fact.organization" />
            </dt>
            <dd>
              <Link href={`/organizations/${intent.organizationId}`}>
                {intent.organizationName}
              </Link>
            </dd>
          </div>
          <div>
            <dt>
              <FormattedMessage id="intents.fact.kind" />
            </dt>
            <dd>
              <FormattedMessage id={intentKindMessageId(intent.kind)} />
            </dd>
          </div>
          <div>
            <dt>
              <FormattedMessage id="intents.fact.sector" />
            </dt>
            <dd>
              <FormattedMessage id={sectorMessageId(intent.sector)} />
            </dd>
          </div>
          <div>
            <dt>
              <FormattedMessage id="intents.fact.countries" />
            </dt>
            <dd>
              <Countries codes={intent.countries} countryName={countryName} />
            </dd>
          </div>
          <div>
            <dt>
              <FormattedMessage id="intents.fact.validity" />
            </dt>
            <dd>
              <Validity intent={intent} />
              {intentState(intent) === 'intents.status.expired' ? (
                <>
                  {' '}
                  (<FormattedMessage id="intents.status.expired" />)
                </>
              ) : null}
            </dd>
          </div>
          <div>
            <dt>
              <FormattedMessage id="intents.fact.posted" />
            </dt>
            <dd>
              <FormattedDate value={intent.createdAt} dateStyle="long" />
            </dd>
          </div>
          {intent.closedAt ? (
            <div>
              <dt>
                <FormattedMessage id="intents.fact.closed" />
              </dt>
              <dd>
                <FormattedDate value={intent.closedAt} dateStyle="long" />
              </dd>
            </div>
          ) : null}
        </dl>
      </section>
    </>
  );
}

type CloseOutcome = 'none' | 'conflict' | 'failed' | 'offline';

function CloseAndEdit({
  intent,
  onClosed,
  onCurrent,
}: {
  intent: Intent;
  onClosed: (intent: Intent) => void;
  onCurrent: (intent: Intent) => void;
}) {
  const [isConfirming, setIsConfirming] = useState(false);
  const [isClosing, setIsClosing] = useState(false);
  const [outcome, setOutcome] = useState<{ kind: CloseOutcome; problem?: Problem }>({
    kind: 'none',
  });
  const confirmRef = useRef<HTMLDivElement>(null);
  const closeButtonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (isConfirming) confirmRef.current?.focus();
  }, [isConfirming]);

  const close = async () => {
    setIsClosing(true);
    try {
      onClosed(await closeIntent(intent.id, intent.version));
    } catch (error) {
      const problem = problemOf(error);
      setIsConfirming(false);
      if (!problem) setOutcome({ kind: 'offline' });
      else if (problem.status === 409 && problem.current) {
        setOutcome({ kind: 'conflict' });
        onCurrent(problem.current as Intent);
      } else setOutcome({ kind: 'failed', problem });
    } finally {
      setIsClosing(false);
    }
  };

  return (
    <section aria-labelledby="intent-actions" className="intent-actions">
      <h2 id="intent-actions" className="visually-hidden">
        <FormattedMessage id="intents.page.actions" />
      </h2>
      {outcome.kind === 'conflict' ? (
        <p role="alert" className="notice notice--error">
          <FormattedMessage id="intents.close.conflict" />
        </p>
      ) : null}
      {outcome.kind === 'offline' ? (
        <p role="alert" className="notice notice--error">
          <FormattedMessage id="form.offline" />
        </p>
      ) : null}
      {outcome.kind === 'failed' ? (
        <div role="alert" className="notice notice--error">
          <p className="notice__title">
            <FormattedMessage id="intents.close.failed" />
          </p>
          <p lang={problemLanguage(outcome.problem)}>
            {outcome.problem?.detail ?? outcome.problem?.title}
          </p>
        </div>
      ) : null}
      {isConfirming ? (
        <div ref={confirmRef} className="notice intent-actions__confirm" tabIndex={-1}>
          <p id="intent-close-question" className="notice__title">
            <FormattedMessage
              id="intents.close.confirmTitle"
              values={{ direction: intent.direction }}
            />
          </p>
          <p>
            <FormattedMessage id="intents.close.confirmBody" />
          </p>
          <div className="button-row">
            <button
              type="button"
              className="button button--primary"
              onClick={close}
              disabled={isClosing}
            >
              <FormattedMessage
                id={isClosing ? 'intents.close.closing' : 'intents.close.confirm'}
              />
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                setIsConfirming(false);
                requestAnimationFrame(() => closeButtonRef.current?.focus());
              }}
            >
              <FormattedMessage id="intents.close.cancel" />
            </button>
          </div>
        </div>
      ) : (
        <div className="button-row">
          <Link href={`/offers-and-needs/${intent.id}/edit`} className="button">
            <FormattedMessage id="intents.page.edit" values={{ direction: intent.direction }} />
          </Link>
          <button
            ref={closeButtonRef}
            type="button"
            className="button"
            onClick={() => {
              setOutcome({ kind: 'none' });
              setIsConfirming(true);
            }}
          >
            <FormattedMessage id="intents.page.close" values={{ direction: intent.direction }} />
          </button>
        </div>
      )}
    </section>
  );
}

function Suggestions({ intent }: { intent: Intent }) {
  const countryName = useCountryNames();
  const isOpen = intent.status === 'open';
  const query = useQuery({ ...suggestionsQuery(intent.id), enabled: isOpen });
  const state: SuggestionState = query.isError
    ? { status: 'error', problem: problemOf(query.error) }
    : query.data
      ? { status: 'ready', items: query.data.items }
      : { status: 'loading' };

  return (
    <section aria-labelledby="intent-suggestions" className="suggestions">
      <h2 id="intent-suggestions">
        <FormattedMessage
          id={
            intent.direction === 'need'
              ? 'intents.suggestions.forNeed'
              : 'intents.suggestions.forOffer'
          }
        />
      </h2>
      {!isOpen ? (
        <p>
          <FormattedMessage id="intents.suggestions.closed" />
        </p>
      ) : (
        <>
          <p className="field__hint">
            <FormattedMessage id="intents.suggestions.intro" />
          </p>
          {state.status === 'loading' ? (
            <p role="status">
              <FormattedMessage id="intents.suggestions.loading" />
            </p>
          ) : null}
          {state.status === 'error' ? (
            <Failure
              problem={state.problem}
              onRetry={() => void query.refetch()}
              title="intents.suggestions.error"
            />
          ) : null}
          {state.status === 'ready' && state.items.length === 0 ? (
            <p>
              <FormattedMessage
                id="intents.suggestions.none"
                values={{ direction: intent.direction }}
              />
            </p>
          ) : null}
          {state.status === 'ready' && state.items.length > 0 ? (
            <ol className="suggestion-list">
              {state.items.map((suggestion) => (
                <li key={suggestion.intent.id}>
                  <SuggestionCard suggestion={suggestion} countryName={countryName} />
                </li>
              ))}
            </ol>
          ) : null}
        </>
      )}
    </section>
  );
}

function SuggestionCard({
  suggestion,
  countryName,
}: {
  suggestion: Suggestion;
  countryName: (code: string) => string;
}) {
  const { intent } = suggestion;
  const headingId = `suggestion-${intent.id}`;
  return (
    <article className="organization-card suggestion" aria-labelledby={headingId}>
      <IntentTags intent={intent} />
      <h3 id={headingId} className="organization-card__name">
        <Link href={`/offers-and-needs/${intent.id}`}>{intent.title}</Link>
      </h3>
      <p className="suggestion__facts">
        <Link href={`/organizations/${intent.organizationId}`}>{intent.organizationName}</Link>
        {' · '}
        <Countries codes={intent.countries} countryName={countryName} />
        {' · '}
        <Validity intent={intent} />
      </p>
      <ScoreBreakdown suggestion={suggestion} labelId={`${headingId}-score`} />
    </article>
  );
}
