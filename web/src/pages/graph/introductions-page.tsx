import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Link, useLocation, useSearchParams } from 'wouter';
import { type Chain, chainMaxLength, chainQuery } from '../../api/graph.ts';
import { organizationQueries } from '../../api/organizations.ts';
import { type Problem, problemOf } from '../../api/problem.ts';
import {
  type ChosenOrganization,
  OrganizationCombobox,
} from '../../components/organization-combobox.tsx';
import { ErrorSummary } from '../../forms/error-summary.tsx';
import { useDocumentTitle } from '../use-document-title.ts';
import type { FieldMessage } from './tie-problem.tsx';
import { describeChain, tieKindId } from './tie-words.ts';
import './graph.css';

type ChainState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'found'; chain: Chain }
  | { status: 'none'; capped: boolean }
  | { status: 'error'; problem: Problem | null };

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The id in the address, if it looks like one. */
function idParam(value: string | null): string | null {
  return value && uuid.test(value) ? value : null;
}

/**
 * The chain search's 404 says in words whether it gave up (it reached its cap) rather than
 * finding that there is no chain; there is no field for it.
 */
function searchWasCapped(problem: Problem | null): boolean {
  return /before the search reached/i.test(problem?.detail ?? '');
}

/** "Who can introduce us": the shortest chain of ties between two organizations. */
export function IntroductionsPage() {
  const intl = useIntl();
  useDocumentTitle('graph.intro.title');
  const [searchParams] = useSearchParams();
  const [, navigate] = useLocation();
  const fromId = idParam(searchParams.get('from'));
  const toId = idParam(searchParams.get('to'));
  const [from, setFrom] = useState<ChosenOrganization | null>(null);
  const [to, setTo] = useState<ChosenOrganization | null>(null);
  const [fieldErrors, setFieldErrors] = useState<{ from?: FieldMessage; to?: FieldMessage }>({});
  const [attempt, setAttempt] = useState(0);
  const resultRef = useRef<HTMLHeadingElement>(null);
  const searchedRef = useRef(false);

  // The organizations named in the address show in the boxes (a shared or reloaded link).
  const fromName = useOrganizationName(fromId);
  const toName = useOrganizationName(toId);
  useEffect(() => {
    if (fromId) setFrom((now) => named(now, fromId, fromName));
  }, [fromId, fromName]);
  useEffect(() => {
    if (toId) setTo((now) => named(now, toId, toName));
  }, [toId, toName]);

  const chain = useQuery({
    ...chainQuery(fromId ?? '', toId ?? ''),
    enabled: fromId !== null && toId !== null,
  });
  const state: ChainState = ((): ChainState => {
    if (!fromId || !toId) return { status: 'idle' };
    if (chain.isError) {
      const problem = problemOf(chain.error);
      return problem?.status === 404 && !problem.errors?.length
        ? { status: 'none', capped: searchWasCapped(problem) }
        : { status: 'error', problem };
    }
    return chain.data ? { status: 'found', chain: chain.data } : { status: 'loading' };
  })();

  // After a search  // After a search asked for here, the answer's heading takes the focus.
  useEffect(() => {
    if (searchedRef.current && state.status !== 'loading' && state.status !== 'idle') {
      searchedRef.current = false;
      resultRef.current?.focus();
    }
  }, [state.status]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempt((count) => count + 1);
    const errors: { from?: FieldMessage; to?: FieldMessage } = {};
    const choose = {
      message: intl.formatMessage({ id: 'graph.tie.chooseOrganization' }),
      lang: intl.locale,
    };
    if (!from?.id) errors.from = choose;
    if (!to?.id) errors.to = choose;
    if (from?.id && to?.id && from.id === to.id) {
      errors.to = { message: intl.formatMessage({ id: 'graph.intro.same' }), lang: intl.locale };
    }
    setFieldErrors(errors);
    if (errors.from || errors.to || !from || !to) return;
    searchedRef.current = true;
    const params = new URLSearchParams({ from: from.id, to: to.id });
    navigate(`/introductions?${params}`);
    if (from.id === fromId && to.id === toId) resultRef.current?.focus();
  };

  const labels = {
    from: intl.formatMessage({ id: 'graph.intro.from' }),
    to: intl.formatMessage({ id: 'graph.intro.to' }),
  };
  const summary = (['from', 'to'] as const).flatMap((field) => {
    const error = fieldErrors[field];
    return error
      ? [{ id: `introductions-${field}`, label: labels[field], message: error.message }]
      : [];
  });

  return (
    <div className="introductions">
      <h1>
        <FormattedMessage id="graph.intro.title" />
      </h1>
      <p className="lead">
        <FormattedMessage id="graph.intro.lead" values={{ max: chainMaxLength }} />
      </p>
      <form className="form search-form" onSubmit={onSubmit} noValidate>
        {summary.length > 0 ? (
          <ErrorSummary
            key={attempt}
            title={<FormattedMessage id="form.fixErrors" />}
            fieldErrors={summary}
          />
        ) : null}
        <OrganizationCombobox
          id="introductions-from"
          label={labels.from}
          value={from}
          onChange={setFrom}
          error={fieldErrors.from}
        />
        <OrganizationCombobox
          id="introductions-to"
          label={labels.to}
          value={to}
          onChange={setTo}
          excludeIds={from ? [from.id] : []}
          error={fieldErrors.to}
        />
        <div className="button-row">
          <button type="submit" className="button button--primary">
            <FormattedMessage id="graph.intro.submit" />
          </button>
        </div>
      </form>
      <section aria-live="polite" aria-busy={state.status === 'loading'}>
        <ChainResult state={state} headingRef={resultRef} />
      </section>
    </div>
  );
}

