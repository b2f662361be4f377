import { createHash, randomUUID } from 'node:crypto';
import { open, rename, rm, stat, unlink } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { createBlobFolders, syncFolder } from './blob-folders.js';
import { BlobStoreError, errorCode, onDisk } from './blob-store-error.js';
import { putSmallBlobNow } from './put-small-blob-now.js';
import { removeStaleTemp } from './remove-stale-temp.js';

/**
 * A content-addressed store of attachment bytes on disk: a blob's name is the sha256 of its content, so the same
 * attachment mailed twice is stored once, and no name ever comes from the mail (file names in mail are
 * attacker-chosen: `../../.bashrc`). Writes stream through the hash into a temp file in the store's own folder
 * tree (same file system, so the final rename is atomic), are fsynced, then renamed to `<dir>/<aa>/<rest>`:
 * a crash leaves either no blob or a whole one, never a torn one.
 */
export type BlobStore = {
  /** The store's root folder. */
  readonly dir: string;
  /** Streams `source` into the store; the whole content is never held in memory. */
  put(source: Readable): Promise<StoredBlob>;
  putBuffer(data: Uint8Array): Promise<StoredBlob>;
  /** Where the blob of `sha256` lives (whether or not it exists). Throws on anything but 64 lower-case hex digits. */
  path(sha256: string): string;
  has(sha256: string): Promise<boolean>;
  /** Deletes a blob; false when there was none. Only for a caller that knows no one else refers to it. */
  remove(sha256: string): Promise<boolean>;
  /**
   * Deletes temp files left by a process that died mid-write, when older than `olderThanMs` (default one hour,
   * far above the parse time limit, so a write in progress in another process is never touched).
   */
  removeStaleTemp(olderThanMs?: number): Promise<number>;
};

export type StoredBlob = {
  readonly sha256: string;
  readonly size: number;
  readonly path: string;
  /** False when the blob was already there (it is then not rewritten). */
  readonly created: boolean;
};

const TEMP_FOLDER = '.tmp';
/** Up to this size, a blob stored without fsync is written with blocking calls (`putSmallBlobNow`). */
const SYNC_WRITE_MAX_BYTES = 1024 * 1024;
const SHA256_HEX = /^[0-9a-f]{64}$/;

export type BlobStoreOptions = {
  /**
   * fsync each blob and its folder before answering (default true). The companion needs it: the IMAP MOVE that
   * follows removes the only other copy. A back-fill or the CLI may turn it off, since the source files stay
   * where they are; a crash then costs a re-run, never a message.
   */
  readonly sync?: boolean;
};

export function createBlobStore(dir: string, options: BlobStoreOptions = {}): BlobStore {
  const sync = options.sync ?? true;
  const root = path.resolve(dir);
  const tempDir = path.join(root, TEMP_FOLDER);

  function blobPath(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) {
      throw new TypeError(`Not a sha256 hex digest: ${JSON.stringify(sha256)}`);
    }
    return path.join(root, sha256.slice(0, 2), sha256.slice(2));
  }

  const folders = createBlobFolders(sync);
  const inFolder = folders.inFolder.bind(folders);

  /** Writes a temp file with `fill`, flushes it, and moves it to its content address (or drops it: already there). */
  async function store(
    fill: (handle: FileHandle) => Promise<{ sha256: string; size: number }>,
  ): Promise<StoredBlob> {
    const tempPath = path.join(tempDir, `${randomUUID()}.part`);
    let handle: FileHandle | undefined;
    try {
      handle = await onDisk('create a temp file', () => inFolder(tempDir, () => open(tempPath, 'wx', 0o600)));
      const { sha256, size } = await fill(handle);
      const file = handle;
      await onDisk('flush the temp file', async () => {
        if (sync) {
          await file.sync();
        }
        await file.close();
      });
      handle = undefined;
      const finalPath = blobPath(sha256);
      const created = await onDisk('move the blob into place', () =>
        moveIntoPlace(tempPath, finalPath, sync, inFolder),
      );
      return { sha256, size, path: finalPath, created };
    } catch (error) {
      await handle?.close().catch(() => undefined);
      await rm(tempPath, { force: true }).catch(() => undefined);
      throw error;
    }
  }

  async function put(source: Readable): Promise<StoredBlob> {
    // A source that fails while the temp file is being created would emit 'error' with no listener, which
    // crashes the process; the copy loop below still sees the error (a stream remembers it) and rejects with it.
    source.on('error', ignoreError);
    try {
      return await store((handle) => copyHashing(source, handle));
    } finally {
      source.off('error', ignoreError);
    }
  }

  /**
   * Bytes already in memory are hashed first, so a blob that is already there (the same message logged again, a
   * common attachment) costs one `stat` and no write at all.
   */
  async function putBuffer(data: Uint8Array): Promise<StoredBlob> {
    const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const finalPath = blobPath(sha256);
    if (!sync && bytes.length <= SYNC_WRITE_MAX_BYTES) {
      return putSmallBlobNow(folders, tempDir, { sha256, bytes, finalPath });
    }
    if (await onDisk('look the blob up', () => exists(finalPath))) {
      return { sha256, size: bytes.length, path: finalPath, created: false };
    }
    return store(async (handle) => {
      await onDisk('write the temp file', () => writeAll(handle, bytes));
      return { sha256, size: bytes.length };
    });
  }

  return {
    dir: root,
    put,
    putBuffer,
    path: blobPath,
    has: async (sha256) => exists(blobPath(sha256)),
    remove: async (sha256) => {
      try {
        await unlink(blobPath(sha256));
        return true;
      } catch (error) {
        if (errorCode(error) === 'ENOENT') {
          return false;
        }
        throw new BlobStoreError(`Cannot remove blob ${sha256}`, { cause: error });
      }
    },
    removeStaleTemp: async (olderThanMs = 3_600_000) => removeStaleTemp(tempDir, olderThanMs),
  };
}

/**
 * Reads `source` to its end, hashing and writing each chunk; awaiting every write is the backpressure.
 * A source error propagates as is (it is the content's fault); a write error becomes a BlobStoreError.
 */
async function copyHashing(source: Readable, handle: FileHandle): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of source as AsyncIterable<Buffer | string>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    hash.update(bytes);
    size += bytes.length;
    await onDisk('write the temp file', () => handle.write(bytes));
  }
  return { sha256: hash.digest('hex'), size };
}

/** Renames the temp file to its content address unless a blob is already there; true when it moved. */
async function moveIntoPlace(
  tempPath: string,
  finalPath: string,
  sync: boolean,
  inFolder: <T>(folder: string, action: () => Promise<T>) => Promise<T>,
): Promise<boolean> {
  if (await exists(finalPath)) {
    await unlink(tempPath);
    return false;
  }
  const folder = path.dirname(finalPath);
  // Two writers of the same content may both get here; the second rename replaces identical bytes.
  await inFolder(folder, () => rename(tempPath, finalPath));
  if (sync) {
    try {
      await syncFolder(folder);
    } catch (error) {
      // Not durable: take it back, so that a retry writes it again rather than finding it "already there".
      await unlink(finalPath).catch(() => undefined);
      throw error;
    }
  }
  return true;
}

/** Writes all of `bytes` at the file's current position (one `write` may write fewer bytes than asked). */
async function writeAll(handle: FileHandle, bytes: Buffer): Promise<void> {
  for (let done = 0; done < bytes.length;) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.length - done);
    done += bytesWritten;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') {
      return false;
    }
    throw new BlobStoreError(`Cannot read ${path.basename(file)}`, { cause: error });
  }
}

function ignoreError(): void {}
