// The `intercoop` command: an adapter over the same code the server runs.
import { Command } from 'commander';
import { ConfigError, loadConfig } from './config.ts';
import { openConfiguredDatabase, serve } from './main.ts';
import { DataFolderLockedError } from './platform/data-lock.ts';
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
  .command('migrate')
  .description('Apply the database migrations that have not been applied yet, then exit')
  .action(async () => {
    const database = await openConfiguredDatabase(loadConfig());
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

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // Expected failures get their message alone; anything else keeps its stack for a report.
  const expected = error instanceof ConfigError || error instanceof DataFolderLockedError;
  process.stderr.write(
    `${expected ? (error as Error).message : ((error as Error).stack ?? String(error))}\n`,
  );
  process.exit(1);
}
