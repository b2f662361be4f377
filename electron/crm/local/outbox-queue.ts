import type Database from 'better-sqlite3';
import { nothingAssociated } from '#shared/rules/nothing-associated.js';

export type OutboxState = 'pending' | 'synced' | 'failed';

/** One row of the transactional outbox (C3): a logged result to push to the remote backend. */
export type OutboxRow = {
  readonly id: number;
  readonly resultId: number;
  readonly state: OutboxState;
  /** Push attempts that ended in a failure counted against the retry budget (a 429 is not counted). */
  readonly attempts: number;
  /** Claims before this one (`dueOutbox` with a lease): 0 means no push of this row was ever started. */
  readonly claims: number;
  readonly nextAttemptAt: string;
  readonly lastError: string | null;
  readonly remoteId: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
};

export type OutboxCounts = { readonly pending: number; readonly synced: number; readonly failed: number };

/**
 * The outbox as the sync worker (`electron/sync/outbox-worker.ts`) uses it. Every mark applies only to a row still
 * `pending`, and answers whether it did: a row forgotten (C6) or finished by another worker meanwhile is left as is.
 */
export type OutboxQueue = {
  /**
   * `pending` rows due at `now`, oldest `next_attempt_at` first. With `leaseUntil`, they are also claimed in the
   * same transaction: their `next_attempt_at` moves to `leaseUntil`, so another worker (or this one's next run)
   * does not take them while the push is in flight, and a worker that dies mid-push leaves them due again when the
   * lease ends (the schema has no `inflight` state; the lease needs none).
   */
  dueOutbox(now: Date, limit: number, leaseUntil?: Date): ReadonlyArray<OutboxRow>;
  /**
   * The backend has it: `synced`, with its id there (null for a backend with no ids). With `duplicateOf` (R2
   * across users: another store had written it) the result itself becomes a `duplicate` of what that names.
   */
  markSynced(id: number, remoteId: string | null, at: Date, duplicateOf?: string): boolean;
  /** A failed attempt to try again at `nextAt`: attempts + 1, `last_error`. */
  markRetry(id: number, error: string, nextAt: Date): boolean;
  /** Given up (non-retryable, or out of attempts): attempts + 1, `failed`, `last_error`; C6 `retry` revives it. */
  markFailed(id: number, error: string): boolean;
  /**
   * Not before `until`, without counting an attempt: a claimed row the worker did not push (the queue paused on a
   * rate limit), or one the backend rate-limited, with its reply as `note`.
   */
  deferOutbox(id: number, until: Date, note?: string): boolean;
  outboxCounts(): OutboxCounts;
  /** When the next `pending` row falls due (ISO-8601), or null: the worker sleeps until then. */
  nextOutboxAttemptAt(): string | null;
};

type Row = {
  id: number;
  log_result_id: number;
  state: OutboxState;
  attempts: number;
  claims: number;
  next_attempt_at: string;
  last_error: string | null;
  remote_id: string | null;
  created_at: string;
  updated_at: string;
};

