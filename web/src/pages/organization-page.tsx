import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { FormattedDate, FormattedMessage, FormattedNumber, useIntl } from 'react-intl';
import { Link } from 'wouter';
import { canEditOrganization } from '../api/auth.ts';
import { type Organization, organizationQueries, type Ties } from '../api/organizations.ts';
import { type Problem, problemOf } from '../api/problem.ts';
import { PrinciplesChart } from '../components/principles-chart.tsx';
import { useCountryNames, useLanguageNames } from '../i18n/display-names.ts';
import { useSession } from '../session/session-provider.tsx';
import {
  affiliationMessageId,
  kindMessageId,
  partnershipMessageId,
  sectorMessageId,
} from '../vocabulary.ts';
import { TieTools } from './graph/tie-tools.tsx';
import { jsonForScript } from './json-for-script.ts';
import { OrganizationEditForm } from './organization-edit-form.tsx';
import { OrganizationLogo } from './organizations/organization-logo.tsx';
import { TieClaims } from './organizations/tie-claims.tsx';
import { documentTitle } from './use-document-title.ts';

type Loaded = {
  organization: Organization;
  ties: Ties | null;
  jsonLd: Record<string, unknown> | null;
};

type LoadState =
  | { status: 'loading' }
  | { status: 'error'; problem: Problem | null }
  | ({ status: 'ready' } & Loaded);

export function OrganizationPage({ id }: { id: string }) {
  const intl = useIntl();
  const { me } = useSession();
  const queryClient = useQueryClient();
  const profile = useQuery(organizationQueries.profile(id));
  // The ties and the JSON-LD are extras: the profile shows without them if they fail.
  const tiesQuery = useQuery({ ...organizationQueries.ties(id), retry: false });
  const jsonLdQuery = useQuery({ ...organizationQueries.jsonLd(id), retry: false });
  const [isEditing, setIsEditing] = useState(false);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const editButtonRef = useRef<HTMLButtonElement>(null);

  // Another organization: its own page, not the edit form or the saved notice of the last one.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when `id` changes.
  useEffect(() => {
    setIsEditing(false);
    setSavedAt(null);
  }, [id]);

  const state: LoadState = profile.isError
    ? { status: 'error', problem: problemOf(profile.error) }
    : profile.data && !tiesQuery.isPending && !jsonLdQuery.isPending
      ? {
          status: 'ready',
          organization: profile.data,
          ties: tiesQuery.data ?? null,
          jsonLd: jsonLdQuery.data ?? null,
        }
      : { status: 'loading' };
  const showOrganization = (organization: Organization) => {
    queryClient.setQueryData(organizationQueries.profile(id).queryKey, organization);
    // Its JSON-LD said what the organization was: read it again.
    void queryClient.invalidateQueries({ queryKey: organizationQueries.jsonLd(id).queryKey });
  };

  const name = state.status === 'ready' ? state.organization.name : null;
  useEffect(() => {
    const page = name ?? intl.formatMessage({ id: 'profile.documentTitle' });
    document.title = documentTitle(page);
  }, [intl, name]);

  if (state.status === 'loading') {
    return (
      <p role="status">
        <FormattedMessage id="profile.loading" />
      </p>
    );
  }
  if (state.status === 'error') {
    const notFound = state.problem?.status === 404 || state.problem?.status === 400;
    return (
      <div>
        <h1>
          <FormattedMessage id={notFound ? 'profile.notFound' : 'profile.error'} />
        </h1>
        {notFound ? null : (
          <button type="button" className="button" onClick={() => void profile.refetch()}>
            <FormattedMessage id="directory.retry" />
          </button>
        )}
        <p>
          <Link href="/">
            <FormattedMessage id="notFound.home" />
          </Link>
        </p>
      </div>
    );
  }

  const { organization, ties, jsonLd } = state;
  const mayEdit = canEditOrganization(me, organization.id);

  return (
    <article className="profile" aria-labelledby="profile-name">
      {/* schema.org data for search engines and other tools: a data block, never executed. */}
      {jsonLd && (
        <script
          type="application/ld+json"
          // biome-ignore lint/security/noDangerouslySetInnerHtml: JSON with `<` escaped, in a data block.
          dangerouslySetInnerHTML={{ __html: jsonForScript(jsonLd) }}
        />
      )}
      <p className="breadcrumb">
        <Link href="/">
          <FormattedMessage id="profile.backToDirectory" />
        </Link>
      </p>
      <header className="profile__header">
        <OrganizationLogo organization={organization} />
        <h1 id="profile-name" ref={headingRef} tabIndex={-1}>
          {organization.name}
        </h1>
        {organization.shortName || organization.otherNames.length > 0 ? (
          <p className="profile__other-names">
            {[
              organization.shortName ? <span key="short">{organization.shortName}</span> : null,
              ...organization.otherNames.map((other) => (
                <span key={other.text} lang={other.language}>
                  {other.text}
                </span>
              )),
            ]
              .filter(Boolean)
              .flatMap((element, index) => (index === 0 ? [element] : [' · ', element]))}
          </p>
        ) : null}
        <p className="profile__tags">
          <span className="tag">
            <FormattedMessage id={kindMessageId(organization.kind)} />
          </span>
          <span className="tag">
            <FormattedMessage id={sectorMessageId(organization.sector)} />
          </span>
          {organization.isDemo ? (
            <span className="tag tag--demo">
              <FormattedMessage id="profile.demo" />
            </span>
          ) : null}
        </p>
        {mayEdit && !isEditing ? (
          <button
            ref={editButtonRef}
            type="button"
            className="button button--primary"
            onClick={() => {
              setSavedAt(null);
              setIsEditing(true);
            }}
          >
            <FormattedMessage id="profile.edit" />
          </button>
        ) : null}
      </header>

      <p role="status" className="profile__saved">
        {savedAt ? <FormattedMessage id="edit.saved" /> : null}
      </p>

      {isEditing ? (
        <OrganizationEditForm
          organization={organization}
          onNewerCopy={(current) =>
            // The heading and facts around the form show what the other person wrote.
            queryClient.setQueryData(organizationQueries.profile(id).queryKey, current)
          }
          onSaved={(updated) => {
            showOrganization(updated);
            setIsEditing(false);
            setSavedAt(Date.now());
            headingRef.current?.focus();
          }}
          onCancel={(current) => {
            if (current) showOrganization(current);
            setIsEditing(false);
            headingRef.current?.focus();
          }}
        />
      ) : (
        <ProfileBody
          organization={organization}
          ties={ties}
          claims={
            ties ? (
              <TieClaims
                claims={ties.claims ?? []}
                me={me}
                onDecided={() =>
                  void queryClient.invalidateQueries({
                    queryKey: organizationQueries.ties(id).queryKey,
                  })
                }
              />
            ) : null
          }
          tieTools={
            <TieTools
              organization={organization}
              ties={ties}
              mayEdit={mayEdit}
              onTiesChanged={(next) =>
                queryClient.setQueryData(organizationQueries.ties(id).queryKey, next)
              }
            />
          }
        />
      )}
    </article>
  );
}

