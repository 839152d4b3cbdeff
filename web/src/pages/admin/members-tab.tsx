// An organization's members: people who need no login, with their phone (for the phone
// channel). Its admins and network staff list them, add one, and set or remove a phone. A phone
// typed without + is read as a number of the organization's country; the server stores E.164.
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import {
  addMember,
  findMembers,
  type MembershipKind,
  type MemberView,
  setPersonPhone,
} from '../../api/admin.ts';
import { organizationQueries } from '../../api/organizations.ts';
import { problemOf } from '../../api/problem.ts';
import { changeItems, nextCursorOf } from '../../data/query-client.ts';
import { ErrorSummary } from '../../forms/error-summary.tsx';
import { type FieldErrorText, fieldErrorMessage } from '../../forms/field-message.ts';
import { SelectField, TextField } from '../../forms/fields.tsx';
import { Notice, ProblemText } from './admin-ui.tsx';
import { type ChosenOrganization, OrganizationPicker } from './organization-picker.tsx';
import type { RoleChoices } from './role-choices.ts';

const kinds = [
  'worker-member',
  'farmer-member',
  'member',
  'employee',
] as const satisfies readonly MembershipKind[];

type Feedback = { kind: 'success' | 'error'; title: ReactNode; body?: ReactNode; key: number };

