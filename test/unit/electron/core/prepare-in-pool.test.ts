import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBlobStore } from '../../../../electron/core/blob-store.js';
import { resolveParseLimits } from '../../../../electron/core/limits.js';
import type { ParsePool } from '../../../../electron/core/parse-pool.js';
import { prepareInPool } from '../../../../electron/core/prepare-in-pool.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

function stage() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prepare-in-pool-test-'));
  made.push(dir);
  return { blobs: createBlobStore(dir, { sync: false }), limits: resolveParseLimits() };
}

const raw = Buffer.from('From: ann@corp.example\r\nTo: bob@acme.example\r\nSubject: Hi\r\n\r\nHello\r\n');

describe('prepareInPool', () => {
  it('keeps the raw bytes here and answers a message already committed without the pool (C1 resume)', async () => {
    const pool = { prepareKept: vi.fn() } as unknown as ParsePool;
    const prepared = await prepareInPool(pool, raw, stage(), { alreadyCommitted: () => true });
    expect(prepared.kind).toBe('committed');
    expect(pool.prepareKept).not.toHaveBeenCalled();
  });

  it('parses here when the pool fails (a worker died)', async () => {
    const pool = {
      prepareKept: vi.fn(() => Promise.reject(new Error('worker died'))),
    } as unknown as ParsePool;
    const prepared = await prepareInPool(pool, raw, stage(), {});
    expect(prepared.kind).toBe('parsed');
  });

  it('R3: refuses a message over the size limit before the pool sees it', async () => {
    const pool = { prepareKept: vi.fn() } as unknown as ParsePool;
    const small = { ...stage(), limits: resolveParseLimits({ maxMessageBytes: 10 }) };
    const prepared = await prepareInPool(pool, raw, small, {});
    expect(prepared).toMatchObject({ kind: 'unparsable', reason: 'message-too-large' });
    expect(pool.prepareKept).not.toHaveBeenCalled();
  });
});
