import { readdirSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as WorkerThreads from 'node:worker_threads';
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBlobStore } from '../../../../electron/core/blob-store.js';
import { resolveParseLimits, type ParseLimits } from '../../../../electron/core/limits.js';
import { createParsePool, type ParsePool } from '../../../../electron/core/parse-pool.js';
import {
  prepareMessage,
  SMALL_RAW_IN_STORE_BYTES,
  type PreparedMessage,
} from '../../../../electron/core/prepare-message.js';
import { listFiles, makeTempDir, sha256 } from './support.js';

/**
 * The parse pool: stage 1 of the pipeline (`prepareMessage`) on real worker threads, each booted with
 * tsx's loader. What a worker hands back must be exactly what the thread that owns the store would have made
 * itself, with the blobs in the same folder; every prepare settles, even when a worker dies.
 *
 * To kill a worker from outside, this file wraps `Worker` of node:worker_threads: the pool is unchanged, the test
 * only gets hold of the real threads it starts (and, for the broken-install case, starts one that cannot boot).
 */
const workers = vi.hoisted(() => ({
  spawned: [] as Worker[],
  /** When set, the next workers run this code instead of the pool's boot script (a broken install). */
  bootCode: null as string | null,
}));

vi.mock('node:worker_threads', async (importOriginal) => {
  const actual = await importOriginal<typeof WorkerThreads>();
  class RecordedWorker extends actual.Worker {
    constructor(...args: ConstructorParameters<typeof actual.Worker>) {
      const [script, options] = args;
      super(workers.bootCode ?? script, workers.bootCode === null ? options : { ...options, eval: true });
      workers.spawned.push(this);
    }
  }
  return { ...actual, Worker: RecordedWorker };
});

const samplesDir = new URL('../../../../samples/', import.meta.url);
const hostileDir = new URL('../../../fixtures/hostile/', import.meta.url);
const sampleNames = readdirSync(samplesDir)
  .filter((name) => name.endsWith('.eml'))
  .sort();
/** Malformed and hostile inputs: no header at all, garbage bytes, a traversal file name, nested messages. */
const hostileNames = [
  'empty.eml',
  'binary-garbage.eml',
  'no-header-prose.eml',
  'attachment-traversal-unix.eml',
  'rfc822-nested-3.eml',
];

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  workers.bootCode = null;
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup();
  }
});

async function tempDir(): Promise<string> {
  const { dir, remove } = await makeTempDir();
  cleanups.push(remove);
  return dir;
}

function openPool(
  blobDir: string,
  extra: {
    limits?: Partial<ParseLimits>;
    workers?: number;
    smallRawInCommit?: boolean;
    extractForward?: boolean;
  } = {},
): ParsePool {
  const { limits, ...rest } = extra;
  const stage = { blobs: { dir: blobDir }, limits: resolveParseLimits(limits) };
  const pool = createParsePool({ stage, blobSync: false, ...rest });
  cleanups.push(() => pool.close());
  return pool;
}

type Input = { readonly name: string; readonly file: string; readonly bytes: Buffer };

async function loadInputs(): Promise<Input[]> {
  const inputs = [
    ...sampleNames.map((name) => ({ name, file: new URL(name, samplesDir) })),
    ...hostileNames.map((name) => ({ name: `hostile/${name}`, file: new URL(name, hostileDir) })),
  ];
  return Promise.all(
    inputs.map(async ({ name, file }) => ({ name, file: fileURLToPath(file), bytes: await readFile(file) })),
  );
}

/** The blob files a prepared message refers to: its raw bytes and every attachment, attached messages too. */
function referencedBlobs(prepared: PreparedMessage): string[] {
  const found = new Set<string>();
  if (prepared.rawSha256 !== null) {
    found.add(prepared.rawSha256);
  }
  const visit = (message: Extract<PreparedMessage, { kind: 'parsed' }>['message']): void => {
    for (const attachment of message.attachments) {
      found.add(attachment.sha256);
    }
    message.attachedMessages.forEach(visit);
  };
  if (prepared.kind === 'parsed') {
    visit(prepared.message);
  }
  return [...found].map((sha) => path.join(sha.slice(0, 2), sha.slice(2))).sort();
}

