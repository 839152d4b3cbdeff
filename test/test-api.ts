// The whole HTTP application over a fresh database, driven with Fastify's inject (no socket),
// with its job workers (the outbox delivers mail to a local SMTP sink as in production), a
// network admin, and helpers to act as anyone.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import {
  type PlatformServices,
  platformServices,
  stopServices,
  systemContext,
} from '../src/main.ts';
import { ensureNetworkAdmin } from '../src/modules/accounts/index.ts';
import { authenticate, moduleRoutes, sessionCookie } from '../src/modules.ts';
import type { RoleGrant } from '../src/platform/access.ts';
import type { Context } from '../src/platform/context.ts';
import { buildApp } from '../src/platform/http/app.ts';
import type { JobTimings } from '../src/platform/jobs/index.ts';
import { type MailSink, startMailSink, tokenFrom } from './mail-sink.ts';
import { openTestDatabase, type TestDatabase } from './test-database.ts';

export const publicUrl = 'http://intercoop.test';

/** Someone signed in: every request carries their cookie and CSRF token. */
export type Agent = {
  email: string;
  password: string;
  accountId: string;
  cookie: string;
  csrfToken: string;
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
};

export type TestApi = {
  app: FastifyInstance;
  database: TestDatabase;
  mail: MailSink;
  /** The job queue and outbox the application writes to, its workers running. */
  services: PlatformServices;
  /** A context in which the system acts, on the application's clock. */
  system: Context;
  admin: Agent;
  /** Sets the clock the application sees (sessions, expiries); undefined for the real one. */
  setNow(now: Date | undefined): void;
  signIn(email: string, password: string): Promise<Agent>;
  /** A new account with these roles, made as a person would: invited by the admin, then accepted. */
  createAccount(roles: RoleGrant[], name?: string): Promise<Agent>;
  /** A new organization made by the admin; its id. */
  createOrganization(fields?: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
};

let counter = 0;

/** Short enough that tests wait little; the outbox's own delays are settings (OUTBOX_...). */
export const testJobTimings: JobTimings = {
  pollingSeconds: 0.5,
  maintenanceSeconds: 1,
  scheduleTickSeconds: 0.5,
  scheduleCatchUpSeconds: 5,
  stopTimeoutSeconds: 2,
};

export async function startTestApi(
  environment: Record<string, string> = {},
  { log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }) }: { log?: pino.Logger } = {},
): Promise<TestApi> {
  const database = await openTestDatabase();
  const mail = await startMailSink();
  const config = loadConfig({
    SMTP_URL: mail.url,
    PUBLIC_URL: publicUrl,
    LOG_LEVEL: 'silent',
    // Every response checked against its schema, the ones trusted in production too.
    RESPONSE_CHECKS: 'all',
    ...environment,
  });
  const url = config.publicUrl ?? publicUrl;
  const services = platformServices(config, database, log, url, testJobTimings);
  let now: Date | undefined;
  const clock = () => now ?? new Date();
  const system = () => ({ ...systemContext(config, database, log, services, url), now: clock });
  const app = await buildApp({
    db: database.db,
    config,
    jobs: services.jobs,
    outbox: services.outbox,
    publicUrl: () => url,
    authenticate,
    sessionCookie,
    logger: log,
    modules: moduleRoutes,
    isReady: () => true,
    now: clock,
  });
  await app.ready();
  await services.jobs.start({ work: config.workers, context: system });
  const firstAdmin = await ensureNetworkAdmin(system());
  if (!firstAdmin) throw new Error('a fresh database already had a network admin');

  async function signIn(email: string, password: string): Promise<Agent> {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password },
    });
    if (response.statusCode !== 200)
      throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
    const cookie = response.cookies.find((entry) => entry.name === sessionCookie);
    if (!cookie) throw new Error('no session cookie');
    const body = response.json();
    const agent: Agent = {
      email,
      password,
      accountId: body.me.accountId,
      cookie: `${sessionCookie}=${cookie.value}`,
      csrfToken: body.csrfToken,
      request: (options) =>
        app.inject({
          ...options,
          headers: {
            cookie: agent.cookie,
            'x-csrf-token': agent.csrfToken,
            ...(options.headers ?? {}),
          },
        }),
    };
    return agent;
  }

  const admin = await signIn(firstAdmin.email, firstAdmin.password);

  async function createAccount(roles: RoleGrant[], name = 'Test Person'): Promise<Agent> {
    counter += 1;
    const email = `person${counter}-${Date.now()}@coop.test`;
    const invited = await admin.request({
      method: 'POST',
      url: '/api/accounts/invitations',
      payload: { email, roles },
    });
    if (invited.statusCode !== 201) throw new Error(`invitation failed: ${invited.body}`);
    const token = tokenFrom(await mail.waitFor(email, /invited/));
    const password = `mango monsoon loom ${counter}${Date.now()}`;
    const accepted = await app.inject({
      method: 'POST',
      url: '/api/auth/invitations/accept',
      payload: { token, displayName: name, password },
    });
    if (accepted.statusCode !== 201) throw new Error(`accepting failed: ${accepted.body}`);
    return signIn(email, password);
  }

  async function createOrganization(fields: Record<string, unknown> = {}): Promise<string> {
    counter += 1;
    const response = await admin.request({
      method: 'POST',
      url: '/api/network/organizations',
      payload: {
        name: `Cooperative ${counter}`,
        kind: 'cooperative',
        country: 'IN',
        sector: 'agriculture',
        ...fields,
      },
    });
    if (response.statusCode !== 201) throw new Error(`organization failed: ${response.body}`);
    return response.json().id;
  }

  return {
    app,
    database,
    mail,
    services,
    system: system(),
    admin,
    setNow(value) {
      now = value;
    },
    signIn,
    createAccount,
    createOrganization,
    async close() {
      await app.close();
      await stopServices(services);
      await mail.close();
      await database.close();
    },
  };
}

export async function countRows(database: TestDatabase, table: string): Promise<number> {
  const result = await database.pool.query<{ count: string }>(`select count(*) from ${table}`);
  return Number(result.rows[0]?.count);
}

/**
 * Waits (up to a few seconds) until the outbox has no message waiting: mail that an earlier
 * call wrote is delivered in the background, and its row would otherwise change under a test.
 */
export async function outboxSettled(database: TestDatabase, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (
    (await countRows(database, "platform_outbox_message where status = 'pending'")) > 0 &&
    Date.now() < deadline
  ) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Everything the application stores, as one string: a refused call must leave it unchanged.
 * Sessions and counted attempts are left out: reading and refusing touch them.
 */
export async function fingerprint(database: TestDatabase): Promise<string> {
  await outboxSettled(database);
  const tables = await database.pool.query<{ table_name: string }>(
    "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not in ('accounts_session', 'accounts_attempt') order by 1",
  );
  const parts: string[] = [];
  for (const { table_name } of tables.rows) {
    const result = await database.pool.query<{ digest: string }>(
      `select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from ${table_name} t`,
    );
    parts.push(`${table_name}:${result.rows[0]?.digest}`);
  }
  return parts.join('\n');
}
