import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BlobStore } from './blob-store.js';
import type { ParseLimits } from './limits.js';
import type { ParseJob, ParseSource, ParseWorkerData } from './parse-pool-protocol.js';
import { watchParseWorker } from './watch-parse-worker.js';
import {
  rawForCommit,
  SMALL_RAW_IN_STORE_BYTES,
  type KeptRaw,
  type PreparedMessage,
} from './prepare-message.js';

export type { ParseSource } from './parse-pool-protocol.js';

/**
 * Stage 1 of the pipeline (raw kept, parsed: `prepareMessage`) on worker threads, so that parsing, the costliest
 * step, runs on every core while the thread that owns the SQLite store decides and commits: the back-fill, with
 * many messages waiting, and the live companion, whose main thread (IMAP, IDLE's watchdog, the outbox, SIGTERM)
 * one hostile message must never stall (C7).
 *
 * Each message has a time budget, `parseTimeoutMs`, from the moment its worker starts on it: a message still
 * unfinished then (its parse or its forward extraction) is answered `parse-timeout` with the raw bytes it kept,
 * and its worker is terminated and replaced; the other messages that worker held go to the next one.
 */
export type ParsePool = {
  readonly size: number;
  /** Rejects when the worker died on this message (out of memory…): the caller then logs it in-process. */
  prepare(source: ParseSource): Promise<PreparedMessage>;
  /** Parses raw bytes the caller kept itself (`keepRaw`); rejects as `prepare` does. */
  prepareKept(kept: KeptRaw): Promise<PreparedMessage>;
  /** Messages answered `parse-timeout` because they used up their budget. */
  readonly timedOut: number;
  close(): Promise<void>;
};

/** What a pool takes from the pipeline whose stage 1 it runs: the blob store's folder and the parse limits. */
export type ParseStage = { readonly blobs: Pick<BlobStore, 'dir'>; readonly limits: ParseLimits };

export type ParsePoolOptions = {
  /** The pipeline (`Pipeline` is a `ParseStage`): the workers keep blobs in its folder and parse under its limits. */
  readonly stage: ParseStage;
  readonly blobSync: boolean;
  /** Default: one per core, less one for the thread that commits, at least one. */
  readonly workers?: number;
  /** Compute the forward extraction in the worker too (C7). Default false (the back-fill's rules do). */
  readonly extractForward?: boolean;
  /**
   * Hand small raw messages back for the commit to keep in the store (`PrepareOptions.smallRawInCommit`) instead
   * of writing a blob file each; only where every answer is committed by `logPrepared`. Default false.
   */
  readonly smallRawInCommit?: boolean;
};

/** A worker keeps this many messages in hand, so it never waits for its next one. */
const IN_FLIGHT_PER_WORKER = 2;

type Pending = {
  readonly job: ParseJob;
  resolve(prepared: PreparedMessage): void;
  reject(error: Error): void;
  /** The budget's timer, from the worker's "started". */
  timer?: NodeJS.Timeout;
  /** The sha256 of the raw bytes once kept. */
  rawSha256?: string;
};
type Slot = { worker: Worker; readonly pending: Map<number, Pending>; answered: number };

export function defaultParseWorkers(): number {
  return Math.max(1, availableParallelism() - 1);
}