/** A small message of its own, told apart by its Message-ID. */
function numbered(n: number): Buffer {
  return Buffer.from(
    [
      'From: Ann Smith <ann@corp.example>',
      `To: Person ${n} <person.${n}@acme.example>`,
      `Subject: Pool message ${n}`,
      'Date: Thu, 05 Mar 2026 10:00:00 +0100',
      `Message-ID: <pool-${n}@parse-pool.test>`,
      '',
      `Body of message ${n}.`,
      '',
    ].join('\r\n'),
  );
}

function messageIdOf(prepared: PreparedMessage): string | null {
  return prepared.kind === 'parsed' ? prepared.message.messageId : null;
}

/** Settles every promise, each to its value or its error, in order. */
async function outcomes<T>(promises: ReadonlyArray<Promise<T>>): Promise<Array<T | Error>> {
  const settled = await Promise.allSettled(promises);
  return settled.map((s) =>
    s.status === 'fulfilled' ? s.value : s.reason instanceof Error ? s.reason : new Error(String(s.reason)),
  );
}

/** The workers a pool started (the wrapped constructor records each). */
function startedBy(run: () => ParsePool): { pool: ParsePool; started: () => Worker[] } {
  const before = workers.spawned.length;
  const pool = run();
  return { pool, started: () => workers.spawned.slice(before) };
}

describe(
  'createParsePool: the same PreparedMessage as in-process prepareMessage',
  { timeout: 30_000 },
  () => {
    it(
      'for every sample and malformed input, from {path,size} and from {bytes}, with blobs in the pool folder',
      { timeout: 60_000 },
      async () => {
        const inputs = await loadInputs();
        const limits = resolveParseLimits({});

        for (const sourceKind of ['path', 'bytes'] as const) {
          const blobDir = await tempDir();
          const pool = openPool(blobDir, { workers: 2 });
          const fromPool = await Promise.all(
            inputs.map(async (input) =>
              pool.prepare(
                sourceKind === 'path'
                  ? { path: input.file, size: (await stat(input.file)).size }
                  : { bytes: new Uint8Array(input.bytes) },
              ),
            ),
          );

          // The workers wrote every blob into the pool's folder, and nothing else (no temp file left behind).
          const expectedBlobs = [...new Set(fromPool.flatMap(referencedBlobs))].sort();
          expect(await listFiles(blobDir)).toEqual(expectedBlobs);
          for (const [i, input] of inputs.entries()) {
            expect(fromPool[i]?.rawSha256, input.name).toBe(sha256(input.bytes));
          }

          // In-process, on a blob store over the same folder: the same answer, and no blob it lacked.
          const blobs = createBlobStore(blobDir, { sync: false });
          for (const [i, input] of inputs.entries()) {
            const inProcess = await prepareMessage(input.bytes, blobs, limits);
            expect(fromPool[i], `${input.name} from {${sourceKind}}`).toEqual(inProcess);
          }
          expect(await listFiles(blobDir)).toEqual(expectedBlobs);
        }
      },
    );

    it('covers every outcome the samples hold: parsed with attachments and attached messages, and unparsable', async () => {
      // Guards the test above against comparing only one kind of outcome.
      const blobDir = await tempDir();
      const pool = openPool(blobDir, { workers: 1 });
      const byName = new Map(
        await Promise.all(
          (await loadInputs()).map(
            async (input) => [input.name, await pool.prepare({ bytes: input.bytes })] as const,
          ),
        ),
      );
      const small = byName.get('14-bcc-small-attachment.eml');
      const nested = byName.get('hostile/rfc822-nested-3.eml');
      expect(small?.kind === 'parsed' && small.message.attachments.length).toBeGreaterThan(0);
      expect(nested?.kind === 'parsed' && nested.message.attachedMessages.length).toBeGreaterThan(0);
      expect(byName.get('hostile/binary-garbage.eml')).toMatchObject({
        kind: 'unparsable',
        reason: 'malformed-message',
      });
      // Sample 15 is over 1 MiB: read as a stream from a file, parsed from its blob rather than from memory.
      expect(byName.get('15-bcc-attachment-over-limit.eml')?.kind).toBe('parsed');
    });

    it('passes its limits to the workers: over maxMessageBytes is unparsable, message-too-large, nothing kept', async () => {
      const blobDir = await tempDir();
      const limits = { maxMessageBytes: 2048 };
      const pool = openPool(blobDir, { workers: 1, limits });
      const big = fileURLToPath(new URL('05-bcc-reply-all-from-contact.eml', samplesDir));
      const small = fileURLToPath(new URL('02-bcc-new-recipient.eml', samplesDir));
      const bigSize = (await stat(big)).size;
      expect(bigSize).toBeGreaterThan(limits.maxMessageBytes);

      const tooLarge: PreparedMessage = { kind: 'unparsable', rawSha256: null, reason: 'message-too-large' };
      expect(await pool.prepare({ path: big, size: bigSize })).toEqual(tooLarge);
      expect(await pool.prepare({ bytes: await readFile(big) })).toEqual(tooLarge);
      expect(await listFiles(blobDir)).toEqual([]);

      // A message under the limit parses: the limit refused the big one, not a pool that fails everything.
      const parsed = await pool.prepare({ path: small, size: (await stat(small)).size });
      expect(parsed).toEqual(
        await prepareMessage(
          await readFile(small),
          createBlobStore(blobDir, { sync: false }),
          resolveParseLimits(limits),
        ),
      );
    });
  },
);

