// The administration: people and roles, members (and their phones), API tokens, the audit log, and (for network admins)
// the registry's export and import and the outbox. Each part has its own address under /admin.
import { useEffect, useMemo } from 'react';
import { FormattedMessage } from 'react-intl';
import { Link, useLocation } from 'wouter';
import type { MessageId } from '../../i18n/locales.ts';
import { useSession } from '../../session/session-provider.tsx';
import { useDocumentTitle } from '../use-document-title.ts';
import { AuditTab } from './audit-tab.tsx';
import { ExchangeTab } from './exchange-tab.tsx';
import { MembersTab } from './members-tab.tsx';
import { OutboxTab } from './outbox-tab.tsx';
import { PeopleTab } from './people-tab.tsx';
import { administers, isNetworkAdmin, roleChoices } from './role-choices.ts';
import { TokensTab } from './tokens-tab.tsx';
import './admin.css';

const tabs = [
  { slug: '', label: 'admin.tab.people', networkOnly: false },
  { slug: 'members', label: 'admin.tab.members', networkOnly: false },
  { slug: 'tokens', label: 'admin.tab.tokens', networkOnly: false },
  { slug: 'audit', label: 'admin.tab.audit', networkOnly: false },
  { slug: 'exchange', label: 'admin.tab.exchange', networkOnly: true },
  { slug: 'outbox', label: 'admin.tab.outbox', networkOnly: true },
] as const satisfies readonly { slug: string; label: MessageId; networkOnly: boolean }[];

export function AdminPage({ tab = '' }: { tab?: string | undefined }) {
  const { status, me } = useSession();
  const [, navigate] = useLocation();
  const current = tabs.find((entry) => entry.slug === tab);
  useDocumentTitle(current?.label ?? 'admin.title');
  const choices = useMemo(() => roleChoices(me?.grants ?? []), [me]);

  useEffect(() => {
    if (status === 'signed-out') {
      const here = `/admin${tab ? `/${tab}` : ''}`;
      navigate(`/sign-in?next=${encodeURIComponent(here)}`, { replace: true });
    }
  }, [status, navigate, tab]);

  if (!me) {
    return (
      <p role="status">
        <FormattedMessage id="app.loadingPage" />
      </p>
    );
  }

  const networkAdmin = isNetworkAdmin(me.grants);
  if (!administers(me.grants)) {
    return (
      <div className="admin">
        <h1>
          <FormattedMessage id="admin.title" />
        </h1>
        <div className="notice notice--error" role="alert">
          <p className="notice__title">
            <FormattedMessage id="admin.notAllowed" />
          </p>
          <p>
            <FormattedMessage id="admin.notAllowedHelp" />
          </p>
        </div>
      </div>
    );
  }

  const visible = tabs.filter((entry) => networkAdmin || !entry.networkOnly);
  const shown = visible.find((entry) => entry.slug === tab);
  return (
    <div className="admin">
      <h1>
        <FormattedMessage id="admin.title" />
      </h1>
      <nav className="admin-tabs" aria-labelledby="admin-tabs-label">
        <span id="admin-tabs-label" className="visually-hidden">
          <FormattedMessage id="admin.tabsLabel" />
        </span>
        <ul className="admin-tabs__list">
          {visible.map((entry) => (
            <li key={entry.slug}>
              <Link
                href={entry.slug ? `/admin/${entry.slug}` : '/admin'}
                className="admin-tabs__link"
                aria-current={entry === shown ? 'page' : undefined}
              >
                <FormattedMessage id={entry.label} />
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {!shown ? (
        <div className="notice notice--error" role="alert">
          <p className="notice__title">
            <FormattedMessage id="admin.noSuchPart" />
          </p>
        </div>
      ) : shown.slug === '' ? (
        <PeopleTab me={me} choices={choices} />
      ) : shown.slug === 'members' ? (
        <MembersTab choices={choices} />
      ) : shown.slug === 'tokens' ? (
        <TokensTab me={me} choices={choices} />
      ) : shown.slug === 'audit' ? (
        <AuditTab me={me} choices={choices} />
      ) : shown.slug === 'outbox' ? (
        <OutboxTab />
      ) : (
        <ExchangeTab />
      )}
    </div>
  );
}
