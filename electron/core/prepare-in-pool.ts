import type { Readable } from 'node:stream';
import type { BlobStore } from './blob-store.js';
import type { ParseLimits } from './limits.js';
import type { ParsePool } from './parse-pool.js';
import { keepRaw, parseKept, type PrepareOptions, type PreparedMessage } from './prepare-message.js';

/**
 * Stage 1 with the parse off this thread: the raw bytes are kept here (I/O, under the read limits), so that a
 * message whose parse or extraction runs out of time is quarantined with its bytes; the CPU-heavy rest runs in
 * the pool, which stops a worker that exceeds the budget.
 */
export async function prepareInPool(
  pool: ParsePool,
  raw: Readable | Buffer,
  stage: { readonly blobs: BlobStore; readonly limits: ParseLimits },
  options: PrepareOptions,
): Promise<PreparedMessage> {
  const { blobs, limits } = stage;
  const kept = await keepRaw(raw, blobs, limits, options.smallRawInCommit ?? false);
  if ('kind' in kept) {
    return kept;
  }
  if (options.alreadyCommitted?.(kept.sha256) === true) {
    return { kind: 'committed', rawSha256: kept.sha256 };
  }
  try {
    return await pool.prepareKept(kept);
  } catch {
    // The worker died on it (out of memory…) or the pool is closing: parse here, as the back-fill does.
    return parseKept(kept, blobs, limits);
  }
}