function ChainResult({
  state,
  headingRef,
}: {
  state: ChainState;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
}) {
  const intl = useIntl();
  switch (state.status) {
    case 'idle':
      return null;
    case 'loading':
      return (
        <p role="status">
          <FormattedMessage id="graph.intro.searching" />
        </p>
      );
    case 'none':
      return (
        <div className="notice">
          <h2 ref={headingRef} tabIndex={-1}>
            <FormattedMessage
              id={state.capped ? 'graph.intro.cappedTitle' : 'graph.intro.noneTitle'}
            />
          </h2>
          <p>
            <FormattedMessage
              id={state.capped ? 'graph.intro.capped' : 'graph.intro.none'}
              values={{ max: chainMaxLength }}
            />
          </p>
        </div>
      );
    case 'error': {
      const missing = state.problem?.status === 404;
      return (
        <div className="notice notice--error">
          <h2 ref={headingRef} tabIndex={-1}>
            <FormattedMessage id={missing ? 'graph.intro.missing' : 'graph.intro.error'} />
          </h2>
        </div>
      );
    }
    case 'found': {
      const { chain } = state;
      const sentences = describeChain(intl, chain);
      return (
        <>
          <h2 ref={headingRef} tabIndex={-1}>
            <FormattedMessage id="graph.intro.found" values={{ count: chain.length }} />
          </h2>
          {chain.length > 1 ? (
            <p>
              <FormattedMessage
                id="graph.intro.introducers"
                values={{
                  names: intl.formatList(
                    chain.organizations.slice(1, -1).map((organization) => organization.name),
                  ),
                  count: chain.length - 1,
                }}
              />
            </p>
          ) : null}
          <ol className="chain" aria-label={intl.formatMessage({ id: 'graph.intro.drawing' })}>
            {chain.organizations.map((organization, index) => {
              const tie = chain.ties[index];
              return (
                <li key={organization.id} className="chain__step">
                  <Link href={`/organizations/${organization.id}`} className="chain__organization">
                    {organization.name}
                  </Link>
                  {tie ? (
                    <span
                      className={`chain__tie chain__tie--${tie.type} ${tie.forward ? 'chain__tie--forward' : 'chain__tie--back'}`}
                      data-tie={tie.id}
                    >
                      <svg className="chain__arrow" viewBox="0 0 24 24" aria-hidden="true">
                        <path className="chain__shaft" d="M12 2v17" />
                        <path d="M5 13l7 8 7-8" />
                      </svg>
                      <span className="chain__tie-label">
                        <FormattedMessage id={tieKindId(tie)} />
                        <span className="visually-hidden">
                          {' '}
                          <FormattedMessage
                            id={tie.forward ? 'graph.intro.pointsOn' : 'graph.intro.pointsBack'}
                          />
                        </span>
                      </span>
                    </span>
                  ) : null}
                </li>
              );
            })}
          </ol>
          <h3>
            <FormattedMessage id="graph.intro.inWords" />
          </h3>
          <ol className="chain-words">
            {sentences.map((sentence, index) => (
              <li key={chain.ties[index]?.id ?? index}>{sentence}</li>
            ))}
          </ol>
        </>
      );
    }
  }
}

/** The name of the organization an address names, once read; null until then, or if unknown. */
function useOrganizationName(id: string | null): string | null {
  const { data } = useQuery({ ...organizationQueries.profile(id ?? ''), enabled: id !== null });
  return id && data ? data.name : null;
}

/** The box's organization for the address's `id`: kept if it is that one with its name. */
function named(
  now: ChosenOrganization | null,
  id: string,
  name: string | null,
): ChosenOrganization {
  if (now?.id === id && (now.name || !name)) return now;
  return { id, name: name ?? '' };
}