export function MembersTab({ choices }: { choices: RoleChoices }) {
  const [organization, setOrganization] = useState<ChosenOrganization>(null);
  const [feedback, setFeedbackState] = useState<Feedback | null>(null);
  const setFeedback = (next: Omit<Feedback, 'key'>) =>
    setFeedbackState({ ...next, key: Date.now() });
  const organizationId = organization?.id;
  const queryClient = useQueryClient();
  const queryKey = ['accounts', 'members', organizationId];
  const list = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) => findMembers(organizationId ?? '', pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: nextCursorOf,
    enabled: organizationId !== undefined,
  });
  const members = list.data ? list.data.pages.flatMap((page) => page.items) : null;
  const nextCursor = list.data?.pages.at(-1)?.nextCursor ?? null;
  const loadError = list.isError ? list.error : null;
  // A phone typed without + is read as a number of the organization's country.
  const { data: chosen } = useQuery({
    ...organizationQueries.profile(organizationId ?? ''),
    enabled: organizationId !== undefined,
  });
  const country = chosen?.country;

  /** Puts the member's new copy in the list, in place. */
  const replace = (changed: Partial<MemberView> & { personId: string }) =>
    changeItems<MemberView>(queryClient, queryKey, (items) =>
      items.map((entry) =>
        entry.personId === changed.personId ? { ...entry, ...changed } : entry,
      ),
    );

  return (
    <section aria-labelledby="members-title">
      <h2 id="members-title" className="visually-hidden">
        <FormattedMessage id="admin.tab.members" />
      </h2>
      <p className="lead">
        <FormattedMessage id="admin.members.intro" />
      </p>
      <OrganizationPicker
        id="members-organization"
        label={<FormattedMessage id="admin.members.organization" />}
        value={organization}
        onChange={setOrganization}
        organizations={choices.organizations}
      />
      {feedback ? (
        <Notice key={feedback.key} kind={feedback.kind} title={feedback.title}>
          {feedback.body}
        </Notice>
      ) : null}
      {organizationId ? (
        <>
          <AddMemberForm
            organizationId={organizationId}
            country={country}
            onAdded={(member) => {
              changeItems<MemberView>(queryClient, queryKey, (items, index, count) =>
                index === count - 1 ? [...items, member] : items,
              );
              setFeedback({
                kind: 'success',
                title: (
                  <FormattedMessage
                    id="admin.members.added"
                    values={{ name: member.displayName }}
                  />
                ),
              });
            }}
          />
          <h3 className="admin-heading">
            <FormattedMessage
              id="admin.members.listTitle"
              values={{ count: members?.length ?? 0 }}
            />
          </h3>
          {loadError ? (
            <Notice kind="error" title={<FormattedMessage id="admin.loadFailed" />}>
              <ProblemText error={loadError} />
              <button type="button" className="button" onClick={() => void list.refetch()}>
                <FormattedMessage id="admin.retry" />
              </button>
            </Notice>
          ) : members === null ? (
            <p role="status">
              <FormattedMessage id="admin.loading" />
            </p>
          ) : members.length === 0 ? (
            <p>
              <FormattedMessage id="admin.members.none" />
            </p>
          ) : (
            <ul className="admin-list">
              {members.map((member) => (
                <MemberItem
                  key={member.membershipId}
                  member={member}
                  country={country}
                  onSaved={(changed) => {
                    replace(changed);
                    setFeedback({
                      kind: 'success',
                      title: (
                        <FormattedMessage
                          id={
                            changed.phone
                              ? 'admin.members.phoneSaved'
                              : 'admin.members.phoneRemoved'
                          }
                          values={{ name: member.displayName }}
                        />
                      ),
                    });
                  }}
                  onStale={(current) => {
                    replace(current);
                    setFeedback({
                      kind: 'error',
                      title: (
                        <FormattedMessage
                          id="admin.members.phoneStale"
                          values={{ name: member.displayName }}
                        />
                      ),
                    });
                  }}
                />
              ))}
            </ul>
          )}
          {nextCursor ? (
            <button type="button" className="button" onClick={() => void list.fetchNextPage()}>
              <FormattedMessage id="admin.members.more" />
            </button>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function PhoneHint({ country }: { country: string | undefined }) {
  return country ? (
    <FormattedMessage id="admin.members.phoneHint" values={{ country }} />
  ) : (
    <FormattedMessage id="admin.members.phoneHintInternational" />
  );
}

/** The field errors of a refused request: those at `pointers` by field, the rest as messages. */
function errorsOf<Field extends string>(
  intl: ReturnType<typeof useIntl>,
  error: unknown,
  pointers: Record<string, Field>,
): { fields: Partial<Record<Field, FieldErrorText>>; other: FieldErrorText[] } {
  const problem = problemOf(error);
  const fields: Partial<Record<Field, FieldErrorText>> = {};
  const other: FieldErrorText[] = [];
  for (const entry of problem?.errors ?? []) {
    const field = pointers[entry.pointer];
    const message = fieldErrorMessage(intl, entry);
    if (field) fields[field] ??= message;
    else other.push(message);
  }
  if (Object.keys(fields).length === 0 && other.length === 0) {
    other.push(
      problem
        ? (problem.detail ?? problem.title)
        : { message: intl.formatMessage({ id: 'form.offline' }) },
    );
  }
  return { fields, other };
}

function AddMemberForm({
  organizationId,
  country,
  onAdded,
}: {
  organizationId: string;
  country: string | undefined;
  onAdded: (member: MemberView) => void;
}) {
  const intl = useIntl();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<MembershipKind>('worker-member');
  const [startedOn, setStartedOn] = useState('');
  const [phone, setPhone] = useState('');
  type Field = 'name' | 'startedOn' | 'phone';
  const [errors, setErrors] = useState<{
    fields: Partial<Record<Field, FieldErrorText>>;
    other: FieldErrorText[];
  }>({ fields: {}, other: [] });
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempt((count) => count + 1);
    const fields: Partial<Record<Field, FieldErrorText>> = {};
    if (!name.trim()) fields.name = intl.formatMessage({ id: 'admin.error.memberName' });
    if (!startedOn) fields.startedOn = intl.formatMessage({ id: 'admin.error.startedOn' });
    if (Object.keys(fields).length > 0) {
      setErrors({ fields, other: [] });
      return;
    }
    setBusy(true);
    try {
      const member = await addMember(organizationId, {
        displayName: name.trim(),
        kind,
        startedOn,
        ...(phone.trim() ? { phone: phone.trim() } : {}),
        ...(phone.trim() && country ? { defaultCountry: country } : {}),
      });
      setErrors({ fields: {}, other: [] });
      setName('');
      setPhone('');
      onAdded(member);
    } catch (error) {
      setErrors(
        errorsOf<Field>(intl, error, {
          '/person/displayName': 'name',
          '/membership/startedOn': 'startedOn',
          '/person/phone': 'phone',
        }),
      );
    } finally {
      setBusy(false);
    }
  };

  const labels: Record<Field, string> = {
    name: intl.formatMessage({ id: 'admin.members.name' }),
    startedOn: intl.formatMessage({ id: 'admin.members.startedOn' }),
    phone: intl.formatMessage({ id: 'admin.members.phone' }),
  };
  const fieldErrors = (Object.keys(labels) as Field[])
    .filter((field) => errors.fields[field])
    .map((field) => ({
      id: `member-${field}`,
      label: labels[field],
      message: errors.fields[field] as FieldErrorText,
    }));

  return (
    <form
      className="form admin-form"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="member-form-title"
    >
      <h3 id="member-form-title" className="admin-heading">
        <FormattedMessage id="admin.members.addTitle" />
      </h3>
      {fieldErrors.length > 0 || errors.other.length > 0 ? (
        <ErrorSummary
          key={attempt}
          title={<FormattedMessage id="form.fixErrors" />}
          fieldErrors={fieldErrors}
          messages={errors.other}
        />
      ) : null}
      <TextField
        id="member-name"
        label={labels.name}
        value={name}
        onValueChange={setName}
        maxLength={200}
        autoComplete="off"
        error={errors.fields.name}
      />
      <SelectField
        id="member-kind"
        label={<FormattedMessage id="admin.members.kind" />}
        value={kind}
        onValueChange={(value) =>
          setKind(kinds.find((entry) => entry === value) ?? 'worker-member')
        }
        options={kinds.map((entry) => ({
          value: entry,
          label: intl.formatMessage({ id: `admin.members.kind.${entry}` }),
        }))}
      />
      <TextField
        id="member-startedOn"
        type="date"
        label={labels.startedOn}
        value={startedOn}
        onValueChange={setStartedOn}
        error={errors.fields.startedOn}
      />
      <TextField
        id="member-phone"
        type="tel"
        inputMode="tel"
        autoComplete="off"
        label={labels.phone}
        hint={<PhoneHint country={country} />}
        value={phone}
        onValueChange={setPhone}
        maxLength={32}
        error={errors.fields.phone}
      />
      <button type="submit" className="button button--primary" disabled={busy}>
        <FormattedMessage id="admin.members.add" />
      </button>
    </form>
  );
}

function MemberItem({
  member,
  country,
  onSaved,
  onStale,
}: {
  member: MemberView;
  country: string | undefined;
  onSaved: (changed: { personId: string; phone: string | null; personVersion: number }) => void;
  onStale: (current: { personId: string; phone: string | null; personVersion: number }) => void;
}) {
  const intl = useIntl();
  const [editing, setEditing] = useState(false);
  const [phone, setPhone] = useState(member.phone ?? '');
  const [error, setError] = useState<FieldErrorText | undefined>(undefined);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fieldId = `member-phone-${member.membershipId}`;

  const save = async (next: string | null) => {
    setBusy(true);
    setError(undefined);
    setFailure(null);
    try {
      const person = await setPersonPhone(member.personId, {
        version: member.personVersion,
        phone: next,
        ...(next && country ? { defaultCountry: country } : {}),
      });
      setEditing(false);
      onSaved({ personId: person.id, phone: person.phone, personVersion: person.version });
    } catch (caught) {
      const problem = problemOf(caught);
      const current = problem?.status === 409 ? problem.current : undefined;
      if (current && typeof current === 'object' && 'version' in current) {
        const copy = current as { id: string; phone: string | null; version: number };
        setEditing(false);
        onStale({ personId: copy.id, phone: copy.phone, personVersion: copy.version });
        return;
      }
      const entry = problem?.errors?.find((candidate) => candidate.pointer === '/phone');
      if (entry) setError(fieldErrorMessage(intl, entry));
      else setFailure(caught);
    } finally {
      setBusy(false);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void save(phone.trim() ? phone.trim() : null);
  };

  return (
    <li className={member.endedOn ? 'admin-card admin-card--ended' : 'admin-card'}>
      <h4 className="admin-card__title">{member.displayName}</h4>
      <p>
        <FormattedMessage id={`admin.members.kind.${member.kind}`} />{' '}
        <FormattedMessage
          id="admin.members.since"
          values={{
            date: <FormattedDate value={`${member.startedOn}T00:00:00Z`} timeZone="UTC" />,
          }}
        />
      </p>
      <p>
        {member.phone ? (
          <a href={`tel:${member.phone}`} dir="ltr">
            {member.phone}
          </a>
        ) : (
          <FormattedMessage id="admin.members.noPhone" />
        )}
      </p>
      {failure ? (
        <Notice
          kind="error"
          title={
            <FormattedMessage
              id="admin.members.phoneFailed"
              values={{ name: member.displayName }}
            />
          }
        >
          <ProblemText error={failure} />
        </Notice>
      ) : null}
      {editing ? (
        <form className="form" onSubmit={onSubmit} noValidate>
          <TextField
            id={fieldId}
            type="tel"
            inputMode="tel"
            autoComplete="off"
            label={<FormattedMessage id="admin.members.phone" />}
            hint={<PhoneHint country={country} />}
            value={phone}
            onValueChange={setPhone}
            maxLength={32}
            error={error}
          />
          <div className="button-row">
            <button type="submit" className="button button--primary" disabled={busy}>
              <FormattedMessage id="admin.members.savePhone" />
            </button>
            <button type="button" className="button" onClick={() => setEditing(false)}>
              <FormattedMessage id="admin.cancel" />
            </button>
          </div>
        </form>
      ) : (
        <div className="button-row">
          <button
            type="button"
            className="button"
            onClick={() => {
              setPhone(member.phone ?? '');
              setError(undefined);
              setEditing(true);
            }}
          >
            <FormattedMessage id="admin.members.editPhone" />
          </button>
          {member.phone ? (
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => void save(null)}
            >
              <FormattedMessage id="admin.members.removePhone" />
            </button>
          ) : null}
        </div>
      )}
    </li>
  );
}
