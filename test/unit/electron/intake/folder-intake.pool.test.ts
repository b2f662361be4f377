import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LogResult } from '#shared/model/log-result.js';
import { createBlobStore } from '../../../../electron/core/blob-store.js';
import { resolveParseLimits } from '../../../../electron/core/limits.js';
import { createParsePool, type ParsePool, type ParseSource } from '../../../../electron/core/parse-pool.js';
import { createPipeline, type Pipeline } from '../../../../electron/core/pipeline.js';
import { parseKept, prepareMessage } from '../../../../electron/core/prepare-message.js';
import { readSource } from '../../../../electron/core/read-source.js';
import type { LocalStore } from '../../../../electron/crm/local/local-store.js';
import { openLocalStore } from '../../../../electron/crm/local/open-local-store.js';
import { validateCrmData } from '../../../../electron/crm/local/validate-crm-data.js';
import { importPath, type MailImportSummary } from '../../../../electron/intake/folder-intake.js';
import { makeTempDir, removeTempDirs } from '../crm/helpers/temp-store.js';

/**
 * `import PATH` with a parse pool: messages are parsed ahead on worker threads and committed on this
 * thread in source order, so the journal must come out exactly as without a pool — including what depends on
 * order (contacts created by earlier messages, R2 duplicates of earlier ones). A prepare that fails is logged
 * in-process instead.
 */

const samplesDir = path.resolve(import.meta.dirname, '../../../../samples');
const sampleNames = fs
  .readdirSync(samplesDir)
  .filter((name) => name.endsWith('.eml'))
  .sort();
/** Sorts before the samples, so the .eml copies of its messages come later and are R2 duplicates. */
const mboxName = '00-archive.mbox';
const mboxSamples = [
  '01-bcc-existing-contact.eml',
  '08-fwd-gmail-new-sender.eml',
  '14-bcc-small-attachment.eml',
];
/** The order `importPath` reads them in: the mbox's messages (`#n`, from 1), then the .eml files by name. */
const sourceOrder = [...mboxSamples.map((_, i) => `${mboxName}#${i + 1}`), ...sampleNames];

afterEach(() => removeTempDirs());

/** A folder with a copy of every sample and an mbox (mboxrd, CRLF) built from a few of them. */
function makeMailFolder(): string {
  const dir = makeTempDir();
  for (const name of sampleNames) {
    fs.copyFileSync(path.join(samplesDir, name), path.join(dir, name));
  }
  const mbox = mboxSamples
    .map((name) => {
      const text = fs.readFileSync(path.join(samplesDir, name), 'latin1');
      const escaped = text.replace(/^(>*From )/gm, '>$1');
      return `From MAILER-DAEMON Thu Mar  5 10:00:00 2026\r\n${escaped}\r\n`;
    })
    .join('');
  fs.writeFileSync(path.join(dir, mboxName), mbox, 'latin1');
  return dir;
}

type Opened = { readonly store: LocalStore; readonly pipeline: Pipeline; readonly blobDir: string };

/** A fresh store with samples/CRM.json imported, and the pipeline over it. */
function openSampleStore(): Opened {
  const dir = makeTempDir();
  const store = openLocalStore(dir);
  const crm = validateCrmData(JSON.parse(fs.readFileSync(path.join(samplesDir, 'CRM.json'), 'utf8')));
  if (!crm.ok) {
    throw new Error(`samples/CRM.json: ${crm.error}`);
  }
  store.importCrm(crm.value);
  const blobDir = path.join(dir, 'blobs');
  const blobs = createBlobStore(blobDir, { sync: false });
  return { store, pipeline: createPipeline({ store, blobs }), blobDir };
}

type Run = {
  readonly summary: MailImportSummary;
  readonly onResult: string[];
  readonly results: LogResult[];
};

async function runImport(
  folder: string,
  withPool?: (opened: Opened) => { pool: ParsePool; pipeline?: Pipeline },
): Promise<Run> {
  const opened = openSampleStore();
  const using = withPool?.(opened);
  const onResult: string[] = [];
  try {
    const summary = await importPath(folder, using?.pipeline ?? opened.pipeline, {
      onResult: (result, source) => {
        expect(result.file).toBe(source);
        onResult.push(source);
      },
      ...(using === undefined ? {} : { pool: using.pool }),
    });
    return { summary, onResult, results: [...opened.store.listResults()] };
  } finally {
    await using?.pool.close();
    opened.store.close();
  }
}

