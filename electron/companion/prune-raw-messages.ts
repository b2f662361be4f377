import type { BlobStore } from '../core/blob-store.js';
import type { Logger } from '../core/logger.js';
import type { LocalStore } from '../crm/local/local-store.js';

const dayMs = 24 * 60 * 60_000;

/**
 * C1 retention: deletes the raw bytes of rejected, skipped and duplicate messages older than `retentionDays`
 * (their results stay in the journal; `reprocess` no longer offers them). What logged emails need is kept
 * (`releaseExpiredRaw`). Returns how many blobs were deleted.
 */
export async function pruneRawMessages(
  store: LocalStore,
  blobs: BlobStore,
  retentionDays: number,
  options: { readonly now: () => Date; readonly logger: Logger },
): Promise<number> {
  const before = new Date(options.now().getTime() - retentionDays * dayMs).toISOString();
  const released = store.releaseExpiredRaw(before);
  let removed = 0;
  for (const sha256 of released) {
    if (await blobs.remove(sha256)) {
      removed += 1;
    }
  }
  if (released.length > 0) {
    options.logger.info('raw messages past retention deleted', { count: removed, retentionDays, before });
  }
  return removed;
}