export function createParsePool(options: ParsePoolOptions): ParsePool {
  const size = Math.max(1, Math.floor(options.workers ?? defaultParseWorkers()));
  const data: ParseWorkerData = {
    blobDir: options.stage.blobs.dir,
    blobSync: options.blobSync,
    limits: options.stage.limits,
    extractForward: options.extractForward ?? false,
    smallRawInCommit: options.smallRawInCommit ?? false,
  };
  const queue: Pending[] = [];
  let timedOut = 0;
  let nextId = 1;
  let closed = false;
  /** Set when a worker died before answering anything: every later `prepare` fails at once. */
  let broken: Error | null = null;
  const slots: Slot[] = Array.from({ length: size }, () => startSlot());

  function startSlot(): Slot {
    const slot: Slot = { worker: spawnWorker(data), pending: new Map(), answered: 0 };
    wire(slot);
    return slot;
  }

  /** Answers a message that used up its budget, and replaces the worker that is still busy with it. */
  function expire(slot: Slot, id: number): void {
    const pending = slot.pending.get(id);
    if (pending === undefined) {
      return;
    }
    slot.pending.delete(id);
    timedOut += 1;
    pending.resolve({ kind: 'unparsable', reason: 'parse-timeout', ...keptOfExpired(pending, data) });
    // The others it held start again on the replacement, first in line.
    const held = [...slot.pending.values()];
    held.forEach((p) => clearTimeout(p.timer));
    slot.pending.clear();
    queue.unshift(...held);
    const stuck = slot.worker;
    slot.worker = spawnWorker(data);
    slot.answered = 0;
    wire(slot);
    void stuck.terminate();
    dispatch();
  }

  function wire(slot: Slot): void {
    const worker = slot.worker;
    watchParseWorker(
      worker,
      { isCurrent: () => slot.worker === worker, isClosed: () => closed },
      {
        started(id) {
          const pending = slot.pending.get(id);
          if (pending !== undefined) {
            pending.timer = setTimeout(() => expire(slot, id), data.limits.parseTimeoutMs);
          }
        },
        stored(id, sha256) {
          const pending = slot.pending.get(id);
          if (pending !== undefined) {
            pending.rawSha256 = sha256;
          }
        },
        answered(id, answer) {
          const pending = slot.pending.get(id);
          clearTimeout(pending?.timer);
          slot.pending.delete(id);
          slot.answered += 1;
          if ('prepared' in answer) {
            pending?.resolve(answer.prepared);
          } else {
            pending?.reject(new Error(`parse worker: ${answer.error}`));
          }
          dispatch();
        },
        // A worker that dies fails what it held and is replaced.
        died(error) {
          for (const pending of slot.pending.values()) {
            clearTimeout(pending.timer);
            pending.reject(error);
          }
          slot.pending.clear();
          if (slot.answered === 0) {
            // It could not even start (a broken install): no point in starting it again for every message.
            broken = error;
            for (const waiting of queue.splice(0)) {
              waiting.reject(error);
            }
            return;
          }
          if (!closed) {
            slot.answered = 0;
            slot.worker = spawnWorker(data);
            wire(slot);
            dispatch();
          }
        },
      },
    );
  }

  function dispatch(): void {
    while (queue.length > 0) {
      const slot = slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      if (slot.pending.size >= IN_FLIGHT_PER_WORKER) {
        return;
      }
      const next = queue.shift();
      if (next === undefined) {
        return;
      }
      slot.pending.set(next.job.id, next);
      slot.worker.postMessage(next.job);
    }
  }

  function submit(job: (id: number) => ParseJob): Promise<PreparedMessage> {
    if (closed || broken !== null) {
      return Promise.reject(broken ?? new Error('the parse pool is closed'));
    }
    return new Promise<PreparedMessage>((resolve, reject) => {
      queue.push({ job: job(nextId++), resolve, reject });
      dispatch();
    });
  }

  return {
    size,
    prepare: (source) => submit((id) => ({ id, source })),
    prepareKept: (kept) => submit((id) => ({ id, kept })),
    get timedOut() {
      return timedOut;
    },
    async close() {
      closed = true;
      for (const waiting of queue.splice(0)) {
        waiting.reject(new Error('the parse pool is closed'));
      }
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
      // What a stopped worker held is never answered: fail it rather than leave it pending for ever.
      for (const slot of slots) {
        for (const pending of slot.pending.values()) {
          clearTimeout(pending.timer);
          pending.reject(new Error('the parse pool is closed'));
        }
        slot.pending.clear();
      }
    },
  };
}

/**
 * R3: the raw bytes a message that ran out of time is quarantined with. A blob file the worker reported
 * (`stored`), or bytes the caller kept; without a blob file (`smallRawInCommit`) the source is read again here,
 * so that the commit keeps it in the store. Null when nothing was kept (a source over the size or read limits).
 */
function keptOfExpired(
  pending: Pending,
  data: ParseWorkerData,
): Pick<Extract<PreparedMessage, { kind: 'unparsable' }>, 'rawSha256' | 'raw'> {
  const job = pending.job;
  if ('kept' in job) {
    return { rawSha256: job.kept.sha256, ...rawForCommit(job.kept) };
  }
  if (pending.rawSha256 !== undefined) {
    return { rawSha256: pending.rawSha256 };
  }
  const size = 'bytes' in job.source ? job.source.bytes.byteLength : job.source.size;
  if (!data.smallRawInCommit || size > SMALL_RAW_IN_STORE_BYTES) {
    return { rawSha256: null };
  }
  try {
    const bytes = 'bytes' in job.source ? Buffer.from(job.source.bytes) : readFileSync(job.source.path);
    if (bytes.length > SMALL_RAW_IN_STORE_BYTES) {
      return { rawSha256: null };
    }
    return { rawSha256: createHash('sha256').update(bytes).digest('hex'), raw: bytes };
  } catch {
    return { rawSha256: null }; // the file went away meanwhile: the caller's source, nothing of ours lost
  }
}

/**
 * Runs parse-worker.ts. From source (no build step) the worker registers tsx's loader itself before importing it:
 * Node 20 does not apply a parent's `--import` hooks to a worker. A built copy (.js) is started directly.
 */
function spawnWorker(data: ParseWorkerData): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(fromSource ? './parse-worker.ts' : './parse-worker.js', import.meta.url);
  if (!fromSource) {
    return new Worker(url, { workerData: data });
  }
  const tsxApi = tsxEsmApiUrl();
  const boot = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(boot, { eval: true, workerData: data });
}

/** tsx's ESM API as a file URL, from its package's exports (its CommonJS twin cannot register hooks here). */
function tsxEsmApiUrl(): string {
  const packageJson = createRequire(import.meta.url).resolve('tsx/package.json');
  const manifest = JSON.parse(readFileSync(packageJson, 'utf8')) as {
    exports?: Record<string, { import?: { default?: string } }>;
  };
  const entry = manifest.exports?.['./esm/api']?.import?.default;
  if (entry === undefined) {
    throw new Error(`tsx at ${path.dirname(packageJson)} has no ESM API to start a parse worker with`);
  }
  return pathToFileURL(path.join(path.dirname(packageJson), entry)).href;
}