/** What the comparison reads of each result. */
function outline(result: LogResult): Record<string, unknown> {
  const { status, reasons, owner, contacts, file, messageId, duplicateOf } = result;
  return { status, reasons, owner, contacts, file, messageId, duplicateOf };
}

describe('importPath with a parse pool (C7, docs/performance.md)', () => {
  it('logs the same results, in source order, as without a pool', { timeout: 60_000 }, async () => {
    const folder = makeMailFolder();
    const inTurn = await runImport(folder);
    const pooled = await runImport(folder, (opened) => ({
      pool: createParsePool({ stage: opened.pipeline, blobSync: false, workers: 2 }),
    }));

    // The run without a pool is the reference: every source once, in order, and order-dependent outcomes.
    expect(inTurn.onResult).toEqual(sourceOrder);
    expect(inTurn.results.map((r) => r.file)).toEqual(sourceOrder);
    const byFile = new Map(inTurn.results.map((r) => [r.file, r]));
    expect(byFile.get('01-bcc-existing-contact.eml')?.status).toBe('duplicate');
    expect(byFile.get(`${mboxName}#1`)?.status).toBe('logged');
    expect(byFile.get('13-bcc-duplicate-redelivered.eml')?.status).toBe('duplicate');

    expect(pooled.onResult).toEqual(sourceOrder);
    expect(pooled.results.map(outline)).toEqual(inTurn.results.map(outline));
    // Everything else a result says (the email summary, deals, attachments, notices) matches too.
    expect(pooled.results).toEqual(inTurn.results);
    expect(pooled.summary).toEqual(inTurn.summary);
    expect(pooled.summary.count).toBe(sourceOrder.length);
  });

  it(
    'logs in-process what the pool failed to prepare, a file and an mbox message alike',
    { timeout: 60_000 },
    async () => {
      const folder = makeMailFolder();
      const inTurn = await runImport(folder);

      /** Fails one file and the mbox's second message; prepares the rest in-process on the pipeline's blob folder. */
      const failFile = '05-bcc-reply-all-from-contact.eml';
      const failMessageId = '<CAJx7Lq4Rt2wXa9BdN6pL3eU8yJ1cH5tK0gM4bF8vYpOj6CwRux@mail.gmail.com>';
      const fails = (source: ParseSource): boolean =>
        'path' in source
          ? path.basename(source.path) === failFile
          : Buffer.from(source.bytes).toString('latin1').includes(failMessageId);
      const prepared: string[] = [];
      const viaLogMessage: Array<string | undefined> = [];
      let failed = 0;

      const pooled = await runImport(folder, (opened) => {
        const blobs = createBlobStore(opened.blobDir, { sync: false });
        const limits = resolveParseLimits({});
        const pool: ParsePool = {
          size: 2,
          async prepare(source) {
            prepared.push('path' in source ? path.basename(source.path) : 'bytes');
            if (fails(source)) {
              failed++;
              throw new Error('parse worker exited with code 1');
            }
            return prepareMessage(readSource(source), blobs, limits);
          },
          prepareKept: (kept) => parseKept(kept, blobs, limits),
          timedOut: 0,
          close: () => Promise.resolve(),
        };
        const pipeline: Pipeline = {
          blobs: opened.pipeline.blobs,
          limits: opened.pipeline.limits,
          logPrepared: (message, meta) => opened.pipeline.logPrepared(message, meta),
          prepare: (raw, options) => opened.pipeline.prepare(raw, options),
          preview: (message, envelope) => opened.pipeline.preview(message, envelope),
          logMessage: (message) => {
            viaLogMessage.push(message.file);
            return opened.pipeline.logMessage(message);
          },
        };
        return { pool, pipeline };
      });

      // Every message went to the pool first; exactly the two it failed were logged in-process.
      expect(prepared).toHaveLength(sourceOrder.length);
      expect(failed).toBe(2);
      expect(viaLogMessage).toEqual([`${mboxName}#2`, failFile]);
      expect(pooled.onResult).toEqual(sourceOrder);
      expect(pooled.results.map(outline)).toEqual(inTurn.results.map(outline));
      expect(pooled.results).toEqual(inTurn.results);
      expect(pooled.summary).toEqual(inTurn.summary);
      expect(pooled.results.find((r) => r.file === failFile)?.messageId).toBe(
        '<DM6PR04MB6575A3F1C2B4E8D9A0B1C2D3E4F5A6B7@DM6PR04MB6575.namprd04.prod.outlook.example>',
      );
      expect(pooled.results.find((r) => r.file === `${mboxName}#2`)?.messageId).toBe(failMessageId);
    },
  );
});