function ProfileBody({
  organization,
  ties,
  claims,
  tieTools,
}: {
  organization: Organization;
  ties: Ties | null;
  claims: ReactNode;
  tieTools: ReactNode;
}) {
  const intl = useIntl();
  const countryName = useCountryNames();
  const languageName = useLanguageNames();
  const reader = intl.locale;
  const localDescription = organization.descriptions[reader];
  const description = localDescription ?? organization.description;
  const { members } = organization;
  const place = [organization.locality, organization.region, countryName(organization.country)]
    .filter(Boolean)
    .join(', ');

  return (
    <>
      {description ? (
        <section aria-labelledby="profile-about">
          <h2 id="profile-about">
            <FormattedMessage id="profile.about" />
          </h2>
          <p className="profile__description" lang={localDescription ? reader : undefined}>
            {description}
          </p>
        </section>
      ) : null}

      <section aria-labelledby="profile-identity">
        <h2 id="profile-identity">
          <FormattedMessage id="profile.identity" />
        </h2>
        <dl className="facts">
          <Fact label="edit.place">{place}</Fact>
          {organization.legalForm ? (
            <Fact label="profile.legalForm">{organization.legalForm}</Fact>
          ) : null}
          {organization.foundingYear ? (
            <Fact label="profile.founded">{String(organization.foundingYear)}</Fact>
          ) : null}
          {organization.languages.length > 0 ? (
            <Fact label="profile.languages">
              {intl.formatList(organization.languages.map(languageName))}
            </Fact>
          ) : null}
          {organization.website ? (
            <Fact label="profile.website">
              <a href={organization.website} rel="noopener noreferrer external">
                {organization.website.replace(/^https?:\/\//, '')}
              </a>
            </Fact>
          ) : null}
          {organization.contacts.email ? (
            <Fact label="profile.email">
              <a href={`mailto:${organization.contacts.email}`}>{organization.contacts.email}</a>
            </Fact>
          ) : null}
          {organization.contacts.phone ? (
            <Fact label="profile.phone">
              <a href={`tel:${organization.contacts.phone}`}>{organization.contacts.phone}</a>
            </Fact>
          ) : null}
        </dl>
      </section>

      <section aria-labelledby="profile-figures">
        <h2 id="profile-figures">
          <FormattedMessage id="profile.figures" />
        </h2>
        {members.total === null && organization.employees === null ? (
          <p>
            <FormattedMessage id="profile.noFigures" />
          </p>
        ) : (
          <dl className="figures">
            {members.total !== null ? (
              <Figure label="profile.members" value={members.total} />
            ) : null}
            {members.women !== null ? (
              <Figure
                label="profile.women"
                value={members.women}
                share={members.total ? members.women / members.total : null}
              />
            ) : null}
            {members.men !== null ? (
              <Figure
                label="profile.men"
                value={members.men}
                share={members.total ? members.men / members.total : null}
              />
            ) : null}
            {organization.employees !== null ? (
              <Figure label="profile.employees" value={organization.employees} />
            ) : null}
          </dl>
        )}
      </section>

      <section aria-labelledby="profile-principles">
        <h2 id="profile-principles">
          <FormattedMessage id="profile.principles" />
        </h2>
        <p className="field__hint">
          <FormattedMessage id="profile.principlesHint" />
        </p>
        <PrinciplesChart principles={organization.principles} />
      </section>

      <section aria-labelledby="profile-ties">
        <h2 id="profile-ties">
          <FormattedMessage id="profile.ties" />
        </h2>
        {ties === null ? (
          <p>
            <FormattedMessage id="profile.tiesUnavailable" />
          </p>
        ) : (
          <>
            <h3>
              <FormattedMessage id="profile.parents" />
            </h3>
            <TieList
              empty="profile.noParents"
              items={ties.parents.map((tie) => ({
                id: tie.id,
                otherId: tie.parentId,
                otherName: tie.parentName,
                kind: <FormattedMessage id={affiliationMessageId(tie.kind)} />,
                startedOn: tie.startedOn,
                endedOn: tie.endedOn,
              }))}
            />
            <h3>
              <FormattedMessage id="profile.memberOrganizations" />
            </h3>
            <TieList
              empty="profile.noMembers"
              items={ties.members.map((tie) => ({
                id: tie.id,
                otherId: tie.memberId,
                otherName: tie.memberName,
                kind: <FormattedMessage id={affiliationMessageId(tie.kind)} />,
                startedOn: tie.startedOn,
                endedOn: tie.endedOn,
              }))}
            />
            <h3>
              <FormattedMessage id="profile.partnerships" />
            </h3>
            <TieList
              empty="profile.noPartnerships"
              items={ties.partnerships.map((tie) => {
                const isFrom = tie.fromId === organization.id;
                return {
                  id: tie.id,
                  otherId: isFrom ? tie.toId : tie.fromId,
                  otherName: isFrom ? tie.toName : tie.fromName,
                  kind: <FormattedMessage id={partnershipMessageId(tie.kind)} />,
                  startedOn: tie.startedOn,
                  endedOn: tie.endedOn,
                };
              })}
            />
          </>
        )}
        {claims}
        {tieTools}
      </section>
      <p>
        <Link href={`/offers-and-needs?organization=${organization.id}&show=all`}>
          <FormattedMessage id="intents.profile.link" />
        </Link>
      </p>
      <p>
        <Link href={`/projects?organizationId=${organization.id}`}>
          <FormattedMessage id="projects.profileLink" />
        </Link>
      </p>
      <p className="field__hint">
        <FormattedMessage
          id="profile.updated"
          values={{ date: <FormattedDate value={organization.updatedAt} dateStyle="long" /> }}
        />
      </p>
    </>
  );
}

type FactLabel =
  | 'edit.place'
  | 'profile.legalForm'
  | 'profile.founded'
  | 'profile.languages'
  | 'profile.website'
  | 'profile.email'
  | 'profile.phone';

function Fact({ label, children }: { label: FactLabel; children: ReactNode }) {
  return (
    <div>
      <dt>
        <FormattedMessage id={label} />
      </dt>
      <dd>{children}</dd>
    </div>
  );
}

function Figure({
  label,
  value,
  share = null,
}: {
  label: 'profile.members' | 'profile.women' | 'profile.men' | 'profile.employees';
  value: number;
  share?: number | null;
}) {
  return (
    <div className="figure">
      <dt>
        <FormattedMessage id={label} />
      </dt>
      <dd>
        <span className="figure__value">
          <FormattedNumber value={value} />
        </span>
        {share !== null ? (
          <span className="figure__share">
            {' '}
            (<FormattedNumber value={share} style="percent" maximumFractionDigits={0} />)
          </span>
        ) : null}
      </dd>
    </div>
  );
}

type TieItem = {
  id: string;
  otherId: string;
  otherName: string;
  kind: ReactNode;
  startedOn: string | null;
  endedOn: string | null;
};

function TieList({
  items,
  empty,
}: {
  items: TieItem[];
  empty: 'profile.noParents' | 'profile.noMembers' | 'profile.noPartnerships';
}) {
  if (items.length === 0) {
    return (
      <p className="field__hint">
        <FormattedMessage id={empty} />
      </p>
    );
  }
  return (
    <ul className="ties">
      {items.map((item) => (
        <li key={item.id} className={item.endedOn ? 'tie tie--ended' : 'tie'}>
          <Link href={`/organizations/${item.otherId}`}>{item.otherName}</Link>
          <span className="tie__kind"> · {item.kind}</span>
          {item.startedOn ? (
            <span className="tie__dates">
              {' · '}
              <FormattedMessage
                id="profile.since"
                values={{
                  date: <FormattedDate value={item.startedOn} dateStyle="medium" timeZone="UTC" />,
                }}
              />
            </span>
          ) : null}
          {item.endedOn ? (
            <span className="tie__dates">
              {' · '}
              <FormattedMessage
                id="profile.ended"
                values={{
                  date: <FormattedDate value={item.endedOn} dateStyle="medium" timeZone="UTC" />,
                }}
              />
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
