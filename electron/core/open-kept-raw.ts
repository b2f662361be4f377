import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { LocalStore } from '../crm/local/local-store.js';
import type { BlobStore } from './blob-store.js';

/** Where kept raw bytes are: the store's own database (small messages) and the blob store. */
export type KeptRawSources = {
  readonly store: Pick<LocalStore, 'rawMessage'>;
  readonly blobs: Pick<BlobStore, 'path'>;
};

/**
 * The raw bytes of `sha256` for a reader (reprocess, a notice's subject): from the store when the commit kept them
 * there (`CommitInput.raw`), else the blob file, streamed (docs/architecture.md "Raw bytes"). `smallRawInCommit`
 * says where a new commit of them keeps them: where they already are, so a reprocess copies nothing.
 */
export function openKeptRaw(
  sha256: string,
  from: KeptRawSources,
): { readonly raw: Readable | Buffer; readonly smallRawInCommit: boolean } {
  const inStore = from.store.rawMessage(sha256);
  return inStore === null
    ? { raw: createReadStream(from.blobs.path(sha256)), smallRawInCommit: false }
    : { raw: inStore, smallRawInCommit: true };
}
