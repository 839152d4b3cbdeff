import './organizations.css';
import { useIntl } from 'react-intl';
import type { Organization } from '../../api/organizations.ts';

/** The organization's logo beside its name on the profile; nothing when it has none. */
export function OrganizationLogo({ organization }: { organization: Organization }) {
  const intl = useIntl();
  if (!organization.logoUrl) return null;
  return (
    <img
      className="profile__logo"
      src={organization.logoUrl}
      alt={intl.formatMessage({ id: 'organizations.logo.alt' }, { name: organization.name })}
      width={96}
      height={96}
    />
  );
}
