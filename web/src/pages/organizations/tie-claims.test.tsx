// @vitest-environment happy-dom
// Claims on a profile: "claimed by X, not confirmed" for everyone; confirm and decline only for
// the admins of the side the claim waits for (or network staff); a declined claim says who.
import { cleanup, render, screen } from '@testing-library/react';
import { IntlProvider } from 'react-intl';
import { afterEach, describe, expect, it } from 'vitest';
import type { Me } from '../../../../src/modules/accounts/schemas.ts';
import type { TieClaim } from '../../api/claims.ts';
import { type Locale, loadMessages } from '../../i18n/locales.ts';
import { mayDecideFor, TieClaims } from './tie-claims.tsx';

afterEach(cleanup);

const claim: TieClaim = {
  id: '0190f0c4-8e2a-7c3b-9d1e-2f3a4b5c6d7e',
  tie: 'affiliation',
  kind: 'member-of',
  fromId: '0190f0c4-8e2a-7c3b-9d1e-000000000001',
  fromName: 'SEWA Cooperative',
  toId: '0190f0c4-8e2a-7c3b-9d1e-000000000002',
  toName: 'Mondragon Division',
  startedOn: null,
  endedOn: null,
  note: null,
  claimedById: '0190f0c4-8e2a-7c3b-9d1e-000000000002',
  claimedByName: 'Mondragon Division',
  awaitedFromId: '0190f0c4-8e2a-7c3b-9d1e-000000000001',
  awaitedFromName: 'SEWA Cooperative',
  state: 'claimed',
  decidedAt: null,
  decidedForName: null,
  decidedByStaff: false,
  tieId: null,
  isDemo: false,
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
};

const adminOf = (id: string) =>
  ({
    grants: [{ role: 'organization-admin', scopeType: 'organization', scopeId: id }],
  }) as unknown as Me;

async function show(claims: TieClaim[], me: Me | null, locale: Locale = 'en') {
  render(
    <IntlProvider locale={locale} messages={await loadMessages(locale)}>
      <TieClaims claims={claims} me={me} onDecided={() => undefined} />
    </IntlProvider>,
  );
}

describe('claims on a profile', () => {
  it('says who claimed it and that it is not confirmed, with no buttons for the claimer', async () => {
    await show([claim], adminOf(claim.claimedById));
    expect(screen.getByText(/claimed by Mondragon Division, not confirmed/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Confirm' })).toBeNull();
  });

  it('offers confirm and decline to the admins of the side it waits for', async () => {
    await show([claim], adminOf(claim.awaitedFromId));
    expect(screen.getByRole('button', { name: 'Confirm' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Decline' })).toBeTruthy();
    expect(mayDecideFor(null, claim.awaitedFromId)).toBe(false);
  });

  it('says who declined a declined claim, in every language', async () => {
    const declined = {
      ...claim,
      state: 'declined' as const,
      decidedAt: '2026-02-01T10:00:00.000Z',
      decidedForName: 'SEWA Cooperative',
    };
    await show([declined], null);
    expect(screen.getByText(/declined by SEWA Cooperative/)).toBeTruthy();
    cleanup();
    await show([declined], null, 'hi');
    expect(screen.getByText(/अस्वीकार किया/)).toBeTruthy();
  });
});
