import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { LogResult } from '#shared/model/log-result.js';
import type { ParsePool, ParseSource } from '../core/parse-pool.js';
import { readSource } from '../core/read-source.js';
import type { MessageMeta, Pipeline } from '../core/pipeline.js';
import type { PreparedMessage } from '../core/prepare-message.js';
import { countMboxMessages, listMessageSources } from './list-message-sources.js';
import { splitMbox } from './split-mbox.js';

export type ImportProgress = {
  /** Messages handed to the pipeline so far. */
  readonly count: number;
  /** Messages found (mboxes are counted before the import starts). */
  readonly total: number;
  /** Bytes of the sources read so far, and in all (for a bar that moves smoothly through one big mbox). */
  readonly bytes: number;
  readonly totalBytes: number;
};

export type ImportOptions = {
  readonly onProgress?: (progress: ImportProgress) => void;
  /** Each message's result; `source` names the file (and `#n` for the n-th message of an mbox, from 1). */
  readonly onResult?: (result: LogResult, source: string) => void;
  /**
   * Parse workers sharing the pipeline's blob store: messages are parsed ahead on every core while this
   * thread decides and commits, in source order. Without a pool each message goes through `logMessage` in turn.
   */
  readonly pool?: ParsePool;
};

export type MailImportSummary = {
  readonly count: number;
  readonly byStatus: Readonly<Record<LogResult['status'], number>>;
};

/**
 * `import PATH`: back-fills from a folder of .eml files (recursively), a Maildir (cur/new, Maildir++
 * subfolders included) or an mbox file, each message through the same pipeline as live mail. No `resume` (nothing
 * was claimed) and no durable commit (a crash only means running the import again: R2 reports what was already
 * logged as `duplicate`). The result's `file` is the path relative to PATH.
 */
export async function importPath(
  target: string,
  pipeline: Pipeline,
  options: ImportOptions = {},
): Promise<MailImportSummary> {
  // mbox messages are held in memory up to the pipeline's own size limit.
  const maxMessageBytes = pipeline.limits.maxMessageBytes;
  const sources = await listMessageSources(target);
  const counts = await Promise.all(sources.map((s) => (s.kind === 'mbox' ? countMboxMessages(s.path) : 1)));
  const total = counts.reduce((a, b) => a + b, 0);
  const totalBytes = sources.reduce((sum, s) => sum + s.size, 0);
  const byStatus = { logged: 0, skipped: 0, rejected: 0, duplicate: 0 };
  let count = 0;
  let bytesBefore = 0;
  const base = sources.length === 1 && sources[0]?.path === target ? path.dirname(target) : target;

  const record = (result: LogResult, file: string, bytes: number): void => {
    byStatus[result.status]++;
    count++;
    options.onResult?.(result, file);
    options.onProgress?.({ count, total, bytes, totalBytes });
  };
  const meta = (file: string): MessageMeta => ({ envelope: {}, file, durable: false });

  /** Parsed ahead by the pool, committed here in source order; a worker that died on one is retried in-process. */
  type Ahead = {
    readonly file: string;
    readonly bytes: number;
    readonly source: ParseSource;
    readonly prepared: Promise<PreparedMessage | Error>;
  };
  const ahead: Ahead[] = [];
  const depth = options.pool === undefined ? 0 : options.pool.size * 4;

  const commitOldest = async (): Promise<void> => {
    const oldest = ahead.shift();
    if (oldest === undefined) {
      return;
    }
    const prepared = await oldest.prepared;
    const result =
      prepared instanceof Error
        ? await pipeline.logMessage({ ...meta(oldest.file), raw: readSource(oldest.source) })
        : await pipeline.logPrepared(prepared, meta(oldest.file));
    record(result, oldest.file, oldest.bytes);
  };

  const log = async (source: ParseSource, file: string, bytes: number): Promise<void> => {
    const pool = options.pool;
    if (pool === undefined) {
      record(await pipeline.logMessage({ ...meta(file), raw: readSource(source) }), file, bytes);
      return;
    }
    const prepared = pool.prepare(source).catch((error: unknown) => asError(error));
    ahead.push({ file, bytes, source, prepared });
    if (ahead.length >= depth) {
      await commitOldest();
    }
  };

  try {
    for (const source of sources) {
      const name = path.relative(base, source.path) || path.basename(source.path);
      if (source.kind === 'message') {
        await log({ path: source.path, size: source.size }, name, bytesBefore + source.size);
      } else {
        let index = 0;
        const stream = createReadStream(source.path);
        for await (const message of splitMbox(stream, maxMessageBytes)) {
          index++;
          // Read-ahead granularity (64 KiB) is fine for a progress bar; at the last message it is the whole file.
          await log({ bytes: message }, `${name}#${index}`, bytesBefore + stream.bytesRead);
        }
      }
      bytesBefore += source.size;
    }
    while (ahead.length > 0) {
      await commitOldest();
    }
  } finally {
    // On a failure, what was parsed ahead is not committed: wait for the workers so none writes after we return.
    await Promise.all(ahead.splice(0).map((a) => a.prepared));
  }
  return { count, byStatus };
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
