import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobStoreError } from '../../../../electron/core/blob-store-error.js';
import { createBlobStore } from '../../../../electron/core/blob-store.js';
import type { BlobStore } from '../../../../electron/core/blob-store.js';
import { listFiles, listTempFiles, makeTempDir, sha256 } from './support.js';

const MiB = 1024 * 1024;

let temp: Awaited<ReturnType<typeof makeTempDir>>;
/** Without fsync (back-fill, CLI): buffers up to 1 MiB take the blocking path (`putSmallNow`). */
let store: BlobStore;

beforeEach(async () => {
  temp = await makeTempDir();
  store = createBlobStore(temp.dir, { sync: false });
});

afterEach(async () => {
  await temp.remove();
});

/** Two different contents whose blobs share their `<aa>` folder. */
function twoInOneFolder(): [Buffer, Buffer] {
  const first = Buffer.from('content 0');
  const prefix = sha256(first).slice(0, 2);
  for (let n = 1; ; n++) {
    const other = Buffer.from(`content ${n}`);
    if (sha256(other).slice(0, 2) === prefix) {
      return [first, other];
    }
  }
}

function folderOf(content: Buffer): string {
  return path.join(temp.dir, sha256(content).slice(0, 2));
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the put to fail');
}

describe('BlobStore.putBuffer without fsync (small buffers written with blocking calls)', () => {
  it('stores the bytes at their content address, created the first time only', async () => {
    const content = Buffer.from('small attachment bytes');
    const hash = sha256(content);

    const first = await store.putBuffer(content);
    expect(first).toEqual({
      sha256: hash,
      size: content.length,
      path: path.join(temp.dir, hash.slice(0, 2), hash.slice(2)),
      created: true,
    });
    expect(await readFile(first.path)).toEqual(content);
    const before = await stat(first.path);

    const second = await store.putBuffer(Buffer.from('small attachment bytes'));
    expect(second).toEqual({ ...first, created: false });
    expect((await stat(second.path)).ino).toBe(before.ino);
    expect(await listFiles(temp.dir)).toEqual([path.join(hash.slice(0, 2), hash.slice(2))]);

    // Another store (another process) finds the blob already there too.
    expect(await createBlobStore(temp.dir, { sync: false }).putBuffer(content)).toEqual(second);
  });

  it('stores only the viewed bytes of a Uint8Array that is a window on a larger buffer', async () => {
    const whole = Buffer.from('HEADER|the attachment|TRAILER');
    const view = new Uint8Array(whole.buffer, whole.byteOffset + 7, 14);

    const stored = await store.putBuffer(view);

    expect(stored).toMatchObject({ sha256: sha256('the attachment'), size: 14, created: true });
    expect(await readFile(stored.path, 'utf8')).toBe('the attachment');
  });

  it('stores an empty buffer', async () => {
    const stored = await store.putBuffer(new Uint8Array(0));
    expect(stored).toMatchObject({ sha256: sha256(''), size: 0, created: true });
    expect(await readFile(stored.path)).toEqual(Buffer.alloc(0));
  });

  it('has written a buffer of up to 1 MiB before putBuffer returns (no thread-pool round trip)', async () => {
    for (const size of [1, 12_000, MiB]) {
      const content = Buffer.alloc(size, size % 251);
      const pending = store.putBuffer(content);
      expect(existsSync(store.path(sha256(content))), `${size} bytes`).toBe(true);
      expect((await pending).created).toBe(true);
      expect(sha256(await readFile(store.path(sha256(content))))).toBe(sha256(content));
    }
  });

  it('writes larger buffers, and every buffer of a store with fsync, through the streaming path', async () => {
    const large = Buffer.alloc(MiB + 1, 7);
    const pending = store.putBuffer(large);
    expect(existsSync(store.path(sha256(large)))).toBe(false);
    expect(await pending).toMatchObject({ size: MiB + 1, created: true });
    expect(sha256(await readFile(store.path(sha256(large))))).toBe(sha256(large));

    const synced = createBlobStore(temp.dir);
    const small = Buffer.from('fsynced');
    const syncedPending = synced.putBuffer(small);
    expect(existsSync(synced.path(sha256(small)))).toBe(false);
    expect((await syncedPending).created).toBe(true);
  });

  it('leaves no temp file behind after a successful put', async () => {
    await store.putBuffer(Buffer.from('one'));
    await store.putBuffer(Buffer.from('two'));
    await store.putBuffer(Buffer.from('one'));
    expect(await listTempFiles(temp.dir)).toEqual([]);
  });
});

