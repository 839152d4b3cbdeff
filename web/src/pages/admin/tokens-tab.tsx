// API tokens for machine clients: each acts for one organization, to read or to write. A new
// token is shown once, here, and never again: the server keeps only its hash.
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import {
  type ApiTokenView,
  createToken,
  listTokens,
  type NewApiToken,
  revokeToken,
} from '../../api/admin.ts';
import type { Me } from '../../api/auth.ts';
import { problemOf } from '../../api/problem.ts';
import { ErrorSummary } from '../../forms/error-summary.tsx';
import { type FieldErrorText, fieldErrorMessage } from '../../forms/field-message.ts';
import { SelectField, TextField } from '../../forms/fields.tsx';
import { ConfirmPanel, Notice, ProblemText, When } from './admin-ui.tsx';
import {
  type ChosenOrganization,
  OrganizationName,
  OrganizationPicker,
} from './organization-picker.tsx';
import type { RoleChoices } from './role-choices.ts';

type Feedback = { kind: 'success' | 'error'; title: ReactNode; body?: ReactNode; key: number };

export function TokensTab({ me, choices }: { me: Me; choices: RoleChoices }) {
  const list = useQuery({
    queryKey: ['accounts', 'tokens'],
    queryFn: ({ signal }) => listTokens(signal),
  });
  const tokens: ApiTokenView[] | null = list.data ?? null;
  const loadError = list.error;
  const load = () => list.refetch();
  const [created, setCreated] = useState<NewApiToken | null>(null);
  const [feedback, setFeedbackState] = useState<Feedback | null>(null);
  const setFeedback = (next: Omit<Feedback, 'key'>) =>
    setFeedbackState({ ...next, key: Date.now() });
  // Network admins and organization admins make tokens; network staff have no organization of
  // their own to give a token to, unless they also administer one.
  const mayCreate =
    me.grants.some((grant) => grant.role === 'network-admin') ||
    me.grants.some((grant) => grant.role === 'organization-admin');
  const tokenOrganizations: 'any' | string[] = me.grants.some(
    (grant) => grant.role === 'network-admin',
  )
    ? 'any'
    : me.grants
        .filter((grant) => grant.role === 'organization-admin' && grant.scopeId)
        .map((grant) => grant.scopeId as string);

  return (
    <section aria-labelledby="tokens-title">
      <h2 id="tokens-title" className="visually-hidden">
        <FormattedMessage id="admin.tab.tokens" />
      </h2>
      <p className="lead">
        <FormattedMessage
          id={
            choices.organizations === 'any' && tokenOrganizations === 'any'
              ? 'admin.tokens.introNetwork'
              : 'admin.tokens.intro'
          }
        />
      </p>
      {created ? <CreatedToken token={created} onDone={() => setCreated(null)} /> : null}
      {feedback ? (
        <Notice key={feedback.key} kind={feedback.kind} title={feedback.title}>
          {feedback.body}
        </Notice>
      ) : null}
      {mayCreate && !created ? (
        <CreateTokenForm
          organizations={tokenOrganizations}
          onCreated={async (token) => {
            setFeedbackState(null);
            setCreated(token);
            await load();
          }}
        />
      ) : null}

      <h3 className="admin-heading">
        <FormattedMessage id="admin.tokens.listTitle" values={{ count: tokens?.length ?? 0 }} />
      </h3>
      {loadError ? (
        <Notice kind="error" title={<FormattedMessage id="admin.loadFailed" />}>
          <ProblemText error={loadError} />
          <button type="button" className="button" onClick={() => void load()}>
            <FormattedMessage id="admin.retry" />
          </button>
        </Notice>
      ) : tokens === null ? (
        <p role="status">
          <FormattedMessage id="admin.loading" />
        </p>
      ) : tokens.length === 0 ? (
        <p>
          <FormattedMessage id="admin.tokens.none" />
        </p>
      ) : (
        <ul className="admin-list">
          {tokens.map((token) => (
            <TokenItem
              key={token.id}
              token={token}
              onRevoked={async () => {
                setFeedback({
                  kind: 'success',
                  title: (
                    <FormattedMessage id="admin.tokens.revoked" values={{ name: token.name }} />
                  ),
                });
                await load();
              }}
              onFailed={(error) =>
                setFeedback({
                  kind: 'error',
                  title: (
                    <FormattedMessage
                      id="admin.tokens.revokeFailed"
                      values={{ name: token.name }}
                    />
                  ),
                  body: <ProblemText error={error} />,
                })
              }
            />
          ))}
        </ul>
      )}
    </section>
  );
}

