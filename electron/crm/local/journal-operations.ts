import type Database from 'better-sqlite3';
import type { LogStatus } from '#shared/model/log-result.js';
import type { ReasonCode } from '#shared/model/reason-code.js';
import { CrmStoreError } from './crm-store-error.js';
import type { OutboxState } from './outbox-queue.js';
import { createRawMessageTable } from './raw-message-table.js';

/** C6 `retry`: which failed syncs to try again; no ids means every failed one. */
export type RetrySyncFilter = { readonly resultIds?: ReadonlyArray<number> };

/** C6 `reprocess`: which rejected or skipped results to offer; every field narrows. */
export type ReprocessFilter = {
  readonly resultIds?: ReadonlyArray<number>;
  readonly status?: 'rejected' | 'skipped';
  /** Results carrying at least one of these reason codes. */
  readonly reasons?: ReadonlyArray<ReasonCode>;
  /** Results committed at or after this instant (ISO-8601). */
  readonly since?: string;
  readonly limit?: number;
};

/** A result the pipeline can run again from its raw bytes (kept in the blob store under `rawSha256`). */
export type Reprocessable = {
  readonly resultId: number;
  readonly rawSha256: string;
  readonly status: Extract<LogStatus, 'rejected' | 'skipped'>;
  readonly reasons: ReadonlyArray<ReasonCode>;
  readonly messageId: string | null;
  readonly file: string | null;
  readonly receivedAt: string;
};

/** What `forget` removed, and what is left for others to remove. */
export type ForgottenResult = {
  readonly resultId: number;
  readonly messageId: string | null;
  /**
   * What the remote backend must delete, or null when the email never left this store (local backend). `remoteId`
   * is known once `synced`; for `pending` or `failed` a push may still have reached the backend, which then finds
   * the record by the result id (its idempotency key, `StoredResult.id`).
   */
  readonly remote: { readonly state: OutboxState; readonly remoteId: string | null } | null;
  /** Blobs (sha256) no row refers to any more: the raw message and attachments, for the blob store to delete. */
  readonly unreferencedBlobs: ReadonlyArray<string>;
};

export type JournalOperations = {
  /** C6 `retry`: failed → pending, due now, with a fresh attempt budget. Returns the result ids revived. */
  retrySync(filter?: RetrySyncFilter): ReadonlyArray<number>;
  /**
   * C6 `reprocess`: rejected or skipped results whose raw bytes are kept and that are the latest result for those
   * bytes (a message reprocessed already is offered through its newer result only), oldest first.
   */
  reprocessable(filter?: ReprocessFilter): ReadonlyArray<Reprocessable>;
  /**
   * C6 `forget`: removes a logged email and its journal entry locally. Null when there is no such result; throws
   * `CrmStoreError` for a result that logged nothing.
   */
  forget(resultId: number): ForgottenResult | null;
};

type ReprocessRow = {
  id: number;
  raw_sha256: string;
  status: 'rejected' | 'skipped';
  message_id: string | null;
  file: string | null;
  received_at: string;
  result_json: string;
};

type ForgetRow = {
  id: number;
  status: LogStatus;
  message_id: string | null;
  raw_sha256: string | null;
  email_id: number | null;
  sync_target: 'local' | 'remote';
  outbox_state: OutboxState | null;
  remote_id: string | null;
};

/**
 * C6 on the journal. `forget` deletes the `log_results` row as well as the email: the schema has no column
 * to mark a result forgotten, and a kept row would still show the email's subject and addresses in `results`.
 * `log_results` ids are AUTOINCREMENT, so a forgotten id is never reused.
 */
