// Choosing an organization: a search box with suggestions (the ARIA combobox pattern) for those
// who may choose any, a plain list for an organization's admins, who choose among their own.
import { type ReactNode, useEffect, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { organizationName, rememberOrganizationName } from '../../api/admin.ts';
import {
  type ChosenOrganization as Chosen,
  OrganizationCombobox,
} from '../../components/organization-combobox.tsx';
import type { FieldErrorText } from '../../forms/field-message.ts';
import { SelectField } from '../../forms/fields.tsx';
import { useOrganizationNames } from './use-organization-names.ts';

export type ChosenOrganization = Chosen | null;

type PickerProps = {
  id: string;
  label: ReactNode;
  value: ChosenOrganization;
  onChange: (value: ChosenOrganization) => void;
  /** Every organization (searched), or only these. */
  organizations: 'any' | string[];
  error?: FieldErrorText | undefined;
  /** Lets the list offer "any organization" (for filters). */
  optional?: boolean;
};

export function OrganizationPicker(props: PickerProps) {
  if (props.organizations === 'any') return <OrganizationSearch {...props} />;
  return <OrganizationSelect {...props} organizations={props.organizations} />;
}

function OrganizationSelect({
  id,
  label,
  value,
  onChange,
  organizations,
  error,
  optional,
}: PickerProps & { organizations: string[] }) {
  const intl = useIntl();
  const names = useOrganizationNames(organizations);
  // One organization and nothing else to choose: choose it.
  useEffect(() => {
    const only = organizations[0];
    if (!optional && organizations.length === 1 && only && value?.id !== only) {
      onChange({ id: only, name: names[only] ?? '' });
    }
  }, [optional, organizations, value, onChange, names]);
  const options = organizations.map((organizationId) => ({
    value: organizationId,
    label: names[organizationId] ?? intl.formatMessage({ id: 'admin.loadingName' }),
  }));
  return (
    <SelectField
      id={id}
      label={label}
      error={error}
      value={value?.id ?? ''}
      onValueChange={(chosen) =>
        onChange(chosen ? { id: chosen, name: names[chosen] ?? '' } : null)
      }
      options={[
        {
          value: '',
          label: intl.formatMessage({
            id: optional ? 'admin.organization.any' : 'admin.organization.choose',
          }),
        },
        ...options,
      ]}
    />
  );
}

function OrganizationSearch({ id, label, value, onChange, error, optional }: PickerProps) {
  return (
    <OrganizationCombobox
      id={id}
      label={label}
      hint={optional ? <FormattedMessage id="admin.organization.searchHintOptional" /> : undefined}
      error={error}
      value={value}
      onChange={(chosen) => {
        // Its name is known now: other parts of the page that show it need not fetch it.
        if (chosen) rememberOrganizationName(chosen.id, chosen.name);
        onChange(chosen && { id: chosen.id, name: chosen.name });
      }}
    />
  );
}

/** The name of one organization, fetched once and shared. */
export function OrganizationName({ id }: { id: string }) {
  const [name, setName] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    organizationName(id).then((found) => {
      if (live) setName(found);
    });
    return () => {
      live = false;
    };
  }, [id]);
  if (name === undefined) return <FormattedMessage id="admin.loadingName" />;
  if (name === null) return <FormattedMessage id="admin.unknownOrganization" />;
  return <>{name}</>;
}
