import { FormattedMessage } from 'react-intl';
import { Link } from 'wouter';
import type { OrganizationListItem } from '../api/organizations.ts';
import { kindMessageId, sectorMessageId } from '../vocabulary.ts';

type OrganizationCardProps = {
  organization: OrganizationListItem;
  countryName: (code: string) => string;
};

export function OrganizationCard({ organization, countryName }: OrganizationCardProps) {
  const headingId = `organization-${organization.id}`;
  return (
    // Focusable from script only: "Load more" moves focus to the first new card.
    <article className="organization-card" aria-labelledby={headingId} tabIndex={-1}>
      <h3 id={headingId} className="organization-card__name">
        <Link href={`/organizations/${organization.id}`}>{organization.name}</Link>
      </h3>
      <dl className="organization-card__facts">
        {organization.matchedName ? (
          // The search matched a name in another script or language: show it as written.
          <div>
            <dt>
              <FormattedMessage id="organization.matchedName" />
            </dt>
            <dd lang={organization.matchedName.language}>{organization.matchedName.text}</dd>
          </div>
        ) : null}
        {organization.shortName ? (
          <div>
            <dt>
              <FormattedMessage id="organization.shortName" />
            </dt>
            <dd>{organization.shortName}</dd>
          </div>
        ) : null}
        <div>
          <dt>
            <FormattedMessage id="organization.kind" />
          </dt>
          <dd>
            <FormattedMessage id={kindMessageId(organization.kind)} />
          </dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="organization.sector" />
          </dt>
          <dd>
            <FormattedMessage id={sectorMessageId(organization.sector)} />
          </dd>
        </div>
        <div>
          <dt>
            <FormattedMessage id="organization.place" />
          </dt>
          <dd>
            {organization.locality ? `${organization.locality}, ` : ''}
            {countryName(organization.country)}
          </dd>
        </div>
      </dl>
    </article>
  );
}