/** The new token, once: a warning, the token to select or copy, and a way to finish. */
export function CreatedToken({ token, onDone }: { token: NewApiToken; onDone: () => void }) {
  const intl = useIntl();
  const ref = useRef<HTMLDivElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <div ref={ref} className="notice notice--success created-token" role="status" tabIndex={-1}>
      <p className="notice__title">
        <FormattedMessage id="admin.tokens.createdTitle" values={{ name: token.name }} />
      </p>
      <p className="created-token__warning">
        <strong>
          <FormattedMessage id="admin.tokens.createdWarning" />
        </strong>
      </p>
      <label htmlFor="created-token-value">
        <FormattedMessage id="admin.tokens.value" />
      </label>
      <input
        id="created-token-value"
        className="created-token__value"
        readOnly
        value={token.token}
        onFocus={(event) => event.currentTarget.select()}
        spellCheck={false}
      />
      <div className="button-row">
        <button type="button" className="button button--primary" onClick={() => void copy()}>
          <FormattedMessage id="admin.tokens.copy" />
        </button>
        <button type="button" className="button" onClick={onDone}>
          <FormattedMessage id="admin.tokens.done" />
        </button>
      </div>
      <p role="status" className="created-token__copied">
        {copied === 'yes'
          ? intl.formatMessage({ id: 'admin.tokens.copied' })
          : copied === 'failed'
            ? intl.formatMessage({ id: 'admin.tokens.copyFailed' })
            : ''}
      </p>
    </div>
  );
}

function CreateTokenForm({
  organizations,
  onCreated,
}: {
  organizations: 'any' | string[];
  onCreated: (token: NewApiToken) => Promise<void>;
}) {
  const intl = useIntl();
  const [name, setName] = useState('');
  const [organization, setOrganization] = useState<ChosenOrganization>(null);
  const [access, setAccess] = useState<'read' | 'write'>('read');
  const [errors, setErrors] = useState<{
    name?: FieldErrorText;
    organization?: FieldErrorText;
    other: FieldErrorText[];
  }>({
    other: [],
  });
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempt((count) => count + 1);
    const found: typeof errors = { other: [] };
    if (!name.trim()) found.name = intl.formatMessage({ id: 'admin.error.tokenName' });
    if (!organization)
      found.organization = intl.formatMessage({ id: 'admin.error.chooseOrganization' });
    if (found.name || found.organization || !organization) {
      setErrors(found);
      return;
    }
    setBusy(true);
    try {
      const token = await createToken({
        name: name.trim(),
        organizationId: organization.id,
        access,
      });
      setErrors({ other: [] });
      setName('');
      await onCreated(token);
    } catch (error) {
      const problem = problemOf(error);
      for (const entry of problem?.errors ?? []) {
        const message = fieldErrorMessage(intl, entry);
        if (entry.pointer === '/name') found.name ??= message;
        else if (entry.pointer === '/organizationId') found.organization ??= message;
        else found.other.push(message);
      }
      if (!found.name && !found.organization && found.other.length === 0)
        found.other.push(
          problem
            ? (problem.detail ?? problem.title)
            : { message: intl.formatMessage({ id: 'form.offline' }) },
        );
      setErrors(found);
    } finally {
      setBusy(false);
    }
  };

  const fieldErrors = [
    errors.name
      ? {
          id: 'token-name',
          label: intl.formatMessage({ id: 'admin.tokens.name' }),
          message: errors.name,
        }
      : null,
    errors.organization
      ? {
          id: 'token-organization',
          label: intl.formatMessage({ id: 'admin.tokens.organization' }),
          message: errors.organization,
        }
      : null,
  ].filter((entry) => entry !== null);

  return (
    <form
      className="form admin-form"
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="token-form-title"
    >
      <h3 id="token-form-title" className="admin-heading">
        <FormattedMessage id="admin.tokens.createTitle" />
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
        id="token-name"
        label={<FormattedMessage id="admin.tokens.name" />}
        hint={<FormattedMessage id="admin.tokens.nameHint" />}
        value={name}
        onValueChange={setName}
        maxLength={100}
        error={errors.name}
      />
      <OrganizationPicker
        id="token-organization"
        label={<FormattedMessage id="admin.tokens.organization" />}
        value={organization}
        onChange={setOrganization}
        organizations={organizations}
        error={errors.organization}
      />
      <SelectField
        id="token-access"
        label={<FormattedMessage id="admin.tokens.access" />}
        hint={<FormattedMessage id="admin.tokens.accessHint" />}
        value={access}
        onValueChange={(value) => setAccess(value === 'write' ? 'write' : 'read')}
        options={[
          { value: 'read', label: intl.formatMessage({ id: 'admin.tokens.read' }) },
          { value: 'write', label: intl.formatMessage({ id: 'admin.tokens.write' }) },
        ]}
      />
      <button type="submit" className="button button--primary" disabled={busy}>
        <FormattedMessage id="admin.tokens.create" />
      </button>
    </form>
  );
}

