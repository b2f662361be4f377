import type { PushFailure } from '../crm/crm-backend.port.js';
import { backoffDelay, type BackoffPolicy } from '#shared/util/backoff-delay.js';

/**
 * What to do after a failed push (docs/architecture.md, the outbox):
 * - `retry` after `delayMs`; `rateLimited` retries do not count against the attempt budget (the account's rate
 *   limit is not the result's fault) and pause the whole queue, since HubSpot's limits are per account;
 * - `fail`: dead-letter the row (`failed`, visible, revived by C6 `retry`).
 */
export type RetryDecision =
  | { readonly kind: 'retry'; readonly delayMs: number; readonly rateLimited: boolean }
  | { readonly kind: 'fail' };

export type RetryPolicy = {
  /** `attempt`: the number of the attempt that just failed, counting from 1 (rate-limited ones not counted). */
  decide(attempt: number, failure: PushFailure): RetryDecision;
};

export type RetryPolicyOptions = {
  /** The backoff between counted attempts (default: a 2 s ceiling after the first, doubling up to 15 min). */
  readonly backoff?: BackoffPolicy;
  /** Counted attempts before giving up (default 8: two to four minutes of retries at the defaults, then the row waits for C6 `retry`). */
  readonly maxAttempts?: number;
  /**
   * A 429 without `retryAfterMs`: wait this long (default 10 s, HubSpot's TEN_SECONDLY_ROLLING window; a DAILY
   * limit comes with the time to its reset from the backend).
   */
  readonly rateLimitDelayMs?: number;
  /** Spread added to a rate-limit wait so that several workers do not all come back at once (default 1 s). */
  readonly rateLimitJitterMs?: number;
  /** In [0, 1); for tests. */
  readonly random?: () => number;
};

/** The outbox's retry policy (C3). A `retryAfterMs` from the backend is a floor, never shortened by the cap. */
export function createRetryPolicy(options: RetryPolicyOptions = {}): RetryPolicy {
  const backoff = options.backoff ?? { initialMs: 2_000, maxMs: 15 * 60_000 };
  const random = options.random ?? Math.random;
  const maxAttempts = options.maxAttempts ?? 8;
  const rateLimitDelayMs = options.rateLimitDelayMs ?? 10_000;
  const rateLimitJitterMs = options.rateLimitJitterMs ?? 1_000;

  return {
    decide(attempt, failure) {
      if (!failure.retryable) {
        return { kind: 'fail' };
      }
      if (failure.code === 'CRM.RATE_LIMITED') {
        const wait = failure.retryAfterMs ?? rateLimitDelayMs;
        const jitter = Math.floor(random() * rateLimitJitterMs);
        return { kind: 'retry', delayMs: Math.max(0, wait) + jitter, rateLimited: true };
      }
      if (attempt >= maxAttempts) {
        return { kind: 'fail' };
      }
      const delayMs = Math.max(failure.retryAfterMs ?? 0, backoffDelay(attempt, backoff, random));
      return { kind: 'retry', delayMs, rateLimited: false };
    },
  };
}
