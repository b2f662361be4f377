import fs from 'node:fs';
import path from 'node:path';
import { storeFileName } from '../crm/local/open-local-store.js';

/** The error code of a failed file-system call, if it has one. */
function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Why the store folder `dir` cannot be opened for writing, in words, or null when nothing is in the way. Checked
 * before SQLite is asked, because SQLite and mkdir only say `EEXIST`, `ENOENT` or "unable to open database file".
 * The nearest folder that exists is the one that decides: the store is created below it.
 */
export function describeStoreProblem(dir: string): string | null {
  let existing = dir;
  for (;;) {
    try {
      const stat = fs.statSync(existing);
      if (!stat.isDirectory()) {
        return existing === dir
          ? `${dir} is a file, not a folder: give --store a folder (it is created if missing)`
          : `${existing} is a file, so the store ${dir} cannot be created below it: give --store a folder`;
      }
      break;
    } catch (error) {
      const parent = path.dirname(existing);
      // ENOTDIR: a file further up; walking up finds it and says so.
      const missing = codeOf(error) === 'ENOENT' || codeOf(error) === 'ENOTDIR';
      if (!missing || parent === existing) {
        return `cannot look at ${existing}: ${error instanceof Error ? error.message : String(error)}`;
      }
      existing = parent;
    }
  }
  const targets = existing === dir ? [dir, path.join(dir, storeFileName)] : [existing];
  for (const target of targets) {
    try {
      fs.accessSync(target, fs.constants.W_OK);
    } catch (error) {
      switch (codeOf(error)) {
        case 'ENOENT':
          continue;
        case 'EROFS':
          return `the store ${dir} is on a read-only file system: give --store a folder on a writable disk`;
        case 'EACCES':
        case 'EPERM':
          return `you may not write to ${target}: give --store a folder of your own, or ask its owner for write access`;
        default:
          return `cannot write to ${target}: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
  }
  return null;
}
