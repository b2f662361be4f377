import path from 'node:path';
import { createBlobStore, type BlobStore } from '../core/blob-store.js';
import { createPipeline, type Pipeline } from '../core/pipeline.js';
import { openLocalStore } from '../crm/local/open-local-store.js';
import type { LocalStore } from '../crm/local/local-store.js';
import { CliError } from './cli-error.js';
import { defaultStoreDir } from './default-store-dir.js';
import { describeStoreProblem } from './describe-store-problem.js';

export type CliStore = {
  readonly dir: string;
  readonly store: LocalStore;
  readonly blobs: BlobStore;
  readonly pipeline: Pipeline;
  close(): void;
};

/** Opens (creating if missing) the store named by `--store`, or the per-user default. */
export function openCliStore(storeOption: string | undefined): CliStore {
  const dir = path.resolve(storeOption ?? defaultStoreDir());
  const problem = describeStoreProblem(dir);
  if (problem !== null) {
    throw new CliError(problem);
  }
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

/**
 * Refuses to log into a store without users: every mail would be rejected as `sender-not-user` and kept, which
 * is noise to clean up, not a result. Says the two ways to add them.
 */
export function requireUsers(opened: CliStore): void {
  if (opened.store.listUsers().length > 0) {
    return;
  }
  const store = `--store ${opened.dir}`;
  throw new CliError(
    `the store ${opened.dir} has no users, so every mail would be rejected: add them from a CRM file with --crm CRM.json (or 'crm-mail-logger import-crm CRM.json ${store}'), or one by one with 'crm-mail-logger users add EMAIL ${store}'`,
  );
}