describe(
  'createParsePool: smallRawInCommit (the back-fill keeps small raws in the store)',
  { timeout: 30_000 },
  () => {
    it('hands a small raw back with its bytes and writes no blob file; a large one is still a blob file', async () => {
      const blobDir = await tempDir();
      const pool = openPool(blobDir, { workers: 1, smallRawInCommit: true });
      const small = await readFile(new URL('02-bcc-new-recipient.eml', samplesDir));
      const largeFile = fileURLToPath(new URL('15-bcc-attachment-over-limit.eml', samplesDir));
      const large = await readFile(largeFile);
      expect(large.length).toBeGreaterThan(SMALL_RAW_IN_STORE_BYTES);

      const fromPath = await pool.prepare({
        path: fileURLToPath(new URL('02-bcc-new-recipient.eml', samplesDir)),
        size: small.length,
      });
      const fromBytes = await pool.prepare({ bytes: new Uint8Array(small) });
      for (const prepared of [fromPath, fromBytes]) {
        expect(prepared).toMatchObject({ kind: 'parsed', rawSha256: sha256(small) });
        expect(Buffer.from(prepared.kind === 'parsed' ? (prepared.raw ?? []) : [])).toEqual(small);
      }
      expect(await listFiles(blobDir)).toEqual([]);

      const big = await pool.prepare({ path: largeFile, size: large.length });
      expect(big).toMatchObject({ kind: 'parsed', rawSha256: sha256(large) });
      expect(big.kind === 'parsed' && big.raw).toBe(undefined);
      expect(await listFiles(blobDir)).toContain(
        path.join(sha256(large).slice(0, 2), sha256(large).slice(2)),
      );
    });

    it('R3: a small message that runs out of time is quarantined with its bytes for the commit, still no file', async () => {
      const blobDir = await tempDir();
      // A forward quoting 2,000 replies (about 100 KB): its extraction takes far longer than the 1 ms budget.
      const quotes = '> On 1 May 2026 10:00, Ann <ann@corp.example> wrote:\r\n> hi\r\n'.repeat(2_000);
      const raw = Buffer.from(
        'From: ann@corp.example\r\nTo: log+fwd@corp.example\r\nSubject: Fwd: thread\r\n' +
          `Message-ID: <slow@corp.example>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${quotes}`,
      );
      expect(raw.length).toBeLessThan(SMALL_RAW_IN_STORE_BYTES);
      const file = path.join(await tempDir(), 'slow.eml');
      await writeFile(file, raw);
      const pool = openPool(blobDir, {
        workers: 1,
        smallRawInCommit: true,
        extractForward: true,
        limits: { parseTimeoutMs: 1 },
      });
      for (const source of [{ path: file, size: raw.length }, { bytes: new Uint8Array(raw) }]) {
        const prepared = await pool.prepare(source);
        expect(prepared).toMatchObject({
          kind: 'unparsable',
          reason: 'parse-timeout',
          rawSha256: sha256(raw),
        });
        expect(Buffer.from(prepared.kind === 'unparsable' ? (prepared.raw ?? []) : [])).toEqual(raw);
      }
      expect(await listFiles(blobDir)).toEqual([]);
    });
  },
);

