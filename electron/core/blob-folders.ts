import { mkdirSync } from 'node:fs';
import { mkdir, open, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { errorCode } from './blob-store-error.js';

/**
 * The folders of one blob store, made once each: `mkdir` is a round trip to the thread pool per call, and a put
 * asks for two folders. A folder removed behind the store's back is made again when an action in it meets ENOENT.
 */
export type BlobFolders = {
  /** Runs `action` in `folder`, made first when this store has not made or found it yet. */
  inFolder<T>(folder: string, action: () => Promise<T>): Promise<T>;
  /** `inFolder` with blocking calls, for `putSmallBlobNow`. */
  inFolderNow(folder: string, action: () => void): void;
  /** Forgets every folder made, so that each is made (and checked) again. */
  forget(): void;
};

/**
 * With `sync`, each new folder's entry is flushed in its parent: a blob renamed into a new shard folder is not
 * durable until the shard's own name is.
 */
export function createBlobFolders(sync: boolean): BlobFolders {
  const madeFolders = new Set<string>();

  /** Makes `folder` (and any missing parent). */
  async function makeFolder(folder: string): Promise<void> {
    const first = await mkdir(folder, { recursive: true, mode: 0o700 });
    if (sync && first !== undefined) {
      const made: string[] = [];
      for (let dir = folder; ; dir = path.dirname(dir)) {
        made.push(dir);
        if (dir === first || path.dirname(dir) === dir) {
          break;
        }
      }
      try {
        for (const dir of made) {
          await syncFolder(path.dirname(dir));
        }
      } catch (error) {
        // Removed again (they are empty), so that the next try makes them, and flushes them, anew.
        for (const dir of made) {
          await rmdir(dir).catch(() => undefined);
        }
        throw error;
      }
    }
    madeFolders.add(folder);
  }

  function makeFolderNow(folder: string): void {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    madeFolders.add(folder);
  }

  return {
    async inFolder(folder, action) {
      if (!madeFolders.has(folder)) {
        await makeFolder(folder);
      }
      try {
        return await action();
      } catch (error) {
        if (errorCode(error) !== 'ENOENT') {
          throw error;
        }
        madeFolders.delete(folder);
        await makeFolder(folder);
        return action();
      }
    },
    inFolderNow(folder, action) {
      if (!madeFolders.has(folder)) {
        makeFolderNow(folder);
      }
      try {
        action();
      } catch (error) {
        if (errorCode(error) !== 'ENOENT') {
          throw error;
        }
        madeFolders.delete(folder);
        makeFolderNow(folder);
        action();
      }
    },
    forget() {
      madeFolders.clear();
    },
  };
}

/**
 * Makes a rename or a new entry in `folder` durable. On POSIX a failure is the disk's and is thrown (the blob may
 * not survive a power cut, so the caller must not report it stored); Windows cannot open a folder and makes
 * renames durable itself (NTFS journals metadata), so there is nothing to do there.
 */
export async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') {
    return;
  }
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
