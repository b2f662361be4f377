import type Database from 'better-sqlite3';
import type { Locale } from '#shared/model/crm-data.js';
import type { LogResult } from '#shared/model/log-result.js';
import type { NoticeReason } from '#shared/model/reason-code.js';

/**
 * Why a notice was not sent and never will be (N1, N2), as `notices.not_sent_reason` holds it:
 * - `rate-limited`: the same recipient had a notice for the same reason less than an hour before (N2);
 * - `outside-account`: the recipient is neither a user nor in an internal domain (N1, no backscatter);
 * - `no-smtp`: the companion has no SMTP server configured; the result still lists the notice, `sent: false`;
 * - `smtp-rejected: …`: the SMTP server refused it permanently (5xx), with its reply;
 * - `expired: …`: it could not be sent for too long (the last retryable error follows).
 */
export type NoticeNotSentReason =
  'rate-limited' | 'outside-account' | 'no-smtp' | `smtp-rejected: ${string}` | `expired: ${string}`;

/**
 * A retryable SMTP failure is recorded with this prefix and the server's or socket's error text; such a notice
 * stays pending and is tried again. Any other `not_sent_reason` is final.
 */
const noticeRetryPrefix = 'smtp-error: ';

/** An unsent notice with what its text needs from the result it belongs to. */
export type PendingNotice = {
  readonly id: number;
  readonly resultId: number;
  /** The recipient, a bare lower-cased address. */
  readonly to: string;
  readonly reason: NoticeReason;
  readonly locale: Locale;
  readonly createdAt: string;
  /** The last retryable SMTP error, without its prefix; null when never tried. */
  readonly lastError: string | null;
  /** The processed message's own Message-ID: the notice answers it (In-Reply-To). */
  readonly messageId: string | null;
  readonly rawSha256: string | null;
  readonly receivedAt: string;
  /** The result as committed (its `notices` and `sync` are those of the commit, not live). */
  readonly result: LogResult;
};

export type NoticeQueue = {
  /** Unsent notices not given up on, oldest first. */
  pendingNotices(limit: number): ReadonlyArray<PendingNotice>;
  /** N2: `sent = 1`, `sent_at`; false when the notice is gone. */
  markNoticeSent(id: number, at: Date): boolean;
  /** Final: the notice stays `sent: false` with this reason and is not tried again. */
  markNoticeNotSent(id: number, reason: NoticeNotSentReason): boolean;
  /** A retryable SMTP failure: the notice stays pending, with the error recorded. */
  markNoticeRetry(id: number, error: string): boolean;
  /** N2's rate limit: when the recipient last got a notice for this reason (ISO-8601), or null. */
  lastNoticeSentAt(recipient: string, reason: NoticeReason): string | null;
};

type PendingRow = {
  id: number;
  log_result_id: number;
  recipient: string;
  reason: NoticeReason;
  locale: Locale;
  created_at: string;
  not_sent_reason: string | null;
  message_id: string | null;
  raw_sha256: string | null;
  received_at: string;
  result_json: string;
};

/** The notices of N1–N2 as a queue over the `notices` table (migration 3 added `sent_at`, `not_sent_reason`). */
export function createNoticeQueue(db: Database.Database): NoticeQueue {
  const statements = {
    pending: db.prepare<[{ prefix: string; limit: number }], PendingRow>(
      `SELECT n.id, n.log_result_id, n.recipient, n.reason, n.locale, n.created_at, n.not_sent_reason,
              r.message_id, r.raw_sha256, r.received_at, r.result_json
       FROM notices n JOIN log_results r ON r.id = n.log_result_id
       WHERE n.sent = 0 AND (n.not_sent_reason IS NULL OR substr(n.not_sent_reason, 1, length(@prefix)) = @prefix)
       ORDER BY n.id LIMIT @limit`,
    ),
    sent: db.prepare<[string, number]>(
      'UPDATE notices SET sent = 1, sent_at = ?, not_sent_reason = NULL WHERE id = ? AND sent = 0',
    ),
    notSent: db.prepare<[string, number]>('UPDATE notices SET not_sent_reason = ? WHERE id = ? AND sent = 0'),
    last: db.prepare<[string, string], { at: string | null }>(
      'SELECT max(sent_at) AS at FROM notices WHERE recipient = ? AND reason = ? AND sent = 1',
    ),
  };

  return {
    pendingNotices: (limit) =>
      statements.pending
        .all({ prefix: noticeRetryPrefix, limit: Math.max(0, Math.floor(limit)) })
        .map((row) => ({
          id: row.id,
          resultId: row.log_result_id,
          to: row.recipient,
          reason: row.reason,
          locale: row.locale,
          createdAt: row.created_at,
          lastError: row.not_sent_reason?.slice(noticeRetryPrefix.length) ?? null,
          messageId: row.message_id,
          rawSha256: row.raw_sha256,
          receivedAt: row.received_at,
          result: JSON.parse(row.result_json) as LogResult,
        })),
    markNoticeSent: (id, at) => statements.sent.run(at.toISOString(), id).changes === 1,
    markNoticeNotSent: (id, reason) => statements.notSent.run(reason, id).changes === 1,
    markNoticeRetry: (id, error) => statements.notSent.run(`${noticeRetryPrefix}${error}`, id).changes === 1,
    lastNoticeSentAt: (recipient, reason) => statements.last.get(recipient, reason)?.at ?? null,
  };
}
