// The hourly schedule deletes the answers kept past their 24 hours, run as every schedule runs:
// its slot's job, sent to its queue, taken by the application's workers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../../test/test-api.ts';
import { slotJobId } from '../jobs/schedule-slots.ts';
import { answerSweepScheduleName } from './sweep-answers.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.close();
});

const createWithKey = (key: string, name: string) =>
  api.admin.request({
    method: 'POST',
    url: '/api/network/organizations',
    headers: { 'idempotency-key': `"${key}"` },
    payload: { name, kind: 'cooperative', country: 'IN', sector: 'agriculture' },
  });

async function storedKeys(): Promise<string[]> {
  const result = await api.database.pool.query<{ key: string }>(
    'select key from platform_idempotency_key order by key',
  );
  return result.rows.map((row) => row.key);
}

describe('expired idempotency answers', () => {
  it('are deleted when the scheduled job runs, and fresh ones stay', async () => {
    // An answer stored 30 hours ago has been past its 24 hours for 6.
    api.setNow(new Date(Date.now() - 30 * 60 * 60 * 1000));
    expect((await createWithKey('old-key', 'Sweep Old Cooperative')).statusCode).toBe(201);
    api.setNow(undefined);
    expect((await createWithKey('fresh-key', 'Sweep Fresh Cooperative')).statusCode).toBe(201);
    expect(await storedKeys()).toEqual(['fresh-key', 'old-key']);

    const slot = new Date();
    slot.setUTCMinutes(17, 0, 0);
    const sent = await api.services.jobs.send(
      api.database.db,
      answerSweepScheduleName,
      { slot: slot.toISOString() },
      { id: slotJobId(answerSweepScheduleName, slot) },
    );
    expect(sent).not.toBeNull();
    const deadline = Date.now() + 15_000;
    while ((await storedKeys()).includes('old-key') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await storedKeys()).toEqual(['fresh-key']);

    // The fresh answer is still given again; the old key now makes a new request.
    const replayed = await createWithKey('fresh-key', 'Sweep Fresh Cooperative');
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    const again = await createWithKey('old-key', 'Sweep Old Cooperative');
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
  });

  it('have their schedule among the queues', async () => {
    const queues = await api.admin.request({ method: 'GET', url: '/api/platform/queues' });
    expect(
      queues.json().items.some((queue: { name: string }) => queue.name === answerSweepScheduleName),
    ).toBe(true);
  });
});
