// The audit log, newest first: who did what to which record, when, with the change field by
// field. The filters live in the address, so a filtered view can be shared and the back button
// undoes a filter.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { FormattedDate, FormattedMessage, FormattedTime, useIntl } from 'react-intl';
import { Link, useLocation, useSearchParams } from 'wouter';
import {
  type AccountView,
  type AuditEntry,
  type AuditFilters,
  findAuditEntries,
  getAuditVocabulary,
  listAccounts,
  noAuditFilters,
  organizationName,
} from '../../api/admin.ts';
import type { Me } from '../../api/auth.ts';
import { type FieldErrorEntry, problemOf } from '../../api/problem.ts';
import { nextCursorOf } from '../../data/query-client.ts';
import { ErrorSummary } from '../../forms/error-summary.tsx';
import { type FieldMessage, fieldErrorMessage } from '../../forms/field-message.ts';
import { SelectField, TextField } from '../../forms/fields.tsx';
import { ProblemText } from './admin-ui.tsx';
import { AuditDiffTable } from './audit-diff-table.tsx';
import {
  type ChosenOrganization,
  OrganizationName,
  OrganizationPicker,
} from './organization-picker.tsx';
import type { RoleChoices } from './role-choices.ts';

/** The words of the log's actions and kinds of records, as the server's modules declare them. */
type Words = ReadonlyMap<string, string>;
const noWords: Words = new Map();

function wordsOf(items: ReadonlyArray<{ code: string; label: string }>): Words {
  return new Map(items.map((item) => [item.code, item.label]));
}

/** The filters as they sit in the address: dates as days, read in the reader's time zone. */
type FilterForm = {
  who: string;
  action: string;
  type: string;
  entity: string;
  organization: string;
  from: string;
  to: string;
};

const isDay = /^\d{4}-\d{2}-\d{2}$/;

function readForm(params: URLSearchParams): FilterForm {
  return {
    who: params.get('who') ?? '',
    action: params.get('action') ?? '',
    type: params.get('type') ?? '',
    entity: params.get('entity') ?? '',
    organization: params.get('organization') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  };
}

/** A day's start in the reader's time zone, as an instant; `to` runs to the end of its day. */
export function dayStart(day: string, plusDays = 0): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date + plusDays).toISOString();
}

export function filtersFrom(form: FilterForm): AuditFilters {
  return {
    ...noAuditFilters,
    actorAccountId: form.who,
    action: form.action.trim(),
    entityType: form.type,
    entityId: form.entity.trim(),
    organizationId: form.organization,
    from: isDay.test(form.from) ? dayStart(form.from) : '',
    to: isDay.test(form.to) ? dayStart(form.to, 1) : '',
  };
}