function toOutboxRow(row: Row): OutboxRow {
  return {
    id: row.id,
    resultId: row.log_result_id,
    state: row.state,
    attempts: row.attempts,
    claims: row.claims,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    remoteId: row.remote_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Times are ISO-8601 strings in UTC (`toISOString`, always 24 characters), so `<=` on the text is `<=` on time
 * and the `outbox_due (state, next_attempt_at)` index serves the claim.
 */
export function createOutboxQueue(db: Database.Database, now: () => Date): OutboxQueue {
  const statements = {
    due: db.prepare<[string, number], Row>(
      `SELECT * FROM outbox WHERE state = 'pending' AND next_attempt_at <= ?
       ORDER BY next_attempt_at, id LIMIT ?`,
    ),
    lease: db.prepare<[string, string, number]>(
      `UPDATE outbox SET next_attempt_at = ?, updated_at = ?, claims = claims + 1 WHERE id = ? AND state = 'pending'`,
    ),
    synced: db.prepare<[string | null, string, number]>(
      `UPDATE outbox SET state = 'synced', remote_id = ?, last_error = NULL, updated_at = ?
       WHERE id = ? AND state = 'pending'`,
    ),
    resultOf: db.prepare<[number], { id: number; result_json: string }>(
      `SELECT r.id, r.result_json FROM outbox o JOIN log_results r ON r.id = o.log_result_id WHERE o.id = ?`,
    ),
    becomeDuplicate: db.prepare<[string, string, number]>(
      `UPDATE log_results SET status = 'duplicate', duplicate_of = ?, result_json = ? WHERE id = ?`,
    ),
    retry: db.prepare<[string, string, string, number]>(
      `UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?, updated_at = ?
       WHERE id = ? AND state = 'pending'`,
    ),
    failed: db.prepare<[string, string, number]>(
      `UPDATE outbox SET state = 'failed', attempts = attempts + 1, last_error = ?, updated_at = ?
       WHERE id = ? AND state = 'pending'`,
    ),
    defer: db.prepare<[string, string | null, string, number]>(
      `UPDATE outbox SET next_attempt_at = ?, last_error = coalesce(?, last_error), updated_at = ?
       WHERE id = ? AND state = 'pending'`,
    ),
    counts: db.prepare<[], { state: OutboxState; n: number }>(
      'SELECT state, count(*) AS n FROM outbox GROUP BY state',
    ),
    next: db.prepare<[], { at: string | null }>(
      `SELECT min(next_attempt_at) AS at FROM outbox WHERE state = 'pending'`,
    ),
  };

  const claim = db.transaction((at: string, limit: number, leaseUntil: string | null): OutboxRow[] => {
    const rows = statements.due.all(at, limit);
    if (leaseUntil !== null) {
      rows.forEach((row) => statements.lease.run(leaseUntil, at, row.id));
    }
    return rows.map(toOutboxRow);
  });

  const syncedAsDuplicate = db.transaction(
    (id: number, remoteId: string | null, at: string, of: string): boolean => {
      if (statements.synced.run(remoteId, at, id).changes !== 1) {
        return false;
      }
      const row = statements.resultOf.get(id);
      if (row !== undefined) {
        statements.becomeDuplicate.run(of, JSON.stringify(asRemoteDuplicate(row.result_json, of)), row.id);
      }
      return true;
    },
  );

  return {
    dueOutbox: (at, limit, leaseUntil) =>
      claim.immediate(at.toISOString(), Math.max(0, Math.floor(limit)), leaseUntil?.toISOString() ?? null),
    markSynced: (id, remoteId, at, duplicateOf) =>
      duplicateOf === undefined
        ? statements.synced.run(remoteId, at.toISOString(), id).changes === 1
        : syncedAsDuplicate.immediate(id, remoteId, at.toISOString(), duplicateOf),
    markRetry: (id, error, nextAt) =>
      statements.retry.run(error, nextAt.toISOString(), now().toISOString(), id).changes === 1,
    markFailed: (id, error) => statements.failed.run(error, now().toISOString(), id).changes === 1,
    deferOutbox: (id, until, note) =>
      statements.defer.run(until.toISOString(), note ?? null, now().toISOString(), id).changes === 1,
    outboxCounts: () => {
      const counts = { pending: 0, synced: 0, failed: 0 };
      statements.counts.all().forEach((row) => (counts[row.state] = row.n));
      return counts;
    },
    nextOutboxAttemptAt: () => statements.next.get()?.at ?? null,
  };
}

/**
 * The stored result once the backend named it a duplicate: the same shape as a duplicate decided here (nothing
 * associated, no reasons, no notices; docs/rules.md R2), the email kept so the window still says which mail it was.
 */
function asRemoteDuplicate(resultJson: string, duplicateOf: string): Record<string, unknown> {
  const result = JSON.parse(resultJson) as Record<string, unknown>;
  return {
    ...result,
    status: 'duplicate',
    reasons: [],
    duplicateOf,
    ...nothingAssociated(),
  };
}