describe.each([
  ['without fsync (putSmallNow)', { sync: false }],
  ['with fsync', { sync: true }],
])('a folder deleted behind the store’s back, %s', (_name, options) => {
  let folders: BlobStore;
  beforeEach(() => {
    folders = createBlobStore(temp.dir, options);
  });

  it('makes the blob’s <aa> folder again: the next put into it succeeds', async () => {
    const [first, second] = twoInOneFolder();
    await folders.putBuffer(first);
    await rm(folderOf(first), { recursive: true });

    const stored = await folders.putBuffer(second);

    expect(stored).toMatchObject({ sha256: sha256(second), created: true });
    expect(await readFile(stored.path)).toEqual(second);
    expect(await listTempFiles(temp.dir)).toEqual([]);
  });

  it('makes the temp folder again: the next put succeeds', async () => {
    await folders.putBuffer(Buffer.from('before'));
    await rm(path.join(temp.dir, '.tmp'), { recursive: true });

    const stored = await folders.putBuffer(Buffer.from('after'));

    expect(await readFile(stored.path, 'utf8')).toBe('after');
  });

  it('makes the whole tree again when the store folder itself was emptied', async () => {
    const [first, second] = twoInOneFolder();
    await folders.putBuffer(first);
    await rm(temp.dir, { recursive: true });

    const stored = await folders.putBuffer(second);

    expect(await readFile(stored.path)).toEqual(second);
    // The deleted blob is written again, not reported as already there.
    expect(await folders.putBuffer(first)).toMatchObject({ created: true });
  });
});

describe('BlobStore.putBuffer without fsync on a broken disk', () => {
  it('turns a file where the <aa> folder should be into a BlobStoreError, and writes nothing', async () => {
    const content = Buffer.from('blocked');
    await writeFile(folderOf(content), 'in the way');

    const error = await caught(store.putBuffer(content));

    expect(error).toBeInstanceOf(BlobStoreError);
    expect(error).toMatchObject({ code: 'ENOTDIR' });
    expect(await listTempFiles(temp.dir)).toEqual([]);
  });

  it('removes the temp file when the blob cannot be moved into place, and recovers once it can', async () => {
    const content = Buffer.from('cannot be moved');
    // A dangling link where the <aa> folder should be: the lookup finds no blob, the temp file is written, then
    // neither mkdir nor rename can go through the link.
    await symlink(path.join(temp.dir, 'nowhere', 'deeper'), folderOf(content));

    const error = await caught(store.putBuffer(content));

    expect(error).toBeInstanceOf(BlobStoreError);
    expect(error).toMatchObject({ code: 'ENOENT' });
    expect(existsSync(path.join(temp.dir, '.tmp'))).toBe(true); // the temp file was made, and is gone
    expect(await listTempFiles(temp.dir)).toEqual([]);

    await rm(folderOf(content));
    expect(await store.putBuffer(content)).toMatchObject({ created: true });
  });

  it('turns a file where the temp folder should be into a BlobStoreError', async () => {
    await writeFile(path.join(temp.dir, '.tmp'), 'in the way');

    const error = await caught(store.putBuffer(Buffer.from('no temp folder')));

    expect(error).toBeInstanceOf(BlobStoreError);
    expect(error).toMatchObject({ code: expect.stringMatching(/^E[A-Z]+$/) });
    expect((error as Error).message).toMatch(/temp file/);
  });

  it('after a failure, makes its folders again once the obstacle is gone', async () => {
    const [first, second] = twoInOneFolder();
    await store.putBuffer(first);
    await rm(folderOf(first), { recursive: true });
    await writeFile(folderOf(first), 'in the way');
    await expect(store.putBuffer(second)).rejects.toBeInstanceOf(BlobStoreError);

    await rm(folderOf(first));
    await rm(path.join(temp.dir, '.tmp'), { recursive: true });
    await mkdir(temp.dir, { recursive: true });

    expect(await readFile((await store.putBuffer(second)).path)).toEqual(second);
    expect(await store.putBuffer(first)).toMatchObject({ created: true });
    expect(await listTempFiles(temp.dir)).toEqual([]);
  });
});
