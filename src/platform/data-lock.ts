// One Intercoop server per data folder: the process holding this lock file runs the folder's
// embedded PostgreSQL and stops it; a second server stops with a clear message, and commands
// such as `intercoop check` join the running one instead (see db.ts).
import fs from 'node:fs';
import path from 'node:path';

export type DataLock = { readonly file: string; release(): void };

export class DataFolderLockedError extends Error {
  constructor(
    folder: string,
    readonly holderPid: number,
  ) {
    super(
      `The data folder ${folder} is in use by another Intercoop process (pid ${holderPid}): ` +
        'one server runs per data folder. Stop that process first, or set INTERCOOP_DATA_DIR to another folder. ' +
        'Other commands (check, export, demo, migrate) work beside it.',
    );
    this.name = 'DataFolderLockedError';
  }
}

/** Whether a process with this pid runs (EPERM: it does, as another user). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): number | undefined {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes the lock on `folder` for this process, or throws DataFolderLockedError. A lock left by a
 * process that no longer runs (a crash, a power cut) is taken over.
 */
export function lockDataFolder(folder: string): DataLock {
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, 'intercoop.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      // 'wx' creates the file only if it does not exist: atomic on local file systems.
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      let released = false;
      return {
        file,
        release() {
          if (released) return;
          released = true;
          if (readHolder(file) === process.pid) fs.rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(file);
      if (holder !== undefined && holder !== process.pid && isRunning(holder)) {
        throw new DataFolderLockedError(folder, holder);
      }
      // Stale (its process is gone) or unreadable (a crash mid-write): remove it and retry.
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not take the lock file ${file}; check the folder's permissions.`);
}
