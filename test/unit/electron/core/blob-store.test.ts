import { mkdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobStoreError } from '../../../../electron/core/blob-store-error.js';
import { createBlobStore } from '../../../../electron/core/blob-store.js';
import type { BlobStore } from '../../../../electron/core/blob-store.js';
import { listFiles, listTempFiles, makeTempDir, sha256 } from './support.js';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let store: BlobStore;

beforeEach(async () => {
  temp = await makeTempDir();
  store = createBlobStore(temp.dir);
});

afterEach(async () => {
  await temp.remove();
});

describe('createBlobStore', () => {
  it('stores a stream under its sha256 as <aa>/<rest> and reports its size', async () => {
    const content = 'hello blob store\n';
    const hash = sha256(content);

    const stored = await store.put(Readable.from([Buffer.from('hello '), Buffer.from('blob store\n')]));

    expect(stored).toEqual({
      sha256: hash,
      size: content.length,
      path: path.join(temp.dir, hash.slice(0, 2), hash.slice(2)),
      created: true,
    });
    expect(await readFile(stored.path, 'utf8')).toBe(content);
    expect(await listFiles(temp.dir)).toEqual([path.join(hash.slice(0, 2), hash.slice(2))]);
  });

  it('stores the same content once and does not rewrite an existing blob', async () => {
    const first = await store.putBuffer(Buffer.from('same bytes'));
    const before = await stat(first.path);

    const second = await store.put(Readable.from([Buffer.from('same '), Buffer.from('bytes')]));

    expect(second).toEqual({ ...first, created: false });
    expect((await stat(second.path)).ino).toBe(before.ino);
    expect(await listFiles(temp.dir)).toHaveLength(1);
  });

  it('stores the same way with fsync turned off (back-fill, CLI)', async () => {
    const unsynced = createBlobStore(temp.dir, { sync: false });
    const stored = await unsynced.putBuffer(Buffer.from('no fsync'));
    expect([stored.sha256, await readFile(stored.path, 'utf8')]).toEqual([sha256('no fsync'), 'no fsync']);
  });

  it('stores an empty stream', async () => {
    const stored = await store.put(Readable.from([]));
    expect([stored.sha256, stored.size]).toEqual([sha256(''), 0]);
  });

  it('removes the temp file and passes the source error on when the source fails mid-stream', async () => {
    const source = new PassThrough();
    source.write(Buffer.alloc(100_000, 1));
    setTimeout(() => source.destroy(new Error('source broke')), 10);

    await expect(store.put(source)).rejects.toThrow('source broke');
    expect(await listFiles(temp.dir)).toEqual([]);
  });

  it('turns a disk failure into a BlobStoreError and removes the temp file', async () => {
    const content = Buffer.from('blocked');
    const hash = sha256(content);
    // A file where the blob's folder should be: moving the blob into place fails.
    await writeFile(path.join(temp.dir, hash.slice(0, 2)), 'in the way');

    const failure = store.putBuffer(content);

    await expect(failure).rejects.toBeInstanceOf(BlobStoreError);
    await expect(failure).rejects.toMatchObject({ code: expect.stringMatching(/^E[A-Z]+$/) });
    expect(await listTempFiles(temp.dir)).toEqual([]);
  });

  it('never turns anything but a sha256 into a path', () => {
    for (const bad of ['../../etc/passwd', 'ABC', '0'.repeat(63), `${'0'.repeat(63)}/`, 'G'.repeat(64)]) {
      expect(() => store.path(bad)).toThrow(TypeError);
    }
    expect(store.path('a'.repeat(64))).toBe(path.join(temp.dir, 'aa', 'a'.repeat(62)));
  });

  it('answers has() and remove() by content address', async () => {
    const { sha256: hash } = await store.putBuffer(Buffer.from('to be removed'));
    expect(await store.has(hash)).toBe(true);
    expect(await store.remove(hash)).toBe(true);
    expect([await store.has(hash), await store.remove(hash)]).toEqual([false, false]);
  });

  it('removes only stale temp files left by a crashed writer', async () => {
    const tempDir = path.join(temp.dir, '.tmp');
    await mkdir(tempDir, { recursive: true });
    await writeFile(path.join(tempDir, 'old.part'), 'crashed');
    await writeFile(path.join(tempDir, 'new.part'), 'in progress');
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    await utimes(path.join(tempDir, 'old.part'), twoHoursAgo, twoHoursAgo);

    expect(await store.removeStaleTemp()).toBe(1);
    expect(await listTempFiles(temp.dir)).toEqual([path.join('.tmp', 'new.part')]);
  });
});
