import type Database from 'better-sqlite3';
import type { CommitInput, LocalStore } from './local-store.js';
import type { LogResult } from '#shared/model/log-result.js';
import { createTransactionBatch } from './batch-transactions.js';
import { createLogResultWriter, type LogResultWriterOptions } from './write-log-result.js';

/**
 * Commits one decision (`createLogResultWriter`) in ONE `BEGIN IMMEDIATE` transaction, so a crash leaves either
 * all of it or none, and so concurrent writers are serialised before they read. Between `beginBatch` and
 * `endBatch` the commits that no IMAP MOVE depends on are grouped (`createTransactionBatch`); a `durable` one ends
 * the open batch first and is written with `synchronous=FULL`.
 */
export function createCommitter(
  db: Database.Database,
  options: LogResultWriterOptions,
): Pick<LocalStore, 'commit' | 'beginBatch' | 'endBatch'> {
  const write = createLogResultWriter(db, options);
  const batch = createTransactionBatch(db);

  const commit = (input: CommitInput): LogResult => {
    if (batch.isOpen() && input.durable !== true) {
      return batch.run(() => write(input));
    }
    batch.flush();
    if (input.durable !== true) {
      return write.immediate(input);
    }
    // synchronous is a connection setting and cannot change inside a transaction: set it around this one.
    db.pragma('synchronous = FULL');
    try {
      return write.immediate(input);
    } finally {
      db.pragma('synchronous = NORMAL');
    }
  };

  return { commit, beginBatch: (maxCommits) => batch.begin(maxCommits), endBatch: () => batch.end() };
}
