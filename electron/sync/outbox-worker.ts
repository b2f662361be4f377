import type { CrmBackend, PushFailure, PushReceipt, StoredResult } from '../crm/crm-backend.port.js';
import type { LocalStore } from '../crm/local/local-store.js';
import type { Result } from '#shared/util/result.js';
import { type Logger, silentLogger } from '../core/logger.js';
import { claimDueRows } from './claim-due-rows.js';
import { createOutboxLoop } from './outbox-loop.js';
import { pushBatchSafely, pushOneSafely } from './push-safely.js';
import { createOutboxSettler, type OutboxTally } from './settle-outbox-row.js';
import { createRetryPolicy, type RetryPolicy } from './retry-policy.js';

/**
 * A backend's optional batch push: one answer per result, in the order given. A backend that can write several
 * results in one request (HubSpot's batch endpoints) offers it, and the worker then sends each claimed batch in
 * one call; a 207-style partial success is simply a mix of answers. The idempotency contract of `pushResult`
 * holds for every item.
 */
export type PushResults = (
  batch: ReadonlyArray<StoredResult>,
) => Promise<ReadonlyArray<Result<PushReceipt, PushFailure>>>;

/** What the worker needs of a backend: the port's `pushResult`, and `pushResults` when it has one. */
export type SyncBackend = Pick<CrmBackend, 'pushResult'> & { readonly pushResults?: PushResults };

export type OutboxWorkerStore = Pick<
  LocalStore,
  | 'dueOutbox'
  | 'markSynced'
  | 'markRetry'
  | 'markFailed'
  | 'deferOutbox'
  | 'nextOutboxAttemptAt'
  | 'storedResult'
>;

export type OutboxWorkerOptions = {
  readonly store: OutboxWorkerStore;
  readonly backend: SyncBackend;
  readonly clock?: () => Date;
  /** Rows claimed per run (default 10; HubSpot's batch endpoints take up to 100 inputs). */
  readonly batchSize?: number;
  readonly retryPolicy?: RetryPolicy;
  readonly logger?: Logger;
  /** The loop wakes at least this often even without `notify()` (default 60 s). */
  readonly pollIntervalMs?: number;
  /** How long a claim holds a row (default 10 min): a worker that dies mid-push leaves it due after that. */
  readonly leaseMs?: number;
  /** A result's sync reached an end (synced or failed): the window shows it without a reload. */
  readonly onSettled?: (resultId: number) => void;
};

export type OutboxRunSummary = {
  readonly claimed: number;
  readonly synced: number;
  /** Retried later with backoff (an attempt counted). */
  readonly retried: number;
  /** Rate-limited or not reached because the queue paused: due again when the pause ends. */
  readonly deferred: number;
  readonly failed: number;
  /** The queue is paused until then (a 429), ISO-8601; null when not paused. */
  readonly pausedUntil: string | null;
};

export type OutboxWorker = {
  /** Claims the due rows once and pushes them; resolves when every claimed row is marked. */
  runOnce(): Promise<OutboxRunSummary>;
  /** Runs in the background: after each `notify()`, when the next row falls due, and every poll interval. */
  start(): void;
  /** Stops the loop after the push in hand; resolves when it has stopped. */
  stop(): Promise<void>;
  /** A result was committed: wake the loop now instead of at the next timer. */
  notify(): void;
};

/**
 * The relay of the transactional outbox (C3; docs/architecture.md): every logged result got its
 * `pending` row in the commit that wrote it; this worker pushes each to the configured `CrmBackend` and marks it.
 *
 * Delivery is at least once. A row is marked only after the backend has answered, so a crash (or a lost answer)
 * between the remote write and the local mark leaves the row `pending`; when its lease ends it is pushed again
 * with the same `StoredResult.id`. **The backend must therefore be idempotent by result id**: it looks the record
 * up by that key (a unique property, or its own map of ids) before creating, and answers a repeat with the
 * receipt of the first write. The worker never tries to detect a repeat itself: it cannot know whether a push it
 * never heard back from reached the server.
 *
 * Failures follow the retry policy: a 429 pauses the whole queue (rate limits are per account) without using
 * the row's attempt budget; other retryable failures back off exponentially with full jitter; a non-retryable
 * failure, or running out of attempts, marks the row `failed` with `last_error`, for C6 `retry`.
 */
export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { store, backend } = options;
  const clock = options.clock ?? (() => new Date());
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 10));
  const policy = options.retryPolicy ?? createRetryPolicy();
  const logger = options.logger ?? silentLogger;
  const pollIntervalMs = options.pollIntervalMs ?? 60_000;
  const leaseMs = options.leaseMs ?? 10 * 60_000;

  let pausedUntil = 0;

  function isPaused(): boolean {
    return pausedUntil > clock().getTime();
  }

  function pause(until: Date): void {
    pausedUntil = Math.max(pausedUntil, until.getTime());
  }

  const settle = createOutboxSettler({
    store,
    policy,
    clock,
    logger,
    pause,
    ...(options.onSettled === undefined ? {} : { onSettled: options.onSettled }),
  });

  async function runOnce(): Promise<OutboxRunSummary> {
    const tally: OutboxTally = { claimed: 0, synced: 0, retried: 0, deferred: 0, failed: 0 };
    const summary = (): OutboxRunSummary => ({
      ...tally,
      pausedUntil: isPaused() ? new Date(pausedUntil).toISOString() : null,
    });
    if (isPaused()) {
      return summary();
    }
    const items = claimDueRows(store, { now: clock(), batchSize, leaseMs }, tally, options.onSettled);
    if (backend.pushResults !== undefined && items.length > 0) {
      const answers = await pushBatchSafely(
        backend.pushResults,
        items.map((i) => i.stored),
      );
      items.forEach((item, i) => {
        const answer = answers[i];
        if (answer !== undefined) {
          settle(item.row, answer, tally);
        }
      });
      return summary();
    }
    for (const item of items) {
      if (isPaused()) {
        // A 429 earlier in this batch: leave the rest for after the pause, without counting an attempt.
        store.deferOutbox(item.row.id, new Date(pausedUntil));
        tally.deferred++;
        continue;
      }
      settle(item.row, await pushOneSafely(backend, item.stored), tally);
    }
    return summary();
  }

  /** Until the next row falls due, at most the poll interval, and not before a pause ends. */
  function idleMs(): number {
    const now = clock().getTime();
    const next = store.nextOutboxAttemptAt();
    let ms = next === null ? pollIntervalMs : Math.min(pollIntervalMs, Date.parse(next) - now);
    if (pausedUntil > now) {
      ms = Math.max(ms, pausedUntil - now);
    }
    return Math.max(0, ms);
  }

  const loop = createOutboxLoop({
    runOnce: async () => {
      const summary = await runOnce();
      return summary.claimed >= batchSize && summary.pausedUntil === null;
    },
    idleMs,
    logger,
  });

  return { runOnce, start: loop.start, stop: loop.stop, notify: loop.notify };
}
