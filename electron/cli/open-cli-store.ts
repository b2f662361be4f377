import path from 'node:path';
import { createBlobStore, type BlobStore } from '../core/blob-store.js';
import { createPipeline, type Pipeline } from '../core/pipeline.js';
import { openLocalStore } from '../crm/local/open-local-store.js';
import type { LocalStore } from '../crm/local/local-store.js';
import { CliError } from './cli-error.js';
import { defaultStoreDir } from './default-store-dir.js';

export type CliStore = {
  readonly dir: string;
  readonly store: LocalStore;
  readonly blobs: BlobStore;
  readonly pipeline: Pipeline;
  close(): void;
};

/** Opens (creating if missing) the store named by `--store`, or the per-user default (SPEC §7). */
export function openCliStore(storeOption: string | undefined): CliStore {
  const dir = path.resolve(storeOption ?? defaultStoreDir());
  let store: LocalStore;
  try {
    store = openLocalStore(dir);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(`cannot open the store ${dir}: ${reason}`);
  }
  // The CLI's sources stay where they are, so its blobs need no fsync (the companion's do: C1).
  const blobs = createBlobStore(path.join(dir, 'blobs'), { sync: false });
  return { dir, store, blobs, pipeline: createPipeline({ store, blobs }), close: () => store.close() };
}
