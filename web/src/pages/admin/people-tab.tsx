// People and their roles: invite someone, see and withdraw pending invitations, give, change and
// take back roles, find people by name or email a page at a time. Network admins see every
// account; an organization's admins the accounts with a role in their organizations (the server
// decides which, and which roles show). Only network admins disable and enable accounts: an
// account is a person's one login across the network, so no single organization decides it.
import { type FormEvent, type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { FormattedDate, FormattedMessage, useIntl } from 'react-intl';
import {
  type AccountView,
  changeRole,
  findAccounts,
  type Grant,
  grantRole,
  type InvitationView,
  invite,
  listInvitations,
  organizationName,
  revokeInvitation,
  revokeRole,
  setAccountEnabled,
} from '../../api/admin.ts';
import type { Me } from '../../api/auth.ts';
import { isStillInProgress, problemOf } from '../../api/problem.ts';
import { ErrorSummary } from '../../forms/error-summary.tsx';
import type { FieldErrorText } from '../../forms/field-message.ts';
import { SelectField, TextField } from '../../forms/fields.tsx';
import { inputProblem, useSchemas } from '../../forms/input-check.ts';
import { useSubmissionKeys } from '../../forms/use-submission-keys.ts';
import { isLocale, localeNames, locales } from '../../i18n/locales.ts';
import { ConfirmPanel, GrantLabel, GrantText, Notice, ProblemText } from './admin-ui.tsx';
import { mayHandOut, type RoleChoices } from './role-choices.ts';
import {
  checkRoleDraft,
  grantFromDraft,
  type RoleDraft,
  type RoleErrors,
  RoleFields,
  roleErrorsFrom,
  roleFieldIds,
} from './role-fields.tsx';

type Feedback = { kind: 'success' | 'error'; title: ReactNode; body?: ReactNode; key: number };

// The server's own schemas, loaded as this tab opens rather than with the app's first chunk.
const loadSchemas = () => import('../../../../src/modules/accounts/schemas.ts');

const emptyDraft: RoleDraft = { role: '', organization: null };

function focusSoon(id: string) {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}

/** Accounts fetched a page at a time. */
export const accountPageSize = 50;

type AccountsState = {
  items: AccountView[];
  nextCursor: string | null;
  /** The search these accounts answer ('' for everyone). */
  query: string;
};

export function PeopleTab({ me, choices }: { me: Me; choices: RoleChoices }) {
  const [accounts, setAccounts] = useState<AccountsState | null>(null);
  const [invitations, setInvitations] = useState<InvitationView[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [moreError, setMoreError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [searching, setSearching] = useState(false);
  const [search, setSearch] = useState('');
  const [feedback, setFeedbackState] = useState<Feedback | null>(null);
  const setFeedback = (next: Omit<Feedback, 'key'>) =>
    setFeedbackState({ ...next, key: Date.now() });
  const current = useRef<AccountsState | null>(null);
  current.current = accounts;
  const networkAdmin = me.grants.some((grant) => grant.role === 'network-admin');

  /**
   * Loads the first page of a search, or reloads after a change as many accounts as are shown,
   * so that the person acted on stays in view.
   */
  const loadAccounts = useCallback(async (query: string, signal?: AbortSignal) => {
    const shown = current.current?.query === query ? current.current.items.length : 0;
    const page = await findAccounts(
      { q: query || undefined, limit: Math.min(1000, Math.max(accountPageSize, shown)) },
      signal,
    );
    if (signal?.aborted) return;
    setAccounts({ items: page.items, nextCursor: page.nextCursor, query });
    setMoreError(null);
  }, []);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      try {
        await Promise.all([
          loadAccounts(current.current?.query ?? '', signal),
          listInvitations(signal).then((pending) => {
            if (!signal?.aborted) setInvitations(pending);
          }),
        ]);
        if (!signal?.aborted) setLoadError(null);
      } catch (error) {
        if (!signal?.aborted) setLoadError(error);
      }
    },
    [loadAccounts],
  );

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  const runSearch = async (query: string) => {
    setSearching(true);
    try {
      await loadAccounts(query);
      setLoadError(null);
    } catch (error) {
      setLoadError(error);
    } finally {
      setSearching(false);
    }
  };

  const showMore = async () => {
    if (!accounts?.nextCursor) return;
    setLoadingMore(true);
    try {
      const page = await findAccounts({
        q: accounts.query || undefined,
        cursor: accounts.nextCursor,
        limit: accountPageSize,
      });
      setAccounts({
        items: [...accounts.items, ...page.items],
        nextCursor: page.nextCursor,
        query: accounts.query,
      });
      setMoreError(null);
      // Keyboard users continue from the first person just shown.
      const first = page.items[0];
      if (first) focusSoon(`account-${first.id}`);
      else focusSoon('people-heading');
    } catch (error) {
      setMoreError(error);
    } finally {
      setLoadingMore(false);
    }
  };

  const pending = invitations?.filter((invitation) => invitation.status === 'pending') ?? [];
  const applied = accounts?.query ?? '';

  return (
    <section aria-labelledby="people-title">
      <h2 id="people-title" className="visually-hidden">
        <FormattedMessage id="admin.tab.people" />
      </h2>
      <p className="lead">
        <FormattedMessage
          id={
            choices.organizations === 'any'
              ? 'admin.people.introNetwork'
              : 'admin.people.introOrganization'
          }
        />
      </p>
      {feedback ? (
        <Notice key={feedback.key} kind={feedback.kind} title={feedback.title}>
          {feedback.body}
        </Notice>
      ) : null}

      <InviteForm
        choices={choices}
        onInvited={async (invitation) => {
          setFeedback({
            kind: 'success',
            title: <FormattedMessage id="admin.invite.sent" values={{ email: invitation.email }} />,
          });
          await load();
        }}
      />

      <h3 className="admin-heading">
        <FormattedMessage id="admin.invitations.title" values={{ count: pending.length }} />
      </h3>
      {loadError ? (
        <Notice kind="error" title={<FormattedMessage id="admin.loadFailed" />}>
          <ProblemText error={loadError} />
          <button type="button" className="button" onClick={() => void load()}>
            <FormattedMessage id="admin.retry" />
          </button>
        </Notice>
      ) : invitations === null ? (
        <p role="status">
          <FormattedMessage id="admin.loading" />
        </p>
      ) : pending.length === 0 ? (
        <p>
          <FormattedMessage id="admin.invitations.none" />
        </p>
      ) : (
        <ul className="admin-list">
          {pending.map((invitation) => (
            <InvitationItem
              key={invitation.id}
              invitation={invitation}
              onRevoked={async () => {
                setFeedback({
                  kind: 'success',
                  title: (
                    <FormattedMessage
                      id="admin.invitations.revoked"
                      values={{ email: invitation.email }}
                    />
                  ),
                });
                await load();
              }}
              onFailed={(error) =>
                setFeedback({
                  kind: 'error',
                  title: <FormattedMessage id="admin.invitations.revokeFailed" />,
                  body: <ProblemText error={error} />,
                })
              }
            />
          ))}
        </ul>
      )}

      <h3 id="people-heading" className="admin-heading" tabIndex={-1}>
        <FormattedMessage id="admin.accounts.heading" />
      </h3>
      <p className="field__hint">
        <FormattedMessage
          id={networkAdmin ? 'admin.accounts.disableNoteAdmin' : 'admin.accounts.disableNote'}
        />
      </p>
      <form
        className="admin-search"
        onSubmit={(event) => {
          event.preventDefault();
          void runSearch(search.trim());
        }}
      >
        <TextField
          id="people-search"
          type="search"
          label={<FormattedMessage id="admin.accounts.search" />}
          value={search}
          onValueChange={setSearch}
          autoComplete="off"
        />
        <div className="button-row">
          <button type="submit" className="button" disabled={searching}>
            <FormattedMessage id="admin.accounts.searchSubmit" />
          </button>
          {applied ? (
            <button
              type="button"
              className="button"
              disabled={searching}
              onClick={() => {
                setSearch('');
                void runSearch('');
                focusSoon('people-search');
              }}
            >
              <FormattedMessage id="admin.accounts.showEveryone" />
            </button>
          ) : null}
        </div>
      </form>
      {accounts === null ? (
        loadError ? null : (
          <p role="status">
            <FormattedMessage id="admin.loading" />
          </p>
        )
      ) : (
        <>
          <p role="status" className="results__status">
            {searching ? (
              <FormattedMessage id="admin.loading" />
            ) : (
              <FormattedMessage
                id={
                  applied
                    ? accounts.nextCursor
                      ? 'admin.accounts.matchingFirst'
                      : 'admin.accounts.matchingAll'
                    : accounts.nextCursor
                      ? 'admin.accounts.shownFirst'
                      : 'admin.accounts.shownAll'
                }
                values={{ count: accounts.items.length, query: applied }}
              />
            )}
          </p>
          <ul className="admin-list">
            {accounts.items.map((account) => (
              <AccountItem
                key={account.id}
                account={account}
                isMe={account.id === me.accountId}
                mayDisable={networkAdmin && account.id !== me.accountId}
                choices={choices}
                onFeedback={setFeedback}
                onChanged={() => load()}
              />
            ))}
          </ul>
          {moreError ? (
            <Notice kind="error" title={<FormattedMessage id="admin.accounts.moreFailed" />}>
              <ProblemText error={moreError} />
            </Notice>
          ) : null}
          {accounts.nextCursor ? (
            <button
              type="button"
              className="button"
              disabled={loadingMore}
              onClick={() => void showMore()}
            >
              {loadingMore ? (
                <FormattedMessage id="admin.loading" />
              ) : (
                <FormattedMessage id="admin.accounts.showMore" />
              )}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}

function InviteForm({
  choices,
  onInvited,
}: {
  choices: RoleChoices;
  onInvited: (invitation: InvitationView) => Promise<void>;
}) {
  const intl = useIntl();
  const [email, setEmail] = useState('');
  const [draft, setDraft] = useState<RoleDraft>(emptyDraft);
  // The invitation's mail, and the new account, in the language shown unless another is chosen.
  const [language, setLanguage] = useState<string>(isLocale(intl.locale) ? intl.locale : 'en');
  const [errors, setErrors] = useState<{
    email?: FieldErrorText;
    role: RoleErrors;
    other: FieldErrorText[];
  }>({
    role: {},
    other: [],
  });
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const ids = roleFieldIds('invite');
  const keys = useSubmissionKeys();
  const schemas = useSchemas(loadSchemas);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempt((count) => count + 1);
    const role = checkRoleDraft(draft, {
      chooseRole: intl.formatMessage({ id: 'admin.error.chooseRole' }),
      chooseOrganization: intl.formatMessage({ id: 'admin.error.chooseOrganization' }),
    });
    // The email and language with the server's own schema (roles are checked by the server,
    // which alone knows the roles its modules declare), all in one round before sending.
    const checked = await schemas();
    const refused = checked
      ? roleErrorsFrom(
          inputProblem(checked.InviteInput.pick({ email: true, language: true }), {
            email: email.trim(),
            language,
          }),
          intl,
        )
      : null;
    const emailError = /^\S+@\S+\.\S+$/.test(email.trim())
      ? refused?.email
      : intl.formatMessage({ id: 'admin.error.email' });
    const otherErrors = refused?.other ?? [];
    if (emailError || role.role || role.organization || otherErrors.length > 0) {
      setErrors({ email: emailError, role, other: otherErrors });
      return;
    }
    setBusy(true);
    try {
      const invitation = await invite(email.trim(), [grantFromDraft(draft)], language, keys);
      setErrors({ role: {}, other: [] });
      setEmail('');
      setDraft(emptyDraft);
      await onInvited(invitation);
    } catch (error) {
      const problem = problemOf(error);
      const found = roleErrorsFrom(problem, intl);
      const other = found.other;
      if (!found.email && !found.role.role && !found.role.organization && other.length === 0) {
        other.push(
          isStillInProgress(problem)
            ? { message: intl.formatMessage({ id: 'form.stillInProgress' }) }
            : problem?.status === 409
              ? { message: intl.formatMessage({ id: 'admin.invite.exists' }) }
              : problem
                ? (problem.detail ?? problem.title)
                : { message: intl.formatMessage({ id: 'form.offline' }) },
        );
        if (problem?.status === 409 && problem.detail) other.push(problem.detail);
      }
      setErrors({ email: found.email, role: found.role, other });
    } finally {
      setBusy(false);
    }
  };

  const fieldErrors = [
    errors.email
      ? {
          id: 'invite-email',
          label: intl.formatMessage({ id: 'admin.email' }),
          message: errors.email,
        }
      : null,
    errors.role.role
      ? {
          id: ids.role,
          label: intl.formatMessage({ id: 'admin.role' }),
          message: errors.role.role,
        }
      : null,
    errors.role.organization
      ? {
          id: ids.organization,
          label: intl.formatMessage({ id: 'admin.roleOrganization' }),
          message: errors.role.organization,
        }
      : null,
  ].filter((entry) => entry !== null);

  return (
    <form className="form admin-form" onSubmit={onSubmit} noValidate aria-labelledby="invite-title">
      <h3 id="invite-title" className="admin-heading">
        <FormattedMessage id="admin.invite.title" />
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
        id="invite-email"
        label={<FormattedMessage id="admin.email" />}
        hint={<FormattedMessage id="admin.invite.emailHint" />}
        type="email"
        autoComplete="off"
        value={email}
        onValueChange={setEmail}
        error={errors.email}
      />
      <RoleFields
        idPrefix="invite"
        choices={choices}
        draft={draft}
        onChange={setDraft}
        errors={errors.role}
      />
      <SelectField
        id="invite-language"
        label={<FormattedMessage id="admin.invite.language" />}
        hint={<FormattedMessage id="admin.invite.languageHint" />}
        value={language}
        onValueChange={setLanguage}
        options={locales.map((code) => ({ value: code, label: localeNames[code] }))}
      />
      <button type="submit" className="button button--primary" disabled={busy}>
        <FormattedMessage id="admin.invite.submit" />
      </button>
    </form>
  );
}

function InvitationItem({
  invitation,
  onRevoked,
  onFailed,
}: {
  invitation: InvitationView;
  onRevoked: () => Promise<void>;
  onFailed: (error: unknown) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const buttonId = `revoke-invitation-${invitation.id}`;
  return (
    <li className="admin-card">
      <p className="admin-card__title">{invitation.email}</p>
      <ul className="plain-list">
        {invitation.roles.map((grant) => (
          <li key={`${grant.role}-${grant.scopeId ?? 'network'}`}>
            <GrantLabel grant={grant} />
          </li>
        ))}
      </ul>
      <p className="field__hint">
        <FormattedMessage
          id="admin.invitations.expires"
          values={{ date: <FormattedDate value={invitation.expiresAt} dateStyle="medium" /> }}
        />
      </p>
      {confirming ? (
        <ConfirmPanel
          question={
            <FormattedMessage
              id="admin.invitations.confirmRevoke"
              values={{ email: invitation.email }}
            />
          }
          confirmLabel={<FormattedMessage id="admin.invitations.revoke" />}
          busy={busy}
          onCancel={() => {
            setConfirming(false);
            focusSoon(buttonId);
          }}
          onConfirm={async () => {
            setBusy(true);
            try {
              await revokeInvitation(invitation.id);
              await onRevoked();
            } catch (error) {
              setBusy(false);
              setConfirming(false);
              onFailed(error);
            }
          }}
        />
      ) : (
        <button
          id={buttonId}
          type="button"
          className="button button--small"
          onClick={() => setConfirming(true)}
        >
          <FormattedMessage id="admin.invitations.revoke" />
        </button>
      )}
    </li>
  );
}

type Pending =
  | { kind: 'none' }
  | { kind: 'give' }
  | { kind: 'change'; grant: Grant }
  | { kind: 'revoke'; grant: Grant }
  | { kind: 'status' };

function AccountItem({
  account,
  isMe,
  mayDisable,
  choices,
  onFeedback,
  onChanged,
}: {
  account: AccountView;
  isMe: boolean;
  /** Network admins disable and enable others' accounts; nobody their own. */
  mayDisable: boolean;
  choices: RoleChoices;
  onFeedback: (feedback: Omit<Feedback, 'key'>) => void;
  onChanged: () => Promise<void>;
}) {
  const [pending, setPending] = useState<Pending>({ kind: 'none' });
  const [busy, setBusy] = useState(false);
  const person = account.displayName;
  const disabled = account.status === 'disabled';
  const statusButtonId = `status-${account.id}`;

  const switchStatus = async () => {
    setBusy(true);
    try {
      await setAccountEnabled(account.id, disabled);
      setPending({ kind: 'none' });
      onFeedback({
        kind: 'success',
        title: (
          <FormattedMessage
            id={disabled ? 'admin.accounts.enabledDone' : 'admin.accounts.disabledDone'}
            values={{ person }}
          />
        ),
      });
      await onChanged();
    } catch (error) {
      setPending({ kind: 'none' });
      onFeedback({
        kind: 'error',
        title: <FormattedMessage id="admin.accounts.statusFailed" values={{ person }} />,
        body: <ProblemText error={error} />,
      });
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (grant: Grant) => {
    setBusy(true);
    try {
      await revokeRole(account.id, grant.id);
      setPending({ kind: 'none' });
      onFeedback({
        kind: 'success',
        title: (
          <FormattedMessage
            id="admin.roles.revoked"
            values={{ person, role: <GrantText grant={grant} /> }}
          />
        ),
      });
      await onChanged();
    } catch (error) {
      setPending({ kind: 'none' });
      onFeedback({
        kind: 'error',
        title: <FormattedMessage id="admin.roles.revokeFailed" values={{ person }} />,
        body: <ProblemText error={error} />,
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className={disabled ? 'admin-card admin-card--disabled' : 'admin-card'}>
      <h4 id={`account-${account.id}`} className="admin-card__title" tabIndex={-1}>
        {person}
        {isMe ? (
          <>
            {' '}
            <span className="tag">
              <FormattedMessage id="admin.accounts.you" />
            </span>
          </>
        ) : null}
        {account.status === 'disabled' ? (
          <>
            {' '}
            <span className="tag">
              <FormattedMessage id="admin.accounts.disabled" />
            </span>
          </>
        ) : null}
      </h4>
      <p className="admin-card__detail">{account.email}</p>
      <p className="admin-card__detail">
        <FormattedMessage id="admin.accounts.status" values={{ status: account.status }} />
      </p>
      {pending.kind === 'status' ? (
        <ConfirmPanel
          question={
            <FormattedMessage
              id={disabled ? 'admin.accounts.confirmEnable' : 'admin.accounts.confirmDisable'}
              values={{ person, email: account.email }}
            />
          }
          confirmLabel={
            <FormattedMessage
              id={disabled ? 'admin.accounts.enableConfirm' : 'admin.accounts.disableConfirm'}
            />
          }
          busy={busy}
          onConfirm={() => void switchStatus()}
          onCancel={() => {
            setPending({ kind: 'none' });
            focusSoon(statusButtonId);
          }}
        />
      ) : null}
      {account.grants.length === 0 ? (
        <p>
          <FormattedMessage id="admin.accounts.noRoles" />
        </p>
      ) : (
        <ul className="admin-grants">
          {account.grants.map((grant) => {
            const mayAct = mayHandOut(choices, grant);
            return (
              <li key={grant.id} className="admin-grant">
                <span className="admin-grant__label">
                  <GrantLabel grant={grant} />
                </span>
                {mayAct && pending.kind === 'none' ? (
                  <span className="admin-grant__actions">
                    <button
                      id={`change-${grant.id}`}
                      type="button"
                      className="button button--small"
                      onClick={() => setPending({ kind: 'change', grant })}
                    >
                      <FormattedMessage id="admin.roles.change" />
                      <span className="visually-hidden">
                        {' '}
                        <FormattedMessage
                          id="admin.roles.ofPerson"
                          values={{ person, role: <GrantText grant={grant} /> }}
                        />
                      </span>
                    </button>
                    <button
                      id={`revoke-${grant.id}`}
                      type="button"
                      className="button button--small"
                      onClick={() => setPending({ kind: 'revoke', grant })}
                    >
                      <FormattedMessage id="admin.roles.revoke" />
                      <span className="visually-hidden">
                        {' '}
                        <FormattedMessage
                          id="admin.roles.ofPerson"
                          values={{ person, role: <GrantText grant={grant} /> }}
                        />
                      </span>
                    </button>
                  </span>
                ) : null}
                {pending.kind === 'revoke' && pending.grant.id === grant.id ? (
                  <ConfirmPanel
                    question={
                      <FormattedMessage
                        id="admin.roles.confirmRevoke"
                        values={{ person, email: account.email, role: <GrantText grant={grant} /> }}
                      />
                    }
                    confirmLabel={<FormattedMessage id="admin.roles.revokeConfirm" />}
                    busy={busy}
                    onConfirm={() => void revoke(grant)}
                    onCancel={() => {
                      setPending({ kind: 'none' });
                      focusSoon(`revoke-${grant.id}`);
                    }}
                  />
                ) : null}
                {pending.kind === 'change' && pending.grant.id === grant.id ? (
                  <GrantForm
                    idPrefix={`change-${grant.id}`}
                    account={account}
                    choices={choices}
                    replacing={grant}
                    onDone={async (feedback) => {
                      setPending({ kind: 'none' });
                      onFeedback(feedback);
                      await onChanged();
                    }}
                    onCancel={() => {
                      setPending({ kind: 'none' });
                      focusSoon(`change-${grant.id}`);
                    }}
                  />
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {pending.kind === 'give' ? (
        <GrantForm
          idPrefix={`give-${account.id}`}
          account={account}
          choices={choices}
          replacing={null}
          onDone={async (feedback) => {
            setPending({ kind: 'none' });
            onFeedback(feedback);
            await onChanged();
          }}
          onCancel={() => {
            setPending({ kind: 'none' });
            focusSoon(`give-${account.id}-open`);
          }}
        />
      ) : pending.kind === 'none' ? (
        <div className="button-row">
          <button
            id={`give-${account.id}-open`}
            type="button"
            className="button button--small"
            onClick={() => setPending({ kind: 'give' })}
          >
            <FormattedMessage id="admin.roles.give" />
            <span className="visually-hidden">
              {' '}
              <FormattedMessage id="admin.roles.toPerson" values={{ person }} />
            </span>
          </button>
          {mayDisable ? (
            <button
              id={statusButtonId}
              type="button"
              className="button button--small"
              onClick={() => setPending({ kind: 'status' })}
            >
              <FormattedMessage
                id={disabled ? 'admin.accounts.enable' : 'admin.accounts.disable'}
                values={{ person }}
              />
            </button>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

/**
 * Gives a role, or changes one. A change is one request: the old role is replaced by the new one
 * at once. If someone else took back or changed that role meanwhile, the server answers 409 and
 * the list is reloaded to show the roles as they are.
 */
function GrantForm({
  idPrefix,
  account,
  choices,
  replacing,
  onDone,
  onCancel,
}: {
  idPrefix: string;
  account: AccountView;
  choices: RoleChoices;
  replacing: Grant | null;
  onDone: (feedback: Omit<Feedback, 'key'>) => Promise<void>;
  onCancel: () => void;
}) {
  const intl = useIntl();
  const [draft, setDraft] = useState<RoleDraft>(
    replacing?.scopeType === 'organization' && replacing.scopeId
      ? { role: '', organization: { id: replacing.scopeId, name: '' } }
      : emptyDraft,
  );
  const [errors, setErrors] = useState<{ role: RoleErrors; other: FieldErrorText[] }>({
    role: {},
    other: [],
  });
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const ids = roleFieldIds(idPrefix);
  const person = account.displayName;

  // The organization kept from the role being changed shows its name once known.
  useEffect(() => {
    const chosen = draft.organization;
    if (chosen && !chosen.name) {
      organizationName(chosen.id).then((name) => {
        if (name)
          setDraft((current) =>
            current.organization?.id === chosen.id
              ? { ...current, organization: { id: chosen.id, name } }
              : current,
          );
      });
    }
  }, [draft.organization]);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempt((count) => count + 1);
    const role = checkRoleDraft(draft, {
      chooseRole: intl.formatMessage({ id: 'admin.error.chooseRole' }),
      chooseOrganization: intl.formatMessage({ id: 'admin.error.chooseOrganization' }),
    });
    const input = role.role || role.organization ? null : grantFromDraft(draft);
    const grant = input ? { ...input, scopeId: input.scopeId ?? null } : null;
    const held = grant
      ? account.grants.find(
          (existing) =>
            existing.role === grant.role &&
            existing.scopeType === grant.scopeType &&
            existing.scopeId === (grant.scopeId ?? null),
        )
      : undefined;
    if (held) role.role = intl.formatMessage({ id: 'admin.error.alreadyHeld' });
    if (!grant || role.role || role.organization) {
      setErrors({ role, other: [] });
      return;
    }
    setBusy(true);
    try {
      if (replacing) await changeRole(account.id, replacing.id, grant);
      else await grantRole(account.id, grant);
    } catch (error) {
      const problem = problemOf(error);
      if (replacing && problem?.status === 409) {
        await onDone({
          kind: 'error',
          title: (
            <FormattedMessage
              id="admin.roles.changeConflict"
              values={{ person, role: <GrantText grant={replacing} /> }}
            />
          ),
        });
        return;
      }
      const found = roleErrorsFrom(problem, intl);
      const other = found.other;
      if (!found.role.role && !found.role.organization && other.length === 0)
        other.push(
          problem
            ? (problem.detail ?? problem.title)
            : { message: intl.formatMessage({ id: 'form.offline' }) },
        );
      setErrors({ role: found.role, other });
      setBusy(false);
      return;
    }
    await onDone({
      kind: 'success',
      title: replacing ? (
        <FormattedMessage
          id="admin.roles.changed"
          values={{
            person,
            from: <GrantText grant={replacing} />,
            to: <GrantText grant={grant} />,
          }}
        />
      ) : (
        <FormattedMessage
          id="admin.roles.given"
          values={{ person, role: <GrantText grant={grant} /> }}
        />
      ),
    });
  };

  const fieldErrors = [
    errors.role.role
      ? { id: ids.role, label: intl.formatMessage({ id: 'admin.role' }), message: errors.role.role }
      : null,
    errors.role.organization
      ? {
          id: ids.organization,
          label: intl.formatMessage({ id: 'admin.roleOrganization' }),
          message: errors.role.organization,
        }
      : null,
  ].filter((entry) => entry !== null);

  return (
    <form
      className="form admin-subform"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby={`${idPrefix}-title`}
    >
      <p id={`${idPrefix}-title`} className="admin-subform__title">
        {replacing ? (
          <FormattedMessage
            id="admin.roles.changeTitle"
            values={{ person, role: <GrantText grant={replacing} /> }}
          />
        ) : (
          <FormattedMessage id="admin.roles.giveTitle" values={{ person }} />
        )}
      </p>
      {fieldErrors.length > 0 || errors.other.length > 0 ? (
        <ErrorSummary
          key={attempt}
          title={<FormattedMessage id="form.fixErrors" />}
          fieldErrors={fieldErrors}
          messages={errors.other}
        />
      ) : (
        <AutoFocus id={ids.role} />
      )}
      <RoleFields
        idPrefix={idPrefix}
        choices={choices}
        draft={draft}
        onChange={setDraft}
        errors={errors.role}
      />
      {replacing ? (
        <p className="field__hint">
          <FormattedMessage id="admin.roles.changeHint" />
        </p>
      ) : null}
      <div className="button-row">
        <button type="submit" className="button button--primary" disabled={busy}>
          <FormattedMessage
            id={replacing ? 'admin.roles.changeSubmit' : 'admin.roles.giveSubmit'}
          />
        </button>
        <button type="button" className="button" disabled={busy} onClick={onCancel}>
          <FormattedMessage id="admin.cancel" />
        </button>
      </div>
    </form>
  );
}

/** Moves focus to a field when a form opens in place. */
function AutoFocus({ id }: { id: string }) {
  useEffect(() => {
    focusSoon(id);
  }, [id]);
  return null;
}
