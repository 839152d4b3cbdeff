// pg-boss keeps its queues in a schema of its own, `pgboss`, in our database. It is installed and
// upgraded here, by pg-boss's own versioned plans, from `migrate()` while it holds the migration
// lock: so concurrent starts never race to create it (a lost race would leave a connection in an
// aborted transaction), and the processes that run jobs start pg-boss with `migrate: false`.
import { createRequire } from 'node:module';
import type pg from 'pg';
import PgBoss from 'pg-boss';

export const jobSchema = 'pgboss';

export async function installJobSchema(
  client: pg.ClientBase,
): Promise<'installed' | 'upgraded' | 'current'> {
  const installed = await client.query<{ name: string | null }>(
    `select to_regclass('${jobSchema}.version')::text as name`,
  );
  if (!installed.rows[0]?.name) {
    await run(client, PgBoss.getConstructionPlans(jobSchema));
    return 'installed';
  }
  const target = pgBossSchemaVersion();
  const current = await client.query<{ version: number }>(
    `select version from ${jobSchema}.version`,
  );
  const version = Number(current.rows[0]?.version);
  if (version >= target) return 'current';
  await run(client, PgBoss.getMigrationPlans(jobSchema, String(version)));
  return 'upgraded';
}

/** Runs a plan (statements with their own begin and commit), rolling back what a failure left. */
async function run(client: pg.ClientBase, plan: string): Promise<void> {
  try {
    await client.query(plan);
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw new Error(`Installing the job queue's schema failed: ${(error as Error).message}`);
  }
}

/** The schema version this pg-boss release creates (its own `version.json`). */
function pgBossSchemaVersion(): number {
  const { schema } = createRequire(import.meta.url)('pg-boss/version.json') as { schema: number };
  return schema;
}
