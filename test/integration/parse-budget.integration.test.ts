import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBlobStore, type BlobStore } from '../../electron/core/blob-store.js';
import { createParsePool, type ParsePool } from '../../electron/core/parse-pool.js';
import { createPipeline, type Pipeline } from '../../electron/core/pipeline.js';
import type { LocalStore } from '../../electron/crm/local/local-store.js';
import { openLocalStore } from '../../electron/crm/local/open-local-store.js';
import type { CrmData } from '#shared/model/crm-data.js';

/**
 * C7 (docs/rules.md): parse and forward extraction run off the companion's main thread, and a message that
 * exhausts its time budget is quarantined with `parse-timeout`, its worker stopped and replaced. Real worker
 * threads, the real pipeline and store; the budget is made small so that a hostile forward exhausts it.
 */

/** The budget of the test: the hostile forward below needs about a second of extraction. */
const BUDGET_MS = 300;
/** The main thread may not be blocked longer than this: a liveness bound, not a performance figure. */
const MAX_GAP_MS = 1_000;

let dir: string;
let store: LocalStore;
let blobs: BlobStore;
let pool: ParsePool;
let pipeline: Pipeline;

/** A forward quoting 40,000 replies (2 MB): parsing it is quick, reading its quotes is not. */
function hostileForward(): Buffer {
  const body = '> On 1 May 2026 10:00, Ann <ann@corp.example> wrote:\r\n> hi\r\n'.repeat(40_000);
  return Buffer.from(
    'From: ann@corp.example\r\nTo: log+fwd@corp.example\r\nSubject: Fwd: thread\r\n' +
      'Date: Mon, 2 Mar 2026 09:15:00 +0000\r\nMessage-ID: <hostile@corp.example>\r\n' +
      `Content-Type: text/plain; charset=utf-8\r\n\r\n${body}`,
  );
}

/** Runs `action` while a timer on this thread ticks, and answers its result and the longest gap between ticks. */
async function whileTicking<T>(action: () => Promise<T>): Promise<{ result: T; maxGapMs: number }> {
  let last = performance.now();
  let maxGapMs = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    maxGapMs = Math.max(maxGapMs, now - last);
    last = now;
  }, 10);
  try {
    const result = await action();
    maxGapMs = Math.max(maxGapMs, performance.now() - last);
    return { result, maxGapMs };
  } finally {
    clearInterval(ticker);
  }
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parse-budget-'));
  store = openLocalStore(path.join(dir, 'store'));
  const crm = JSON.parse(
    fs.readFileSync(new URL('../../samples/CRM.json', import.meta.url), 'utf8'),
  ) as CrmData;
  store.importCrm(crm);
  blobs = createBlobStore(path.join(dir, 'blobs'), { sync: false });
  const limits = { parseTimeoutMs: BUDGET_MS };
  pipeline = createPipeline({
    store,
    blobs,
    limits,
    parsePool: (stage) => {
      pool = createParsePool({ stage, blobSync: false, workers: 1, extractForward: true });
      return pool;
    },
  });
});

afterEach(async () => {
  await pool.close();
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the time budget of one message (C7)', () => {
  it('quarantines a forward whose extraction exhausts the budget, while the main thread keeps running', async () => {
    const raw = hostileForward();
    const { result, maxGapMs } = await whileTicking(() =>
      pipeline.logMessage({ raw, envelope: { recipient: 'log+fwd@corp.example' } }),
    );
    console.log(`hostile forward, budget ${BUDGET_MS} ms: longest main-thread gap ${maxGapMs.toFixed(0)} ms`);
    const sha256 = createHash('sha256').update(raw).digest('hex');
    expect({
      status: result.status,
      reasons: result.reasons,
      timedOut: pool.timedOut,
      kept: fs.existsSync(blobs.path(sha256)),
    }).toEqual({ status: 'rejected', reasons: ['parse-timeout'], timedOut: 1, kept: true });
    expect(maxGapMs).toBeLessThan(MAX_GAP_MS);
  });

  it('replaces the stopped worker: the next message is read with its forward extraction as usual', async () => {
    await pipeline.logMessage({ raw: hostileForward(), envelope: { recipient: 'log+fwd@corp.example' } });
    const sample = fs.readFileSync(new URL('../../samples/08-fwd-gmail-new-sender.eml', import.meta.url));
    const inPool = await pipeline.logMessage({ raw: sample, envelope: {} });

    const otherDir = path.join(dir, 'in-process');
    const other = openLocalStore(otherDir);
    try {
      other.importCrm(
        JSON.parse(fs.readFileSync(new URL('../../samples/CRM.json', import.meta.url), 'utf8')) as CrmData,
      );
      const inProcess = await createPipeline({
        store: other,
        blobs: createBlobStore(path.join(otherDir, 'blobs'), { sync: false }),
      }).logMessage({ raw: sample, envelope: {} });
      expect(pool.timedOut).toBe(1);
      expect({ ...inPool, id: 0, receivedAt: '' }).toEqual({ ...inProcess, id: 0, receivedAt: '' });
      expect(inPool.status).toBe('logged');
    } finally {
      other.close();
    }
  });
});
