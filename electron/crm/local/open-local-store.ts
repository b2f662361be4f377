import path from 'node:path';
import Database from 'better-sqlite3';
import { createRevisionCache, createRevisionReader } from './account-revision.js';
import { createUserAdmin } from './admin-users.js';
import { createNeverLogAdmin } from './admin-never-log.js';
import { createCommitter } from './commit-decision.js';
import { createFactsReader } from './fetch-facts.js';
import { createImporter } from './import-crm.js';
import { createJournalOperations } from './journal-operations.js';
import { createJournalStats } from './journal-stats.js';
import type { LocalStore, LocalStoreOptions } from './local-store.js';
import { migrate } from './migrations.js';
import { createNoticeQueue } from './notice-queue.js';
import { createOutboxQueue } from './outbox-queue.js';
import { createResultsReader } from './read-results.js';
import { createRawMessageTable } from './raw-message-table.js';
import { createRawRelease } from './release-expired-raw.js';
import { createSettingsReader } from './read-settings.js';
import { createUserReader } from './read-users.js';
import { prepareStoreFolder, tightenStoreModes } from './tighten-store-modes.js';

/** The store's file inside its folder (docs/rules.md#results `--store DIR`). */
export const storeFileName = 'crm.sqlite';

/**
 * Opens (creating when missing) the embedded CRM in `dir/crm.sqlite` and brings its schema up to date.
 *
 * - `busy_timeout` first: every later statement, `journal_mode` included, may meet another process's lock.
 * - WAL: readers never block the writer, and several companions or CLI runs may share one store (C1, R2).
 * - `synchronous=NORMAL`: in WAL mode consistent after a crash, and several times faster than FULL
 *   (docs/performance.md); the commit that an IMAP MOVE depends on asks for FULL (`CommitInput.durable`).
 * - `foreign_keys=ON`: off by default in SQLite, per connection.
 * - C1: the folder is 0700 and the database files 0600 (`tightenStoreModes`).
 */
export function openLocalStore(dir: string, options: LocalStoreOptions = {}): LocalStore {
  const file = path.join(dir, storeFileName);
  prepareStoreFolder(dir, file);
  const db = new Database(file);
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 10_000))}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    tightenStoreModes(dir, file, options.logger);
  } catch (e) {
    db.close();
    throw e;
  }
  const now = options.now ?? (() => new Date());
  const committer = createCommitter(db, { now, syncTarget: options.syncTarget ?? 'local' });
  const cached = createRevisionCache(db);
  const users = createUserReader(db);
  const allUsers = cached(users.all);
  const settings = cached(createSettingsReader(db));
  const results = createResultsReader(db);
  const raws = createRawMessageTable(db);
  return {
    path: file,
    importCrm: createImporter(db, now),
    settings,
    accountRevision: createRevisionReader(db),
    fetchFacts: createFactsReader(db, settings, allUsers, cached),
    ...committer,
    listResults: results.list,
    listEntries: results.entries,
    storedResult: results.stored,
    resultForRaw: results.forRaw,
    rawMessage: raws.read,
    pageEntries: results.page,
    datedEntry: results.dated,
    ...createUserAdmin(db, users, now),
    ...createNeverLogAdmin(db),
    ...createNoticeQueue(db),
    ...createOutboxQueue(db, now),
    ...createJournalOperations(db, now),
    releaseExpiredRaw: createRawRelease(db),
    ...createJournalStats(db),
    close: () => {
      try {
        committer.endBatch(); // an open back-fill batch: what it holds was reported as logged
      } finally {
        db.close();
      }
    },
  };
}
