import type * as FsPromises from 'node:fs/promises';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBlobStore } from '../../../../electron/core/blob-store.js';
import { listFiles, makeTempDir } from './support.js';

/** The disk fills up after the first write: every write of a file handle fails with ENOSPC, like a full disk. */
const disk = vi.hoisted(() => ({ full: false }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof FsPromises>();
  return {
    ...actual,
    open: async (...args: Parameters<typeof actual.open>) => {
      const handle = await actual.open(...args);
      const write = handle.write.bind(handle) as (...a: unknown[]) => Promise<unknown>;
      let writes = 0;
      Object.assign(handle, {
        write: async (...a: unknown[]) => {
          writes += 1;
          if (disk.full && writes > 1) {
            throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
          }
          return write(...a);
        },
      });
      return handle;
    },
  };
});

let temp: Awaited<ReturnType<typeof makeTempDir>>;

beforeEach(async () => {
  temp = await makeTempDir();
});

afterEach(async () => {
  disk.full = false;
  await temp.remove();
});

describe('createBlobStore on a full disk', () => {
  it('rejects with a BlobStoreError coded ENOSPC and leaves no temp file', async () => {
    disk.full = true;
    const store = createBlobStore(temp.dir);

    await expect(
      store.put(Readable.from([Buffer.alloc(1000, 1), Buffer.alloc(1000, 2)])),
    ).rejects.toMatchObject({
      name: 'BlobStoreError',
      code: 'ENOSPC',
    });
    expect(await listFiles(temp.dir)).toEqual([]);
  });
});
