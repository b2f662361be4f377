import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBlobStore } from '../../../../../electron/core/blob-store.js';
import type { Logger } from '../../../../../electron/core/logger.js';
import { openLocalStore, storeFileName } from '../../../../../electron/crm/local/open-local-store.js';
import { makeTempDir, removeTempDirs, sampleCrm } from '../helpers/temp-store.js';

afterEach(removeTempDirs);

const modeOf = (file: string): string => (fs.statSync(file).mode & 0o777).toString(8);

function recordingLogger(): { logger: Logger; warnings: Array<Record<string, unknown>> } {
  const warnings: Array<Record<string, unknown>> = [];
  const logger: Logger = {
    info: () => undefined,
    warn: (message, fields = {}) => warnings.push({ message, ...fields }),
    error: () => undefined,
  };
  return { logger, warnings };
}

// Modes exist on every platform but Windows; there the store relies on the profile folder's ACL.
describe.runIf(process.platform !== 'win32')('store permissions (docs/rules.md C1)', () => {
  it('creates the store folder 0700 and crm.sqlite, -wal and -shm 0600, and mail-content blobs owner-only', async () => {
    const dir = path.join(makeTempDir(), 'store');
    const store = openLocalStore(dir);
    store.importCrm(sampleCrm); // a write: the -wal and -shm files exist from here on
    const file = path.join(dir, storeFileName);
    const blobs = createBlobStore(path.join(dir, 'blobs'), { sync: false });
    const small = await blobs.putBuffer(Buffer.from('From: a@b.example\r\n\r\nraw mail\r\n'));
    const synced = await createBlobStore(path.join(dir, 'blobs')).putBuffer(Buffer.alloc(2048, 0x41));

    expect({
      folder: modeOf(dir),
      database: modeOf(file),
      wal: modeOf(`${file}-wal`),
      shm: modeOf(`${file}-shm`),
      blobFolder: modeOf(path.join(dir, 'blobs')),
      shard: modeOf(path.dirname(small.path)),
      blob: modeOf(small.path),
      syncedBlob: modeOf(synced.path),
    }).toEqual({
      folder: '700',
      database: '600',
      wal: '600',
      shm: '600',
      blobFolder: '700',
      shard: '700',
      blob: '600',
      syncedBlob: '600',
    });
    store.close();
  });

  it('tightens a store that already exists with looser modes, and says so in the log', () => {
    const dir = path.join(makeTempDir(), 'store');
    openLocalStore(dir).close();
    const file = path.join(dir, storeFileName);
    fs.mkdirSync(path.join(dir, 'blobs'));
    fs.chmodSync(dir, 0o755);
    fs.chmodSync(file, 0o644);
    fs.chmodSync(path.join(dir, 'blobs'), 0o755);
    const { logger, warnings } = recordingLogger();

    const store = openLocalStore(dir, { logger });
    store.importCrm(sampleCrm);

    const tightened = (entry: string, was: string, now: string): Record<string, unknown> => ({
      message: 'store permissions tightened: others could read it',
      path: entry,
      was,
      now,
    });
    expect([dir, file, `${file}-wal`, `${file}-shm`, path.join(dir, 'blobs')].map(modeOf)).toEqual([
      '700',
      '600',
      '600',
      '600',
      '700',
    ]);
    // SQLite made the -wal and -shm files with the database's mode of the moment: 644 too.
    expect(warnings).toEqual([
      tightened(dir, '755', '700'),
      tightened(file, '644', '600'),
      tightened(`${file}-wal`, '644', '600'),
      tightened(`${file}-shm`, '644', '600'),
      tightened(path.join(dir, 'blobs'), '755', '700'),
    ]);
    store.close();
  });

  it('says nothing when the modes are already owner-only', () => {
    const dir = path.join(makeTempDir(), 'store');
    openLocalStore(dir).close();
    const { logger, warnings } = recordingLogger();
    openLocalStore(dir, { logger }).close();
    expect(warnings).toEqual([]);
  });
});