export function AuditTab({ me, choices }: { me: Me; choices: RoleChoices }) {
  const { locale } = useIntl();
  const [params] = useSearchParams();
  const [, navigate] = useLocation();
  const applied = useMemo(() => readForm(params), [params]);
  // Without the accounts, the "who" list offers only "anyone"; the log itself still loads.
  const accountsQuery = useQuery({
    queryKey: ['accounts', 'accounts', 'all'],
    queryFn: ({ signal }) => listAccounts(signal),
    retry: false,
  });
  const accounts: AccountView[] = accountsQuery.data ?? [];
  // Worded in the language shown (every request asks for it): asked again when it changes.
  // Without the words, actions and records show their codes; the log itself still loads.
  const vocabularyQuery = useQuery({
    queryKey: ['audit', 'vocabulary', locale],
    queryFn: ({ signal }) => getAuditVocabulary(signal),
    retry: false,
  });
  const vocabulary = useMemo(
    () =>
      vocabularyQuery.data
        ? {
            actions: wordsOf(vocabularyQuery.data.actions),
            entityTypes: wordsOf(vocabularyQuery.data.entityTypes),
          }
        : { actions: noWords, entityTypes: noWords },
    [vocabularyQuery.data],
  );
  const log = useInfiniteQuery({
    queryKey: ['audit', 'entries', filtersFrom(applied)],
    queryFn: ({ pageParam, signal }) => findAuditEntries(filtersFrom(applied), pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: nextCursorOf,
  });
  const entries: AuditEntry[] | null = log.data
    ? log.data.pages.flatMap((page) => page.items)
    : null;
  const nextCursor = log.data?.pages.at(-1)?.nextCursor ?? null;
  const failure = log.error;
  const loadingMore = log.isFetchingNextPage;
  const organizations: 'any' | string[] = me.grants.some((grant) => grant.role === 'network-admin')
    ? 'any'
    : choices.organizations;

  const loadMore = () => {
    if (nextCursor) void log.fetchNextPage();
  };

  const apply = (form: FilterForm) => {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(form)) if (value) search.set(name, value);
    const query = search.toString();
    navigate(`/admin/audit${query ? `?${query}` : ''}`);
  };

  const problem = problemOf(failure);
  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title" className="visually-hidden">
        <FormattedMessage id="admin.tab.audit" />
      </h2>
      <p className="lead">
        <FormattedMessage
          id={
            organizations === 'any' ? 'admin.audit.introNetwork' : 'admin.audit.introOrganization'
          }
        />
      </p>
      <AuditFilterForm
        key={params.toString()}
        initial={applied}
        accounts={accounts}
        vocabulary={vocabulary}
        organizations={organizations}
        onApply={apply}
        fieldErrors={problem?.status === 400 ? (problem.errors ?? []) : []}
      />
      {failure ? (
        <div className="notice notice--error" role="alert">
          <p className="notice__title">
            <FormattedMessage id="admin.audit.failed" />
          </p>
          <ProblemText error={failure} />
        </div>
      ) : null}
      {entries === null ? (
        failure ? null : (
          <p role="status">
            <FormattedMessage id="admin.loading" />
          </p>
        )
      ) : (
        <>
          <p role="status" className="results__status">
            <FormattedMessage
              id={nextCursor ? 'admin.audit.shownMore' : 'admin.audit.shown'}
              values={{ count: entries.length }}
            />
          </p>
          {entries.length > 0 ? (
            <ol className="audit-list">
              {entries.map((entry) => (
                <AuditItem key={entry.id} entry={entry} vocabulary={vocabulary} />
              ))}
            </ol>
          ) : null}
          {nextCursor ? (
            <button
              type="button"
              className="button load-more"
              disabled={loadingMore}
              onClick={() => void loadMore()}
            >
              <FormattedMessage id="admin.audit.more" />
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}

function AuditFilterForm({
  initial,
  accounts,
  vocabulary,
  organizations,
  onApply,
  fieldErrors,
}: {
  initial: FilterForm;
  accounts: AccountView[];
  vocabulary: { actions: Words; entityTypes: Words };
  organizations: 'any' | string[];
  onApply: (form: FilterForm) => void;
  fieldErrors: FieldErrorEntry[];
}) {
  const intl = useIntl();
  const [form, setForm] = useState(initial);
  const [organization, setOrganization] = useState<ChosenOrganization>(
    initial.organization ? { id: initial.organization, name: '' } : null,
  );
  // A flag, not a message: the message is worded at render, in the language shown now.
  const [rangeError, setRangeError] = useState(false);
  const set = (name: keyof FilterForm) => (value: string) =>
    setForm((current) => ({ ...current, [name]: value }));
  const serverError = (pointer: string): FieldMessage | undefined => {
    const found = fieldErrors.find((error) => error.pointer === pointer);
    return found ? fieldErrorMessage(intl, found) : undefined;
  };

  // A name for an organization chosen from the address.
  useEffect(() => {
    if (organization && !organization.name) {
      organizationName(organization.id).then((name) => {
        if (name) setOrganization({ id: organization.id, name });
      });
    }
  }, [organization]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (form.from && form.to && form.to < form.from) {
      setRangeError(true);
      return;
    }
    setRangeError(false);
    onApply({ ...form, organization: organization?.id ?? '' });
  };

  const toError = rangeError
    ? intl.formatMessage({ id: 'admin.audit.error.range' })
    : serverError('/to');
  const summary = [
    ...(toError
      ? [{ id: 'audit-to', label: intl.formatMessage({ id: 'admin.audit.to' }), message: toError }]
      : []),
    ...(serverError('/from')
      ? [
          {
            id: 'audit-from',
            label: intl.formatMessage({ id: 'admin.audit.from' }),
            message: serverError('/from') as FieldMessage,
          },
        ]
      : []),
  ];

  return (
    <form
      className="audit-filters"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="audit-filters-title"
    >
      <h3 id="audit-filters-title" className="admin-heading">
        <FormattedMessage id="admin.audit.filters" />
      </h3>
      {summary.length > 0 ? (
        <ErrorSummary title={<FormattedMessage id="form.fixErrors" />} fieldErrors={summary} />
      ) : null}
      <div className="audit-filters__grid">
        <SelectField
          id="audit-who"
          label={<FormattedMessage id="admin.audit.who" />}
          value={form.who}
          onValueChange={set('who')}
          options={[
            { value: '', label: intl.formatMessage({ id: 'admin.audit.anyone' }) },
            ...accounts.map((account) => ({
              value: account.id,
              label: `${account.displayName} (${account.email})`,
            })),
            // Someone chosen from the address but not (or no longer) in the list.
            ...(form.who && !accounts.some((account) => account.id === form.who)
              ? [{ value: form.who, label: form.who }]
              : []),
          ]}
        />
        <SelectField
          id="audit-action"
          label={<FormattedMessage id="admin.audit.action" />}
          value={form.action}
          onValueChange={set('action')}
          options={[
            { value: '', label: intl.formatMessage({ id: 'admin.audit.anyAction' }) },
            ...[...vocabulary.actions].map(([value, label]) => ({ value, label })),
            ...(form.action && !vocabulary.actions.has(form.action)
              ? [{ value: form.action, label: form.action }]
              : []),
          ]}
        />
        <SelectField
          id="audit-type"
          label={<FormattedMessage id="admin.audit.entityType" />}
          value={form.type}
          onValueChange={set('type')}
          options={[
            { value: '', label: intl.formatMessage({ id: 'admin.audit.anyEntity' }) },
            ...[...vocabulary.entityTypes].map(([value, label]) => ({ value, label })),
            ...(form.type && !vocabulary.entityTypes.has(form.type)
              ? [{ value: form.type, label: form.type }]
              : []),
          ]}
        />
        <TextField
          id="audit-entity"
          label={<FormattedMessage id="admin.audit.entityId" />}
          hint={<FormattedMessage id="admin.audit.entityIdHint" />}
          value={form.entity}
          onValueChange={set('entity')}
          maxLength={100}
          spellCheck={false}
          error={serverError('/entityId')}
        />
        <OrganizationPicker
          id="audit-organization"
          label={<FormattedMessage id="admin.audit.organization" />}
          value={organization}
          onChange={setOrganization}
          organizations={organizations}
          optional
        />
        <div className="field-pair">
          <TextField
            id="audit-from"
            type="date"
            label={<FormattedMessage id="admin.audit.from" />}
            value={form.from}
            onValueChange={set('from')}
            error={serverError('/from')}
          />
          <TextField
            id="audit-to"
            type="date"
            label={<FormattedMessage id="admin.audit.to" />}
            value={form.to}
            onValueChange={set('to')}
            error={toError}
          />
        </div>
      </div>
      <div className="button-row">
        <button type="submit" className="button button--primary">
          <FormattedMessage id="admin.audit.apply" />
        </button>
        <Link href="/admin/audit" className="button">
          <FormattedMessage id="admin.audit.clear" />
        </Link>
      </div>
    </form>
  );
}

function AuditItem({
  entry,
  vocabulary,
}: {
  entry: AuditEntry;
  vocabulary: { actions: Words; entityTypes: Words };
}) {
  const [open, setOpen] = useState(false);
  const detailsId = `audit-entry-${entry.id}`;
  const action = vocabulary.actions.get(entry.action);
  const entity = vocabulary.entityTypes.get(entry.entityType);
  return (
    <li className="audit-entry">
      <button
        type="button"
        className="audit-entry__toggle"
        aria-expanded={open}
        aria-controls={detailsId}
        onClick={() => setOpen((value) => !value)}
      >
        <span className="audit-entry__action">
          {action ?? <span lang="en">{entry.action}</span>}
        </span>
        {entry.entityLabel ? (
          <span className="audit-entry__record">{entry.entityLabel}</span>
        ) : null}
        <span className="audit-entry__meta">
          <time dateTime={entry.at}>
            <FormattedDate value={entry.at} dateStyle="medium" />{' '}
            <FormattedTime value={entry.at} timeStyle="short" />
          </time>
          {' · '}
          <span lang="en">{entry.actorLabel}</span>
          {' · '}
          {entity ?? <span lang="en">{entry.entityType}</span>}
        </span>
      </button>
      <div id={detailsId} className="audit-entry__details" hidden={!open}>
        {open ? (
          <>
            <dl className="admin-facts">
              <div>
                <dt>
                  <FormattedMessage id="admin.audit.when" />
                </dt>
                <dd>
                  <FormattedDate value={entry.at} dateStyle="full" />{' '}
                  <FormattedTime value={entry.at} timeStyle="long" />
                </dd>
              </div>
              <div>
                <dt>
                  <FormattedMessage id="admin.audit.record" />
                </dt>
                <dd>
                  {entry.entityType === 'organization' ? (
                    <Link href={`/organizations/${entry.entityId}`}>
                      <OrganizationName id={entry.entityId} />
                    </Link>
                  ) : (
                    <code>{entry.entityId}</code>
                  )}{' '}
                  <Link
                    href={`/admin/audit?entity=${encodeURIComponent(entry.entityId)}`}
                    className="audit-entry__history"
                  >
                    <FormattedMessage id="admin.audit.recordHistory" />
                  </Link>
                </dd>
              </div>
              {entry.organizationId ? (
                <div>
                  <dt>
                    <FormattedMessage id="admin.audit.organization" />
                  </dt>
                  <dd>
                    <Link href={`/organizations/${entry.organizationId}`}>
                      <OrganizationName id={entry.organizationId} />
                    </Link>
                  </dd>
                </div>
              ) : null}
              {entry.requestId ? (
                <div>
                  <dt>
                    <FormattedMessage id="admin.audit.requestId" />
                  </dt>
                  <dd>
                    <code>{entry.requestId}</code>
                  </dd>
                </div>
              ) : null}
            </dl>
            <AuditDiffTable before={entry.before} after={entry.after} />
          </>
        ) : null}
      </div>
    </li>
  );
}
