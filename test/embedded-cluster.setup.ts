// Vitest global setup for the API tests without TEST_DATABASE_URL: one embedded PostgreSQL
// server, started by Intercoop's own code in a throw-away data folder, for the whole run. Each
// test file then gets a database of its own on it, as on a PostgreSQL server.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedCluster } from '../src/platform/embedded-postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    embeddedDatabaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  if (process.env.TEST_DATABASE_URL) return;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'intercoop-test-cluster-'));
  const cluster = await startEmbeddedCluster(dataDir, () => {});
  const url = new URL('postgres://127.0.0.1');
  url.port = String(cluster.port);
  url.username = cluster.user;
  url.password = cluster.password;
  url.pathname = '/postgres';
  project.provide('embeddedDatabaseUrl', url.toString());
  return async () => {
    await cluster.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
