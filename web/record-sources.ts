// Writes, after a build, the project files the build read with their SHA-256, so that `npm start`
// builds the web app again only when one of them changed (scripts/build-web-if-changed.ts).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

export const sourcesFile = 'build-sources.json';

/** Files that decide the build besides the modules it reads. */
export const buildInputs = [
  'package-lock.json',
  'web/vite.config.ts',
  'web/precompile-messages.ts',
  'web/record-sources.ts',
];

export function hashFile(file: string): string | undefined {
  try {
    return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  } catch {
    return undefined;
  }
}

export function recordSources(projectRoot: string): Plugin {
  return {
    name: 'intercoop-record-sources',
    apply: 'build',
    writeBundle(options) {
      const files = new Set(buildInputs);
      for (const id of this.getModuleIds()) {
        const file = id.split('?')[0] ?? id;
        if (file.startsWith('\0') || file.includes(`${path.sep}node_modules${path.sep}`)) continue;
        if (!path.isAbsolute(file) || !fs.existsSync(file)) continue;
        files.add(path.relative(projectRoot, file));
      }
      const hashes = Object.fromEntries(
        [...files].sort().map((file) => [file, hashFile(path.join(projectRoot, file)) ?? null]),
      );
      fs.writeFileSync(
        path.join(options.dir ?? 'dist', sourcesFile),
        `${JSON.stringify(hashes, null, 1)}\n`,
      );
    },
  };
}

/** Why the web app must be built again in `root`, or undefined when its build is up to date. */
export function whyBuildAgain(root: string): string | undefined {
  if (!fs.existsSync(path.join(root, 'web', 'dist', 'index.html'))) return 'not built yet';
  let hashes: Record<string, string | null>;
  try {
    hashes = JSON.parse(
      fs.readFileSync(path.join(root, 'web', 'dist', sourcesFile), 'utf8'),
    ) as Record<string, string | null>;
  } catch {
    return 'no record of what the last build read';
  }
  for (const [file, hash] of Object.entries(hashes)) {
    if (hashFile(path.join(root, file)) !== (hash ?? undefined)) return `${file} changed`;
  }
  return undefined;
}
