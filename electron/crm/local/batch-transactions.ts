import type Database from 'better-sqlite3';

/** The longest an open back-fill batch holds the write lock before it is committed. */
const BATCH_MAX_MS = 1_000;

/**
 * Groups many small transactions into one `BEGIN IMMEDIATE … COMMIT` (`LocalStore.beginBatch`): each piece of
 * work runs nested in the open transaction (a savepoint when it is a better-sqlite3 transaction, undone alone
 * when it throws). The batch is bounded in count and in time, so another process waiting to write waits at most
 * `BATCH_MAX_MS`; a timer commits it when no work comes to do it.
 */
export type TransactionBatch = {
  /** Whether a batch is open. */
  isOpen(): boolean;
  /** Runs `work` inside the open batch (opening its transaction when it holds nothing yet). */
  run<T>(work: () => T): T;
  /** Commits what the open batch holds (and throws what its timer met); nothing when none is open. */
  flush(): void;
  begin(maxCommits?: number): void;
  end(): void;
};

type OpenBatch = {
  readonly max: number;
  held: number;
  openedAt: number;
  /** Commits the batch when no commit comes to do it (the next message is slow to arrive or to parse). */
  timer?: ReturnType<typeof setTimeout>;
  /** A COMMIT run by the timer failed: thrown at the next commit or at end, so it is never lost. */
  failed?: unknown;
};

export function createTransactionBatch(
  db: Pick<Database.Database, 'exec' | 'inTransaction'>,
): TransactionBatch {
  let batch: OpenBatch | null = null;

  function flush(): void {
    if (batch === null) {
      return;
    }
    clearTimeout(batch.timer);
    const failed = batch.failed;
    if (failed !== undefined) {
      batch.failed = undefined;
      throw failed;
    }
    if (batch.held > 0) {
      batch.held = 0;
      db.exec('COMMIT');
    }
  }

  function run<T>(work: () => T): T {
    const open = batch;
    if (open === null) {
      throw new Error('no batch is open');
    }
    if (open.failed !== undefined) {
      flush(); // throws what the timer met
    }
    if (open.held === 0) {
      db.exec('BEGIN IMMEDIATE');
      open.openedAt = Date.now();
      open.timer = setTimeout(() => {
        try {
          flush();
        } catch (error) {
          open.failed = error;
        }
      }, BATCH_MAX_MS);
      open.timer.unref();
    }
    open.held += 1;
    let result: T;
    try {
      result = work();
    } catch (error) {
      if (!db.inTransaction) {
        open.held = 0; // SQLite rolled the whole batch back (disk full, I/O error)
      }
      throw error;
    }
    if (open.held >= open.max || Date.now() - open.openedAt >= BATCH_MAX_MS) {
      flush();
    }
    return result;
  }

  return {
    isOpen: () => batch !== null,
    run,
    flush,
    begin(maxCommits = 200) {
      flush();
      batch = { max: Math.max(1, Math.floor(maxCommits)), held: 0, openedAt: 0 };
    },
    end() {
      try {
        flush();
      } finally {
        batch = null;
      }
    },
  };
}
