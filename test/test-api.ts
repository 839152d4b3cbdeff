// The whole HTTP application over a fresh database, driven with Fastify's inject (no socket).
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { moduleRoutes } from '../src/modules.ts';
import { buildApp } from '../src/platform/http/app.ts';
import { openTestDatabase, type TestDatabase } from './test-database.ts';

export type TestApi = { app: FastifyInstance; database: TestDatabase; close(): Promise<void> };

export async function startTestApi(): Promise<TestApi> {
  const database = await openTestDatabase();
  const app = await buildApp({
    db: database.db,
    publicUrl: 'http://intercoop.test',
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    modules: moduleRoutes,
    isReady: () => true,
  });
  await app.ready();
  return {
    app,
    database,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** A request from another machine: Fastify's inject comes from 127.0.0.1 unless told. */
export const remote = { remoteAddress: '203.0.113.7' } as const;

export async function countRows(database: TestDatabase, table: string): Promise<number> {
  const result = await database.pool.query<{ count: string }>(`select count(*) from ${table}`);
  return Number(result.rows[0]?.count);
}
