import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../../test/test-api.ts';

const lines: Record<string, unknown>[] = [];
let api: TestApi;
beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  api = await startTestApi({}, { log: pino({ level: 'info' }, sink) });
});
afterAll(async () => {
  await api?.close();
});

describe('the request log', () => {
  it('says each request in one line: method, path, status and time', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/api/network/statistics' });
    expect(response.statusCode).toBe(200);
    const requestId = response.headers['x-request-id'];
    const about = lines.filter((line) => line.reqId === requestId);
    expect(about).toHaveLength(1);
    expect(about[0]).toMatchObject({
      method: 'GET',
      url: '/api/network/statistics',
      status: 200,
      msg: expect.stringMatching(/^GET \/api\/network\/statistics 200 [\d.]+ ms$/),
    });
  });
});
