import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../../core/logger.js';

/** The owner alone: the store holds users' tokens and the content of every email (docs/security.md). */
const folderMode = 0o700;
const fileMode = 0o600;

/**
 * C1: makes the store's folder (mode 0700) and, before SQLite first opens it, an empty database file (mode 0600),
 * so that SQLite, which gives its `-wal` and `-shm` files the database's own mode, never creates anything that
 * others can read. An empty file is a valid empty database.
 */
export function prepareStoreFolder(dir: string, file: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: folderMode });
  try {
    fs.closeSync(fs.openSync(file, 'wx', fileMode));
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'EEXIST') {
      throw error;
    }
  }
}

/**
 * C1: a store made by an older version (or copied with loose modes) is tightened where it stands: the folder to
 * 0700, the database, its `-wal` and `-shm` and the blob folder to owner-only, each change said in the log.
 * Windows has no such modes (its folders inherit the user profile's ACL), so nothing is done there.
 */
export function tightenStoreModes(dir: string, file: string, logger?: Logger): void {
  if (process.platform === 'win32') {
    return;
  }
  const entries: ReadonlyArray<readonly [string, number]> = [
    [dir, folderMode],
    [file, fileMode],
    [`${file}-wal`, fileMode],
    [`${file}-shm`, fileMode],
    [path.join(dir, 'blobs'), folderMode],
  ];
  for (const [entry, mode] of entries) {
    const info = fs.statSync(entry, { throwIfNoEntry: false });
    if (info === undefined || (info.mode & 0o077) === 0) {
      continue;
    }
    const was = (info.mode & 0o777).toString(8);
    try {
      fs.chmodSync(entry, mode);
    } catch (error) {
      // A store on a read-only mount, or owned by someone else, still opens; the log says what is wrong.
      logger?.warn('store permissions could not be tightened: others can read it', {
        path: entry,
        mode: was,
        error: error instanceof Error ? error.message : String(error),
      });
      continue;
    }
    logger?.warn('store permissions tightened: others could read it', {
      path: entry,
      was,
      now: mode.toString(8),
    });
  }
}
