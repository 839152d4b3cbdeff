import './organizations.css';
import { FormattedMessage } from 'react-intl';
import { Link } from 'wouter';
import { canCreateOrganization } from '../../api/organizations.ts';
import { useSignedInPerson } from '../../session/session-provider.tsx';

/** "Add an organization", shown only to those the server lets add one. */
export function AddOrganizationLink() {
  const me = useSignedInPerson();
  if (!canCreateOrganization(me)) return null;
  return (
    <p>
      <Link href="/organizations/new" className="button button--primary link-button">
        <FormattedMessage id="organizations.new.link" />
      </Link>
    </p>
  );
}
