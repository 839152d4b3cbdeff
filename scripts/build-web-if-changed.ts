// `npm start` runs this first: the web app is built again only when a file its last build read
// (or the lock file, or the build's configuration) has changed since, or when it was never built.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { whyBuildAgain } from '../web/record-sources.ts';

const root = path.resolve(import.meta.dirname, '..');
const reason = whyBuildAgain(root);
if (reason === undefined) {
  process.stdout.write('The web app is up to date with its sources: not built again.\n');
} else {
  process.stdout.write(`Building the web app (${reason}).\n`);
  const result = spawnSync(
    'npx',
    ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  process.exit(result.status ?? 1);
}
