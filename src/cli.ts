// The `intercoop` command: an adapter over the same code the server runs.
import fs from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { runChecks } from './checks.ts';
import { ConfigError, loadConfig, publicUrlFor } from './config.ts';
import { type DemoAccountCredentials, loadDemo, resetDemoAccounts } from './demo/load-demo.ts';
import { removeDemo } from './demo/remove-demo.ts';
import {
  createLogger,
  openConfiguredDatabase,
  platformServices,
  serve,
  stopServices,
  systemContext,
  work,
} from './main.ts';
import { createNetworkAdmin } from './modules/accounts/index.ts';
import {
  exportRegistry,
  importRegistryFile,
  loadGeneratedNetwork,
} from './modules/network/index.ts';
import type { Context } from './platform/context.ts';
import { DataFolderLockedError } from './platform/data-lock.ts';
import { EmbeddedDatabaseError } from './platform/embedded-postgres.ts';
import { AppError } from './platform/errors.ts';
import { migrate } from './platform/migrate.ts';

const program = new Command('intercoop')
  .description('Intercoop: software for a network of cooperatives to work together.')
  .showHelpAfterError();

program
  .command('serve')
  .description(
    'Start the server (HOST, PORT, DATABASE_URL and other settings come from the environment)',
  )
  .action(async () => {
    await serve(loadConfig());
  });

program
  .command('worker')
  .description(
    'Run the jobs alone (mail delivery, schedules), beside servers started with WORKERS=off; stops cleanly on SIGTERM',
  )
  .action(async () => {
    await work(loadConfig());
  });

program
  .command('migrate')
  .description('Apply the database migrations that have not been applied yet, then exit')
  .action(async () => {
    const config = loadConfig();
    const database = await openConfiguredDatabase(config, createLogger(config));
    try {
      const result = await migrate(database.pool);
      process.stdout.write(
        result.applied.length > 0
          ? `Applied ${result.applied.length} migration(s): ${result.applied.join(', ')}\n`
          : `The database is up to date (${result.alreadyApplied} migrations applied earlier).\n`,
      );
    } finally {
      await database.close();
    }
  });

program
  .command('create-admin')
  .description('Create another network admin with a random password, printed once')
  .requiredOption('--email <email>', 'the new admin’s email address')
  .action(async (options: { email: string }) => {
    const admin = await asSystem((ctx) => createNetworkAdmin(ctx, options.email));
    process.stdout.write(`Network admin: ${admin.email} password: ${admin.password}\n`);
  });

/** Opens the configured database, migrates it, and runs the work as the system. */
async function asSystem<T>(work: (ctx: Context) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const log = createLogger(config);
  const database = await openConfiguredDatabase(config, log);
  const url = publicUrlFor(config, config.port);
  const services = platformServices(config, database, log, url);
  try {
    await migrate(database.pool);
    const context = () => systemContext(config, database, log, services, url);
    // Creates the queues a use case may send to; the jobs themselves run in a server or worker.
    await services.jobs.start({ work: false, context });
    return await work(context());
  } finally {
    await stopServices(services);
    await database.close();
  }
}

function printDemoAccounts(accounts: DemoAccountCredentials[]) {
  for (const account of accounts) {
    process.stdout.write(
      `Demo account: ${account.email} password: ${account.password} (${account.description})\n`,
    );
  }
}

const demo = program
  .command('demo')
  .description(
    'The demo network (real cooperatives from public sources, generated ones around them, demo accounts)',
  );

demo
  .command('load')
  .description(
    'Load the demo network and print its accounts’ passwords (refused if loaded already)',
  )
  .action(async () => {
    const loaded = await asSystem(loadDemo);
    const { organizations = 0, affiliations = 0, partnerships = 0 } = loaded.counts;
    process.stdout.write(
      `Loaded the demo: ${organizations} organizations, ${affiliations} affiliations, ${partnerships} partnerships.\n`,
    );
    printDemoAccounts(loaded.accounts);
    for (const phone of loaded.phones) {
      process.stdout.write(
        `Demo member phone: ${phone.phone} PIN: ${phone.pin} (${phone.description})\n`,
      );
    }
  });

demo
  .command('accounts')
  .description('Give the demo accounts new random passwords and print them')
  .action(async () => {
    printDemoAccounts(await asSystem(resetDemoAccounts));
  });

demo
  .command('remove')
  .description(
    'Remove the demo network and its accounts (refused while records made outside the demo refer to it)',
  )
  .action(async () => {
    const {
      organizations = 0,
      affiliations = 0,
      partnerships = 0,
      accounts = 0,
    } = await asSystem(removeDemo);
    process.stdout.write(
      `Removed the demo: ${organizations} organizations, ${affiliations} affiliations, ${partnerships} partnerships, ${accounts} accounts.\n`,
    );
  });

program
  .command('generate')
  .description('Add a large synthetic network (marked as demo) for trials and benchmarks')
  .requiredOption('--organizations <count>', 'how many organizations, such as 100000', (value) => {
    const count = Number(value);
    if (!Number.isInteger(count) || count < 200 || count > 2_000_000) {
      throw new InvalidArgumentError('Give a whole number from 200 to 2,000,000.');
    }
    return count;
  })
  .option('--seed <seed>', 'the same seed gives the same network', (value) => Number(value), 7)
  .action(async (options: { organizations: number; seed: number }) => {
    const added = await asSystem((ctx) =>
      loadGeneratedNetwork(ctx, options.organizations, options.seed),
    );
    process.stdout.write(
      `Added ${Object.entries(added)
        .map(([table, count]) => `${count} ${table}`)
        .join(', ')}.\n`,
    );
  });

program
  .command('export')
  .description('Write the whole registry to a file: JSON, or a zip of CSV files (one a table)')
  .requiredOption('--out <file>', 'where to write it')
  .option('--format <format>', 'json or csv', 'json')
  .action(async (options: { out: string; format: string }) => {
    if (options.format !== 'json' && options.format !== 'csv') {
      throw new InvalidArgumentError('--format is json or csv.');
    }
    const format = options.format;
    const file = await asSystem((ctx) => exportRegistry(ctx, format));
    fs.writeFileSync(options.out, file.body);
    process.stdout.write(`Wrote ${options.out} (${file.body.length} bytes).\n`);
  });

program
  .command('import')
  .description(
    'Import an export into an empty registry: all of it, or nothing if any line is wrong',
  )
  .argument('<file>', 'a .json export, or a .zip of CSV files')
  .action(async (file: string) => {
    const counts = await asSystem((ctx) => importRegistryFile(ctx, file));
    process.stdout.write(
      `Imported ${Object.entries(counts)
        .map(([table, count]) => `${count} ${table}`)
        .join(', ')}.\n`,
    );
  });

program
  .command('check')
  .description(
    'Verify the invariants the modules register; exits 1 and lists the problems if any fails',
  )
  .action(async () => {
    const report = await asSystem((ctx) => runChecks(ctx.db));
    for (const { name, problems } of report) {
      process.stdout.write(`${problems.length === 0 ? 'ok  ' : 'FAIL'} ${name}\n`);
      for (const problem of problems) process.stdout.write(`     - ${problem}\n`);
    }
    if (report.some((entry) => entry.problems.length > 0)) process.exitCode = 1;
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // Expected failures get their message alone; anything else keeps its stack for a report.
  const expected =
    error instanceof ConfigError ||
    error instanceof DataFolderLockedError ||
    error instanceof EmbeddedDatabaseError ||
    error instanceof AppError;
  process.stderr.write(
    `${expected ? (error as Error).message : ((error as Error).stack ?? String(error))}\n`,
  );
  process.exit(1);
}