describe('createParsePool: every prepare settles', { timeout: 30_000 }, () => {
  it('rejects for a file that does not exist, read whole or streamed, and goes on working', async () => {
    const dir = await tempDir();
    const pool = openPool(dir, { workers: 1 });
    const missing = path.join(dir, 'no-such-message.eml');
    await expect(pool.prepare({ path: missing, size: 100 })).rejects.toThrow(/ENOENT/);
    // Over 1 MiB the file is streamed: the open fails later, inside prepareMessage.
    await expect(pool.prepare({ path: missing, size: 5 * 1024 * 1024 })).rejects.toThrow(/ENOENT/);
    expect(messageIdOf(await pool.prepare({ bytes: numbered(1) }))).toBe('<pool-1@parse-pool.test>');
  });

  it(
    'answers 200 prepares at once on 2 workers, each with its own message',
    { timeout: 60_000 },
    async () => {
      const dir = await tempDir();
      const { pool, started } = startedBy(() => openPool(path.join(dir, 'blobs'), { workers: 2 }));
      expect(pool.size).toBe(2);
      const sources = await Promise.all(
        Array.from({ length: 200 }, async (_, n) => {
          if (n % 2 === 0) {
            return { bytes: numbered(n) };
          }
          const file = path.join(dir, `${n}.eml`);
          await writeFile(file, numbered(n));
          return { path: file, size: numbered(n).length };
        }),
      );
      const prepared = await Promise.all(sources.map((source) => pool.prepare(source)));
      expect(prepared.map(messageIdOf)).toEqual(sources.map((_, n) => `<pool-${n}@parse-pool.test>`));
      expect(prepared.map((p) => p.rawSha256)).toEqual(sources.map((_, n) => sha256(numbered(n))));
      // Both workers lived through it: none died and was replaced.
      expect(started()).toHaveLength(2);
    },
  );
});

