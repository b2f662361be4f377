import type { BlobStore } from '../core/blob-store.js';
import type { Logger } from '../core/logger.js';
import type { LocalStore } from '../crm/local/local-store.js';

const dayMs = 24 * 60 * 60_000;

/**
 * C1 retention: deletes the raw bytes of rejected, skipped and duplicate messages older than `retentionDays`
 * (their results stay in the journal; `reprocess` no longer offers them). What logged emails need is kept
 * (`releaseExpiredRaw`). Returns how many raw messages were let go (in the store's database or blob files).
 */
export async function pruneRawMessages(
  store: LocalStore,
  blobs: BlobStore,
  retentionDays: number,
  options: { readonly now: () => Date; readonly logger: Logger },
): Promise<number> {
  const before = new Date(options.now().getTime() - retentionDays * dayMs).toISOString();
  // Released raws kept in the store's database are gone with the release; the others are blob files.
  const released = store.releaseExpiredRaw(before);
  for (const sha256 of released) {
    await blobs.remove(sha256);
  }
  if (released.length > 0) {
    options.logger.info('raw messages past retention deleted', {
      count: released.length,
      retentionDays,
      before,
    });
  }
  return released.length;
}
