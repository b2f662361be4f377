import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBlobStore, type BlobStore } from '../../../electron/core/blob-store.js';
import { createPipeline } from '../../../electron/core/pipeline.js';
import type { LocalStore } from '../../../electron/crm/local/local-store.js';
import { openLocalStore } from '../../../electron/crm/local/open-local-store.js';
import type { CrmData } from '#shared/model/crm-data.js';
import {
  caseInput,
  caseName,
  count,
  emptyTally,
  escapedFiles,
  filesUnder,
  isQuarantine,
  loadCases,
  normalized,
  observed,
  samplesCrm,
  sha256Hex,
} from './hostile-cases.js';

/**
 * docs/performance.md §1, R3/B1: every input of the hostile corpus, in order, through the real pipeline (store, blob
 * store, parser, rules) into one store seeded with samples/CRM.json. Each must end as its table says — logged
 * with the right owner and contacts, refused by the rules, or quarantined with R3's reason — and never crash,
 * hang (each test has a time limit) or write a file outside the store folder.
 */

const cases = loadCases();
const tally = emptyTally();
let root: string;
let storeDir: string;
let store: LocalStore;
let blobs: BlobStore;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'crm-mail-logger-hostile-'));
  storeDir = path.join(root, 'store');
  store = openLocalStore(storeDir);
  store.importCrm(JSON.parse(await readFile(samplesCrm, 'utf8')) as CrmData);
  blobs = createBlobStore(path.join(storeDir, 'blobs'), { sync: false });
});

afterAll(async () => {
  store.close();
  await rm(root, { recursive: true, force: true });
  console.log(`hostile corpus, in-process pipeline: ${JSON.stringify(tally)}`);
});

describe('the hostile corpus through the pipeline (R3, B1)', () => {
  it('has at least 40 inputs of its own, each with an expected outcome', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(cases.filter((c) => c.file !== undefined).length).toBeGreaterThanOrEqual(40);
  });

  for (const kase of cases) {
    it(`${caseName(kase)}: ${kase.why}`, { timeout: 60_000 }, async () => {
      const input = caseInput(kase);
      const pipeline = createPipeline({ store, blobs, ...(kase.limits ? { limits: kase.limits } : {}) });

      const result = await pipeline.logMessage({ raw: input, envelope: {}, file: caseName(kase) });
      count(tally, result);

      expect(observed(result, kase.expect)).toEqual(normalized(kase.expect));
      // R3: a message that could be read in full is kept in quarantine with its bytes, never deleted.
      if (Buffer.isBuffer(input) && isQuarantine(result) && !result.reasons.includes('message-too-large')) {
        expect(await blobs.has(sha256Hex(input))).toBe(true);
      }
      const outside = (await filesUnder(root)).filter((f) => !f.startsWith(`${storeDir}${path.sep}`));
      expect(outside).toEqual([]);
      expect(escapedFiles(process.cwd())).toEqual([]);
      expect(await filesUnder(path.join(storeDir, 'blobs', '.tmp')).catch(() => [])).toEqual([]);
    });
  }
});
