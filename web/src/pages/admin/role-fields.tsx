// A role and, for a role inside an organization, which organization: the pair every invitation
// and every grant needs.
import { FormattedMessage, type IntlShape, useIntl } from 'react-intl';
import type { GrantInput, Role } from '../../api/admin.ts';
import type { Problem } from '../../api/problem.ts';
import { type FieldErrorText, fieldErrorMessage } from '../../forms/field-message.ts';
import { SelectField } from '../../forms/fields.tsx';
import { roleMessageId } from '../../vocabulary.ts';
import { type ChosenOrganization, OrganizationPicker } from './organization-picker.tsx';
import { isOrganizationRole, type RoleChoices } from './role-choices.ts';

export type RoleDraft = { role: Role | ''; organization: ChosenOrganization };
export type RoleErrors = { role?: FieldErrorText; organization?: FieldErrorText };

type RoleFieldsProps = {
  idPrefix: string;
  choices: RoleChoices;
  draft: RoleDraft;
  onChange: (draft: RoleDraft) => void;
  errors: RoleErrors;
};

export function RoleFields({ idPrefix, choices, draft, onChange, errors }: RoleFieldsProps) {
  const intl = useIntl();
  return (
    <>
      <SelectField
        id={`${idPrefix}-role`}
        label={<FormattedMessage id="admin.role" />}
        hint={<FormattedMessage id="admin.roleHint" />}
        error={errors.role}
        value={draft.role}
        onValueChange={(role) => onChange({ ...draft, role: role as Role | '' })}
        options={[
          { value: '', label: intl.formatMessage({ id: 'admin.chooseRole' }) },
          ...choices.roles.map((role) => ({
            value: role,
            label: intl.formatMessage({ id: roleMessageId(role) }),
          })),
        ]}
      />
      {draft.role && isOrganizationRole(draft.role) ? (
        <OrganizationPicker
          id={`${idPrefix}-organization`}
          label={<FormattedMessage id="admin.roleOrganization" />}
          value={draft.organization}
          onChange={(organization) => onChange({ ...draft, organization })}
          organizations={choices.organizations}
          error={errors.organization}
        />
      ) : null}
    </>
  );
}

/** The field ids, for the error summary's links. */
export function roleFieldIds(idPrefix: string) {
  return { role: `${idPrefix}-role`, organization: `${idPrefix}-organization` };
}

/** Checks made before asking the server: a role, and its organization when it needs one. */
export function checkRoleDraft(
  draft: RoleDraft,
  messages: { chooseRole: string; chooseOrganization: string },
): RoleErrors {
  const errors: RoleErrors = {};
  if (!draft.role) errors.role = messages.chooseRole;
  else if (isOrganizationRole(draft.role) && !draft.organization)
    errors.organization = messages.chooseOrganization;
  return errors;
}

export function grantFromDraft(draft: RoleDraft): GrantInput {
  const role = draft.role as Role;
  return isOrganizationRole(role)
    ? { role, scopeType: 'organization', scopeId: draft.organization?.id ?? null }
    : { role, scopeType: 'network', scopeId: null };
}

/**
 * The server's field errors for a grant, whether it points into an invitation's roles
 * (`/roles/0/scopeId`), a single grant (`/scopeId`) or the grant checks (`/0/scopeId`).
 */
export function roleErrorsFrom(
  problem: Problem | null,
  intl: IntlShape,
): {
  role: RoleErrors;
  email?: FieldErrorText;
  other: FieldErrorText[];
} {
  const role: RoleErrors = {};
  let email: FieldErrorText | undefined;
  const other: FieldErrorText[] = [];
  for (const error of problem?.errors ?? []) {
    const pointer = error.pointer.replace(/^\/roles(?=\/|$)/, '').replace(/^\/\d+(?=\/|$)/, '');
    const message = fieldErrorMessage(intl, error);
    if (pointer === '/email') email ??= message;
    else if (pointer === '/role') role.role ??= message;
    else if (pointer === '/scopeId' || pointer === '/scopeType') role.organization ??= message;
    else other.push(message);
  }
  return { role, email, other };
}