describe('createParsePool: a worker that dies', { timeout: 30_000 }, () => {
  it('killed mid-way (terminated): what it held rejects, the queue and later prepares go to its replacement', async () => {
    const dir = await tempDir();
    const { pool, started } = startedBy(() => openPool(dir, { workers: 1 }));
    expect(messageIdOf(await pool.prepare({ bytes: numbered(0) }))).toBe('<pool-0@parse-pool.test>');
    expect(started()).toHaveLength(1);

    // One worker keeps two messages in hand; the other three wait in the queue.
    const big = await readFile(new URL('15-bcc-attachment-over-limit.eml', samplesDir));
    const held = [pool.prepare({ bytes: big }), pool.prepare({ bytes: numbered(1) })];
    const queued = [2, 3, 4].map((n) => pool.prepare({ bytes: numbered(n) }));
    const exitCode = await started()[0]?.terminate();
    expect(exitCode).toBe(1);

    const heldOutcomes = await outcomes(held);
    expect(heldOutcomes[0]).toBeInstanceOf(Error);
    expect(String(heldOutcomes[0])).toMatch(/exited with code 1/);
    // The second one held may have been answered before the kill; if so, with its own message.
    const second = heldOutcomes[1];
    expect(second instanceof Error ? second.message : second && messageIdOf(second)).toMatch(
      /^parse worker exited with code 1$|^<pool-1@parse-pool\.test>$/,
    );
    expect((await Promise.all(queued)).map(messageIdOf)).toEqual(
      [2, 3, 4].map((n) => `<pool-${n}@parse-pool.test>`),
    );
    expect(messageIdOf(await pool.prepare({ bytes: numbered(5) }))).toBe('<pool-5@parse-pool.test>');
    expect(started()).toHaveLength(2);
  });

  it('crashed by an uncaught exception (an error, then its exit): what it held rejects, the pool is not broken', async () => {
    // Out of memory on a hostile message ends a worker this way: an 'error' event, then 'exit'.
    const dir = await tempDir();
    const { pool, started } = startedBy(() => openPool(dir, { workers: 1 }));
    expect(messageIdOf(await pool.prepare({ bytes: numbered(0) }))).toBe('<pool-0@parse-pool.test>');
    const first = started()[0];
    if (first === undefined) {
      throw new Error('the pool started no worker');
    }
    const exited = new Promise<number>((resolve) => first.once('exit', resolve));

    // A message the worker's handler cannot take (no `id`): it throws outside any catch, so the thread dies.
    // Posted first, so the worker dies holding the next job whatever the load (messages arrive in order).
    first.postMessage(null);
    const held = pool.prepare({ bytes: numbered(1) });
    await expect(held).rejects.toThrow();
    expect(await exited).toBe(1);

    // After both events of the old worker, its replacement answers, now and later.
    const after = [2, 3, 4].map((n) => pool.prepare({ bytes: numbered(n) }));
    expect((await Promise.all(after)).map(messageIdOf)).toEqual(
      [2, 3, 4].map((n) => `<pool-${n}@parse-pool.test>`),
    );
    expect(started()).toHaveLength(2);
  });

  it('dying before it answered anything (a broken install) breaks the pool: every prepare rejects at once', async () => {
    const dir = await tempDir();
    workers.bootCode = 'throw new Error("cannot load the parse worker");';
    const { pool, started } = startedBy(() => openPool(dir, { workers: 1 }));
    const first = started()[0];
    if (first === undefined) {
      throw new Error('the pool started no worker');
    }
    const exited = new Promise<number>((resolve) => first.once('exit', resolve));
    const waiting = [0, 1, 2, 3].map((n) => pool.prepare({ bytes: numbered(n) }));
    const settled = await outcomes(waiting);
    expect(settled.every((s) => s instanceof Error)).toBe(true);
    expect(String(settled[0])).toMatch(/cannot load the parse worker/);
    expect(String(settled[3])).toMatch(/cannot load the parse worker/);
    await exited;

    await expect(pool.prepare({ bytes: numbered(4) })).rejects.toThrow(/cannot load the parse worker/);
    // No worker is started again for every message.
    expect(started()).toHaveLength(1);
  });
});

describe('createParsePool: close()', { timeout: 30_000 }, () => {
  it('rejects what is queued and every later prepare; what a worker held settles too', async () => {
    const dir = await tempDir();
    const pool = createParsePool({
      stage: { blobs: { dir }, limits: resolveParseLimits() },
      blobSync: false,
      workers: 1,
    });
    expect(messageIdOf(await pool.prepare({ bytes: numbered(0) }))).toBe('<pool-0@parse-pool.test>');
    const all = outcomes([1, 2, 3, 4, 5].map((n) => pool.prepare({ bytes: numbered(n) })));
    await pool.close();
    const settled = await all;
    // Held by the worker (two): answered before it stopped, or rejected; never left pending.
    for (const [i, outcome] of settled.slice(0, 2).entries()) {
      if (outcome instanceof Error) {
        expect(outcome.message).toMatch(/the parse pool is closed/);
      } else {
        expect(messageIdOf(outcome)).toBe(`<pool-${i + 1}@parse-pool.test>`);
      }
    }
    for (const outcome of settled.slice(2)) {
      expect(String(outcome)).toMatch(/the parse pool is closed/);
    }
    await expect(pool.prepare({ bytes: numbered(6) })).rejects.toThrow(/the parse pool is closed/);
  });
});
