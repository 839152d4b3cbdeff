// Exchange rates through the HTTP API: network staff keep them per period, anyone signed in reads
// them, a conversion without its rate is an error that names what is missing (never a rate of 1),
// and bad input changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, countRows, startTestApi, type TestApi } from '../../../test/test-api.ts';
import { convertAmount } from './rates/convert-amount.ts';

let api: TestApi;
let staff: Agent;
let organizationAdmin: Agent;

beforeAll(async () => {
  api = await startTestApi();
  const organization = await api.createOrganization({ name: 'Rates Test Cooperative' });
  staff = await api.createAccount([{ role: 'network-staff', scopeType: 'network', scopeId: null }]);
  organizationAdmin = await api.createAccount([
    { role: 'organization-admin', scopeType: 'organization', scopeId: organization },
  ]);
});

afterAll(async () => {
  await api.close();
});

const put = (agent: Agent, path: string, payload: unknown) =>
  agent.request({
    method: 'PUT',
    url: `/api/kpi/exchange-rates/${path}`,
    payload: payload as never,
  });

describe('exchange rates', () => {
  it('are set by network staff for a period, exactly as written, and replaced when set again', async () => {
    const first = await put(staff, '2026-03/EUR/XOF', { rate: '655.957' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      period: '2026-03',
      currency: 'EUR',
      base: 'XOF',
      rate: '655.957',
    });
    const again = await put(staff, '2026-03/INR/USD', { rate: '0.0119' });
    expect(again.statusCode).toBe(200);
    const replaced = await put(staff, '2026-03/INR/USD', {
      rate: '0.012',
      source: 'https://example.org/rates',
    });
    expect(replaced.json()).toMatchObject({ rate: '0.012', source: 'https://example.org/rates' });
    const list = await organizationAdmin.request({
      method: 'GET',
      url: '/api/kpi/exchange-rates?period=2026-03',
    });
    expect(list.statusCode).toBe(200);
    expect(
      list
        .json()
        .items.map((rate: { currency: string; rate: string }) => `${rate.currency} ${rate.rate}`),
    ).toEqual(['EUR 655.957', 'INR 0.012']);
  });

  it('page through the list with the cursor', async () => {
    for (const period of ['2025-01', '2025-02', '2025-03']) {
      expect((await put(staff, `${period}/KES/USD`, { rate: '0.0077' })).statusCode).toBe(200);
    }
    const first = await staff.request({
      method: 'GET',
      url: '/api/kpi/exchange-rates?base=USD&limit=2',
    });
    const page = first.json();
    expect(page.items).toHaveLength(2);
    const second = await staff.request({
      method: 'GET',
      url: `/api/kpi/exchange-rates?base=USD&limit=2&cursor=${page.nextCursor}`,
    });
    const seen = [...page.items, ...second.json().items].map(
      (rate: { period: string }) => rate.period,
    );
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(['2026-03', '2025-03', '2025-02']));
  });

  it('are kept by network staff only, read by people signed in only', async () => {
    const before = await countRows(api.database, 'kpi_exchange_rate');
    expect((await put(organizationAdmin, '2026-04/EUR/XOF', { rate: '655.957' })).statusCode).toBe(
      403,
    );
    const anonymous = await api.app.inject({ method: 'GET', url: '/api/kpi/exchange-rates' });
    expect(anonymous.statusCode).toBe(401);
    expect(await countRows(api.database, 'kpi_exchange_rate')).toBe(before);
  });

  it('refuse bad rates, periods and currencies, changing nothing', async () => {
    const before = await countRows(api.database, 'kpi_exchange_rate');
    for (const [path, body] of [
      ['2026-04/EUR/XOF', { rate: '0' }],
      ['2026-04/EUR/XOF', { rate: '-1' }],
      ['2026-04/EUR/XOF', { rate: '1e3' }],
      ['2026-04/EUR/XOF', { rate: 655.957 }],
      ['2026-04/EUR/XOF', {}],
      ['2026-04/EUR/XOF', { rate: '1', extra: true }],
      ['2026-13/EUR/XOF', { rate: '1' }],
      ['2026-04/EUR/EUR', { rate: '1' }],
      ['2026-04/XXX/EUR', { rate: '1' }],
      ['2026-04/eur/XOF', { rate: '1' }],
    ] as const) {
      const response = await put(staff, path, body);
      expect(response.statusCode, `${path} ${JSON.stringify(body)}`).toBe(400);
    }
    expect(await countRows(api.database, 'kpi_exchange_rate')).toBe(before);
  });

  it('convert an amount at its period’s rate, and say which rate is missing', async () => {
    const converted = await convertAmount(
      api.system.db,
      '2026-03',
      { minor: 100_00n, currency: 'EUR' },
      'XOF',
    );
    expect(converted).toEqual({ minor: 65596n, currency: 'XOF' });
    const same = await convertAmount(
      api.system.db,
      '2026-03',
      { minor: 5n, currency: 'XOF' },
      'XOF',
    );
    expect(same).toEqual({ minor: 5n, currency: 'XOF' });
    await expect(
      convertAmount(api.system.db, '2026-04', { minor: 100n, currency: 'EUR' }, 'XOF'),
    ).rejects.toMatchObject({ code: 'conflict' });
  });
});