export function createJournalOperations(db: Database.Database, now: () => Date): JournalOperations {
  const raws = createRawMessageTable(db);
  const statements = {
    retryAll: db.prepare<[string, string], { log_result_id: number }>(
      `UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = ?, updated_at = ?
       WHERE state = 'failed' RETURNING log_result_id`,
    ),
    retryOne: db.prepare<[string, string, number], { log_result_id: number }>(
      `UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = ?, updated_at = ?
       WHERE state = 'failed' AND log_result_id = ? RETURNING log_result_id`,
    ),
    reprocessable: db.prepare<[string], ReprocessRow>(
      `SELECT r.id, r.raw_sha256, r.status, r.message_id, r.file, r.received_at, r.result_json
       FROM log_results r
       WHERE r.status IN ('rejected', 'skipped') AND r.raw_sha256 IS NOT NULL AND r.created_at >= ?
         AND NOT EXISTS (SELECT 1 FROM log_results later WHERE later.raw_sha256 = r.raw_sha256 AND later.id > r.id)
       ORDER BY r.id`,
    ),
    forgetRow: db.prepare<[number], ForgetRow>(
      `SELECT r.id, r.status, r.message_id, r.raw_sha256, r.email_id, r.sync_target,
              o.state AS outbox_state, o.remote_id
       FROM log_results r LEFT JOIN outbox o ON o.log_result_id = r.id WHERE r.id = ?`,
    ),
    attachmentBlobs: db.prepare<[number], { sha256: string }>(
      'SELECT DISTINCT sha256 FROM attachments WHERE email_id = ?',
    ),
    deleteEmail: db.prepare<[number]>('DELETE FROM emails WHERE id = ?'),
    deleteResult: db.prepare<[number]>('DELETE FROM log_results WHERE id = ?'),
    attachmentUsed: db.prepare<[string], { one: number }>(
      'SELECT 1 AS one FROM attachments WHERE sha256 = ?',
    ),
    rawUsed: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM log_results WHERE raw_sha256 = ?'),
  };

  const retrySync = db.transaction((filter: RetrySyncFilter): number[] => {
    const at = now().toISOString();
    if (filter.resultIds === undefined) {
      return statements.retryAll.all(at, at).map((r) => r.log_result_id);
    }
    return filter.resultIds.flatMap((id) => statements.retryOne.all(at, at, id).map((r) => r.log_result_id));
  });

  function reprocessable(filter: ReprocessFilter = {}): ReadonlyArray<Reprocessable> {
    const since = filter.since === undefined ? '' : isoOf(filter.since);
    const ids = filter.resultIds === undefined ? null : new Set(filter.resultIds);
    const found = statements.reprocessable
      .all(since)
      .map((row) => ({ row, reasons: (JSON.parse(row.result_json) as { reasons: ReasonCode[] }).reasons }))
      .filter(({ row }) => ids === null || ids.has(row.id))
      .filter(({ row }) => filter.status === undefined || row.status === filter.status)
      .filter(
        ({ reasons }) => filter.reasons === undefined || reasons.some((r) => filter.reasons?.includes(r)),
      )
      .map(({ row, reasons }) => ({
        resultId: row.id,
        rawSha256: row.raw_sha256,
        status: row.status,
        reasons,
        messageId: row.message_id,
        file: row.file,
        receivedAt: row.received_at,
      }));
    return filter.limit === undefined ? found : found.slice(0, Math.max(0, filter.limit));
  }

  /**
   * Deleting the email cascades to its contact, company and deal links, its attachment rows and its identity keys
   * (so the same message can be logged again); deleting the result cascades to its outbox row and notices.
   * Contacts the email created stay: they are CRM records in their own right, possibly linked since.
   */
  const forget = db.transaction((resultId: number): ForgottenResult | null => {
    const row = statements.forgetRow.get(resultId);
    if (row === undefined) {
      return null;
    }
    if (row.email_id === null) {
      throw new CrmStoreError(
        'INPUT.INVALID',
        `result ${resultId} is ${row.status}, not a logged email: there is nothing to forget`,
      );
    }
    const attachments = statements.attachmentBlobs.all(row.email_id).map((a) => a.sha256);
    statements.deleteEmail.run(row.email_id);
    statements.deleteResult.run(resultId);
    const unreferenced = attachments.filter((sha) => statements.attachmentUsed.get(sha) === undefined);
    if (row.raw_sha256 !== null && statements.rawUsed.get(row.raw_sha256) === undefined) {
      raws.drop(row.raw_sha256);
      unreferenced.push(row.raw_sha256);
    }
    const remote =
      row.sync_target === 'remote' && row.outbox_state !== null
        ? { state: row.outbox_state, remoteId: row.remote_id }
        : null;
    return { resultId, messageId: row.message_id, remote, unreferencedBlobs: unreferenced };
  });

  return {
    retrySync: (filter = {}) => retrySync.immediate(filter),
    reprocessable,
    forget: (resultId) => forget.immediate(resultId),
  };
}

function isoOf(value: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) {
    throw new CrmStoreError('INPUT.INVALID', `since: not a date: ${value}`);
  }
  return new Date(ms).toISOString();
}
