import { randomUUID } from 'node:crypto';
import { renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BlobFolders } from './blob-folders.js';
import type { StoredBlob } from './blob-store.js';
import { BlobStoreError } from './blob-store-error.js';

function now<T>(what: string, action: () => T): T {
  try {
    return action();
  } catch (error) {
    throw new BlobStoreError(`Cannot ${what}`, { cause: error });
  }
}

/**
 * Without fsync, a small blob is written with blocking calls: five thread-pool round trips (stat, open, write,
 * close, rename) cost about five times what the calls themselves cost (0.44 vs 0.09 ms for 12 KB, measured),
 * and blocking the event loop for a tenth of a millisecond holds nothing up.
 */
export function putSmallBlobNow(
  folders: BlobFolders,
  tempDir: string,
  blob: { readonly sha256: string; readonly bytes: Buffer; readonly finalPath: string },
): StoredBlob {
  const { sha256, bytes, finalPath } = blob;
  if (now('look the blob up', () => statSync(finalPath, { throwIfNoEntry: false }) !== undefined)) {
    return { sha256, size: bytes.length, path: finalPath, created: false };
  }
  const tempPath = path.join(tempDir, `${randomUUID()}.part`);
  const folder = path.dirname(finalPath);
  try {
    now('write the temp file', () =>
      folders.inFolderNow(tempDir, () => writeFileSync(tempPath, bytes, { flag: 'wx', mode: 0o600 })),
    );
    now('move the blob into place', () => folders.inFolderNow(folder, () => renameSync(tempPath, finalPath)));
  } catch (error) {
    try {
      rmSync(tempPath, { force: true });
    } catch {
      // The temp folder itself is unusable (ENOTDIR): there is no temp file to remove.
    }
    folders.forget();
    throw error;
  }
  return { sha256, size: bytes.length, path: finalPath, created: true };
}
