import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBinaries, reachableBinaries, runAsFor } from './embedded-postgres.ts';

describe('the embedded PostgreSQL binaries', () => {
  it.runIf(process.getuid?.() === 0)(
    'as root, are copied where the postgres user can run them when their folder is closed to it',
    async () => {
      const installed = await findBinaries();
      const closed = fs.mkdtempSync(path.join(os.tmpdir(), 'intercoop-closed-'));
      try {
        fs.chmodSync(closed, 0o700);
        const native = path.dirname(path.dirname(installed.postgres));
        const packageFolder = path.join(closed, 'package');
        fs.mkdirSync(packageFolder);
        fs.copyFileSync(
          path.join(native, '..', 'package.json'),
          path.join(packageFolder, 'package.json'),
        );
        fs.cpSync(native, path.join(packageFolder, 'native'), { recursive: true });
        const inClosed = {
          initdb: path.join(packageFolder, 'native', 'bin', 'initdb'),
          pg_ctl: path.join(packageFolder, 'native', 'bin', 'pg_ctl'),
          postgres: path.join(packageFolder, 'native', 'bin', 'postgres'),
        };
        const said: string[] = [];
        const runAs = runAsFor(() => {});
        const usable = reachableBinaries(inClosed, runAs, (message) => said.push(message));
        expect(usable.postgres.startsWith(closed)).toBe(false);
        const version = execFileSync(usable.postgres, ['--version'], {
          uid: runAs?.uid,
          gid: runAs?.gid,
          encoding: 'utf8',
        });
        expect(version).toMatch(/^postgres \(PostgreSQL\) \d+/);
        // Reachable binaries are used where they are, and the copy is made once.
        expect(reachableBinaries(installed, runAs, () => {})).toEqual(installed);
        const saidOnce = said.length;
        expect(reachableBinaries(inClosed, runAs, (message) => said.push(message))).toEqual(usable);
        expect(said).toHaveLength(saidOnce);
      } finally {
        fs.rmSync(closed, { recursive: true, force: true });
      }
    },
  );
});
