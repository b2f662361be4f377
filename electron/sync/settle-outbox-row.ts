import type { PushFailure, PushReceipt } from '../crm/crm-backend.port.js';
import type { OutboxRow } from '../crm/local/outbox-queue.js';
import type { Result } from '#shared/util/result.js';
import { assertNever } from '#shared/util/assert-never.js';
import type { Logger } from '../core/logger.js';
import type { OutboxWorkerStore } from './outbox-worker.js';
import type { RetryPolicy } from './retry-policy.js';

/** What one run did with the rows it claimed. */
export type OutboxTally = {
  claimed: number;
  synced: number;
  retried: number;
  deferred: number;
  failed: number;
};

export type SettleOutboxRow = (
  row: OutboxRow,
  answer: Result<PushReceipt, PushFailure>,
  tally: OutboxTally,
) => void;

/**
 * Marks a row after the backend's answer: synced (a `duplicate` when the backend says another store wrote it); failed (non-retryable, or out of attempts); retried later with
 * backoff; or, for a 429, deferred without using an attempt, with the whole queue paused until then (`pause`).
 */
export function createOutboxSettler(parts: {
  readonly store: Pick<OutboxWorkerStore, 'markSynced' | 'markRetry' | 'markFailed' | 'deferOutbox'>;
  readonly policy: RetryPolicy;
  readonly clock: () => Date;
  readonly logger: Logger;
  readonly pause: (until: Date) => void;
  /** A result's sync reached an end (synced or failed). */
  readonly onSettled?: (resultId: number) => void;
}): SettleOutboxRow {
  const { store, policy, clock, logger } = parts;
  return (row, answer, tally) => {
    if (answer.ok) {
      const remoteId = answer.value.remoteId ?? null;
      if (!store.markSynced(row.id, remoteId, clock(), answer.value.duplicateOf)) {
        // Forgotten (C6) while the push was in flight: the remote copy is now unknown to this store.
        logger.warn('outbox: pushed a result that is no longer pending', {
          resultId: row.resultId,
          remoteId,
        });
      }
      tally.synced++;
      parts.onSettled?.(row.resultId);
      return;
    }
    const failure = answer.error;
    const error = `${failure.code}: ${failure.message}`;
    const decision = policy.decide(row.attempts + 1, failure);
    switch (decision.kind) {
      case 'fail':
        store.markFailed(row.id, error);
        tally.failed++;
        logger.warn('outbox: sync failed', { resultId: row.resultId, attempts: row.attempts + 1, error });
        parts.onSettled?.(row.resultId);
        return;
      case 'retry': {
        const at = new Date(clock().getTime() + decision.delayMs);
        if (decision.rateLimited) {
          store.deferOutbox(row.id, at, error);
          parts.pause(at);
          tally.deferred++;
        } else {
          store.markRetry(row.id, error, at);
          tally.retried++;
        }
        return;
      }
      default:
        assertNever(decision);
    }
  };
}
