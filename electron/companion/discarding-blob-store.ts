import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { BlobStore } from '../core/blob-store.js';

/**
 * A blob store that only hashes: a preview (check-forward) parses the message the same way as logging it, but
 * must write nothing (docs/api.md), so attachments are counted and hashed and then dropped.
 */
export function createDiscardingBlobStore(): BlobStore {
  const stored = (hash: ReturnType<typeof createHash>, size: number) => ({
    sha256: hash.digest('hex'),
    size,
    path: '',
    created: false,
  });
  return {
    dir: '',
    async put(source: Readable) {
      const hash = createHash('sha256');
      let size = 0;
      for await (const chunk of source) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
        hash.update(bytes);
        size += bytes.length;
      }
      return stored(hash, size);
    },
    async putBuffer(data) {
      return stored(createHash('sha256').update(data), data.length);
    },
    path: () => '',
    has: async () => false,
    remove: async () => false,
    removeStaleTemp: async () => 0,
  };
}
