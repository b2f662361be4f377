import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { LogResult } from '../../shared/model/log-result.js';
import { defaultParseLimits } from '../core/limits.js';
import type { Pipeline } from '../core/pipeline.js';
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
  /** Must equal the pipeline's `maxMessageBytes`: mbox messages are held in memory up to this many bytes. */
  readonly maxMessageBytes?: number;
};

export type ImportSummary = {
  readonly count: number;
  readonly byStatus: Readonly<Record<LogResult['status'], number>>;
};

/**
 * `import PATH` (issue 4): back-fills from a folder of .eml files (recursively), a Maildir (cur/new, Maildir++
 * subfolders included) or an mbox file, each message through the same pipeline as live mail. No `resume` (nothing
 * was claimed) and no durable commit (a crash only means running the import again: R2 reports what was already
 * logged as `duplicate`). The result's `file` is the path relative to PATH.
 */
export async function importPath(
  target: string,
  pipeline: Pipeline,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const maxMessageBytes = options.maxMessageBytes ?? defaultParseLimits.maxMessageBytes;
  const sources = await listMessageSources(target);
  const counts = await Promise.all(sources.map((s) => (s.kind === 'mbox' ? countMboxMessages(s.path) : 1)));
  const total = counts.reduce((a, b) => a + b, 0);
  const totalBytes = sources.reduce((sum, s) => sum + s.size, 0);
  const byStatus = { logged: 0, skipped: 0, rejected: 0, duplicate: 0 };
  let count = 0;
  let bytesBefore = 0;
  const base = sources.length === 1 && sources[0]?.path === target ? path.dirname(target) : target;

  const log = async (raw: Buffer | Readable, file: string, bytes: number): Promise<void> => {
    const result = await pipeline.logMessage({ raw, envelope: {}, file, durable: false });
    byStatus[result.status]++;
    count++;
    options.onResult?.(result, file);
    options.onProgress?.({ count, total, bytes, totalBytes });
  };

  for (const source of sources) {
    const name = path.relative(base, source.path) || path.basename(source.path);
    if (source.kind === 'message') {
      await log(createReadStream(source.path), name, bytesBefore + source.size);
    } else {
      let index = 0;
      const stream = createReadStream(source.path);
      for await (const message of splitMbox(stream, maxMessageBytes)) {
        index++;
        // Read-ahead granularity (64 KiB) is fine for a progress bar; at the last message it is the whole file.
        await log(message, `${name}#${index}`, bytesBefore + stream.bytesRead);
      }
    }
    bytesBefore += source.size;
  }
  return { count, byStatus };
}
