// KPI reports in a given state, made through the API as network staff would, for the tables of
// access and bad input: each call makes a report of its own (a period not used before), so that
// a call that consumes its report (validating it) leaves the next caller one to act on.
import type { TestApi } from './test-api.ts';

export const fixtureIndicator = 'fixture_members';
let made: Promise<void> | undefined;
let periods = 0;

export function ensureFixtureIndicator(api: TestApi): Promise<void> {
  made ??= (async () => {
    const response = await api.admin.request({
      method: 'POST',
      url: '/api/kpi/indicators',
      payload: {
        code: fixtureIndicator,
        names: { en: 'Members (fixture)' },
        unit: 'people',
        direction: 'higher-is-better',
        periodicity: 'month',
        aggregation: 'latest-sum',
        minValue: 0,
      },
    });
    if (response.statusCode !== 201) throw new Error(`indicator not made: ${response.body}`);
  })();
  return made;
}

/** A month no other fixture report used, counting back from December 2199. */
export function freshPeriod(): string {
  const index = 2199 * 12 + 11 - periods++;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export async function reportAt(
  api: TestApi,
  organizationId: string,
  status: 'draft' | 'submitted' | 'validated',
): Promise<{ period: string; version: number }> {
  await ensureFixtureIndicator(api);
  const period = freshPeriod();
  const base = `/api/kpi/organizations/${organizationId}/reports/${period}`;
  const saved = await api.admin.request({
    method: 'PUT',
    url: base,
    payload: { values: [{ indicator: fixtureIndicator, value: '12' }] },
  });
  if (saved.statusCode !== 201) throw new Error(`report not saved: ${saved.body}`);
  let version: number = saved.json().version;
  for (const step of status === 'draft'
    ? []
    : status === 'submitted'
      ? ['submit']
      : ['submit', 'validate']) {
    const response = await api.admin.request({
      method: 'POST',
      url: `${base}/${step}`,
      payload: { version },
    });
    if (response.statusCode !== 200) throw new Error(`report not ${step}ted: ${response.body}`);
    version = response.json().version;
  }
  return { period, version };
}
