import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataFolderLockedError, lockDataFolder } from './data-lock.ts';

const folders: string[] = [];
function freshFolder() {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'intercoop-lock-'));
  folders.push(folder);
  return folder;
}
afterEach(() => {
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

describe('the data folder lock', () => {
  it('is taken, refused to a second holder while held, and free again after release', () => {
    const folder = freshFolder();
    const lock = lockDataFolder(folder);
    expect(fs.readFileSync(lock.file, 'utf8').trim()).toBe(String(process.pid));

    // A second process sees this one running and must refuse.
    const other = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `import('${path.resolve('src/platform/data-lock.ts')}').then((m) => m.lockDataFolder(${JSON.stringify(folder)}))`,
      ],
      { encoding: 'utf8' },
    );
    expect(other.status).not.toBe(0);
    expect(other.stderr).toMatch(
      new RegExp(`in use by another Intercoop process \\(pid ${process.pid}\\)`),
    );

    lock.release();
    expect(fs.existsSync(lock.file)).toBe(false);
    const again = lockDataFolder(folder);
    again.release();
  });

  it('refuses while another live process holds it', () => {
    const folder = freshFolder();
    // pid 1 always runs; it stands for another Intercoop process here.
    fs.writeFileSync(path.join(folder, 'intercoop.lock'), '1\n');
    expect(() => lockDataFolder(folder)).toThrow(DataFolderLockedError);
    expect(() => lockDataFolder(folder)).toThrow(
      /Stop that process first, or set INTERCOOP_DATA_DIR/,
    );
  });

  it('takes over a lock left by a process that no longer runs', () => {
    const folder = freshFolder();
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    fs.writeFileSync(path.join(folder, 'intercoop.lock'), `${gone.stdout}\n`);
    const lock = lockDataFolder(folder);
    expect(fs.readFileSync(lock.file, 'utf8').trim()).toBe(String(process.pid));
    lock.release();
  });

  it('takes over an unreadable lock (a crash while writing it)', () => {
    const folder = freshFolder();
    fs.writeFileSync(path.join(folder, 'intercoop.lock'), '');
    lockDataFolder(folder).release();
  });
});