function TokenItem({
  token,
  onRevoked,
  onFailed,
}: {
  token: ApiTokenView;
  onRevoked: () => Promise<void>;
  onFailed: (error: unknown) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const buttonId = `revoke-token-${token.id}`;
  return (
    <li className={token.revokedAt ? 'admin-card admin-card--ended' : 'admin-card'}>
      <h4 className="admin-card__title">
        {token.name}{' '}
        <span className="tag">
          <FormattedMessage
            id={token.access === 'write' ? 'admin.tokens.write' : 'admin.tokens.read'}
          />
        </span>
        {token.revokedAt ? (
          <>
            {' '}
            <span className="tag">
              <FormattedMessage id="admin.tokens.revokedTag" />
            </span>
          </>
        ) : null}
      </h4>
      <dl className="admin-facts">
        <div>
          <dt>
            <FormattedMessage id="admin.tokens.organization" />
          </dt>
          <dd>
            <OrganizationName id={token.organizationId} />
          </dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="admin.tokens.prefix" />
          </dt>
          <dd>
            <code>{token.prefix}…</code>
          </dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="admin.tokens.created" />
          </dt>
          <dd>
            <When value={token.createdAt} />
          </dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="admin.tokens.lastUsed" />
          </dt>
          <dd>
            {token.lastUsedAt ? (
              <When value={token.lastUsedAt} />
            ) : (
              <FormattedMessage id="admin.tokens.neverUsed" />
            )}
          </dd>
        </div>
        {token.revokedAt ? (
          <div>
            <dt>
              <FormattedMessage id="admin.tokens.revokedAt" />
            </dt>
            <dd>
              <When value={token.revokedAt} />
            </dd>
          </div>
        ) : null}
      </dl>
      {token.revokedAt ? null : confirming ? (
        <ConfirmPanel
          question={
            <FormattedMessage id="admin.tokens.confirmRevoke" values={{ name: token.name }} />
          }
          confirmLabel={<FormattedMessage id="admin.tokens.revoke" />}
          busy={busy}
          onCancel={() => {
            setConfirming(false);
            requestAnimationFrame(() => document.getElementById(buttonId)?.focus());
          }}
          onConfirm={async () => {
            setBusy(true);
            try {
              await revokeToken(token.id);
              await onRevoked();
            } catch (error) {
              onFailed(error);
            } finally {
              setBusy(false);
              setConfirming(false);
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
          <FormattedMessage id="admin.tokens.revoke" />
          <span className="visually-hidden"> {token.name}</span>
        </button>
      )}
    </li>
  );
}
