import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCompanion, type Companion } from '../../../../electron/companion/start-companion.js';
import { createBlobStore } from '../../../../electron/core/blob-store.js';
import type { Logger } from '../../../../electron/core/logger.js';
import { createPipeline } from '../../../../electron/core/pipeline.js';
import { openLocalStore } from '../../../../electron/crm/local/open-local-store.js';
import { makeTempDir, removeTempDirs, sampleCrm } from '../crm/helpers/temp-store.js';

const dayMs = 24 * 60 * 60_000;
const running: Companion[] = [];
afterEach(async () => {
  for (const companion of running.splice(0)) {
    await companion.stop();
  }
  removeTempDirs();
});

function mail(id: string, from: string): Buffer {
  return Buffer.from(
    [
      `From: ${from}`,
      'To: Bob <bob@acme.example>',
      `Subject: Retention ${id}`,
      'Date: Mon, 02 Mar 2026 10:00:00 +0000',
      `Message-ID: <${id}@retention.test>`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      `Message ${id}.`,
      '',
    ].join('\r\n'),
  );
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** Logs `raw` into the store in `dir` as if it were `daysAgo` days ago; returns the result's status. */
async function logAt(dir: string, raw: Buffer, daysAgo: number): Promise<string> {
  const store = openLocalStore(dir, { now: () => new Date(Date.now() - daysAgo * dayMs) });
  try {
    const blobs = createBlobStore(path.join(dir, 'blobs'), { sync: false });
    const result = await createPipeline({ store, blobs }).logMessage({
      raw,
      envelope: { recipient: 'log+bcc@corp.example' },
    });
    return result.status;
  } finally {
    store.close();
  }
}

function recordingLogger(): { logger: Logger; infos: Array<Record<string, unknown>> } {
  const infos: Array<Record<string, unknown>> = [];
  return {
    infos,
    logger: {
      info: (message, fields = {}) => infos.push({ message, ...fields }),
      warn: () => undefined,
      error: () => undefined,
    },
  };
}

describe('pruneRawMessages (docs/rules.md C1 retention)', () => {
  it('deletes the raw bytes of rejected messages past the retention period at start, and keeps what logged emails need', async () => {
    const dir = path.join(makeTempDir(), 'store');
    const setup = openLocalStore(dir);
    setup.importCrm(sampleCrm);
    setup.close();
    const oldStranger = mail('old-stranger', 'Eve <eve@evil.example>');
    const oldLogged = mail('old-logged', 'Ann <ann@corp.example>');
    const recentStranger = mail('recent-stranger', 'Mallory <mallory@evil.example>');
    expect([
      await logAt(dir, oldStranger, 40),
      await logAt(dir, oldLogged, 40),
      await logAt(dir, recentStranger, 5),
    ]).toEqual(['rejected', 'logged', 'rejected']);
    const blobs = createBlobStore(path.join(dir, 'blobs'));
    const { logger, infos } = recordingLogger();

    const companion = await startCompanion({ store: dir, backend: { kind: 'local' }, ui: false }, { logger });
    running.push(companion);

    expect({
      oldStranger: await blobs.has(sha256(oldStranger)),
      oldLogged: await blobs.has(sha256(oldLogged)),
      recentStranger: await blobs.has(sha256(recentStranger)),
    }).toEqual({ oldStranger: false, oldLogged: true, recentStranger: true });
    // The journal keeps every result; only the recent rejection can still be reprocessed from its bytes.
    expect(companion.store.listResults().map((r) => r.messageId)).toEqual([
      '<old-stranger@retention.test>',
      '<old-logged@retention.test>',
      '<recent-stranger@retention.test>',
    ]);
    expect(companion.store.reprocessable().map((r) => r.messageId)).toEqual([
      '<recent-stranger@retention.test>',
    ]);
    expect(infos.filter((i) => i.message === 'raw messages past retention deleted')).toEqual([
      expect.objectContaining({ count: 1, retentionDays: 30 }),
    ]);
  });

  it('honours rawRetentionDays, and prunes again on its interval while running', async () => {
    const dir = path.join(makeTempDir(), 'store');
    const setup = openLocalStore(dir);
    setup.importCrm(sampleCrm);
    setup.close();
    const tenDaysOld = mail('ten-days', 'Eve <eve@evil.example>');
    await logAt(dir, tenDaysOld, 10);
    const blobs = createBlobStore(path.join(dir, 'blobs'));
    const { logger } = recordingLogger();

    const companion = await startCompanion(
      { store: dir, backend: { kind: 'local' }, ui: false, rawRetentionDays: 7 },
      { logger, pruneIntervalMs: 50 },
    );
    running.push(companion);
    expect(await blobs.has(sha256(tenDaysOld))).toBe(false);

    // Committed while the companion runs (another process, its clock eight days back): gone at a later prune.
    const later = mail('later', 'Trudy <trudy@evil.example>');
    await logAt(dir, later, 8);
    expect(await blobs.has(sha256(later))).toBe(true);
    const deadline = Date.now() + 30_000;
    while (await blobs.has(sha256(later))) {
      if (Date.now() > deadline) {
        throw new Error('the raw message was never pruned');
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(fs.existsSync(blobs.path(sha256(later)))).toBe(false);
  });
});
