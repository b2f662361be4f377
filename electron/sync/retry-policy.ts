import type { PushFailure } from '../crm/crm-backend.port.js';

/**
 * What to do after a failed push (notes/reliability-security.md §2.4):
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
  /** The first retry's ceiling (default 2 s); each further attempt doubles it. */
  readonly baseDelayMs?: number;
  /** The ceiling never grows past this (default 15 min). */
  readonly maxDelayMs?: number;
  /** Counted attempts before giving up (default 8: about half an hour of retries at the defaults). */
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

/**
 * Exponential backoff with "full jitter": a uniformly random wait between 0 and min(cap, base·2^(attempt−1)).
 * Full jitter spreads retries of many rows (or many companions) over the whole window instead of having them
 * come back in step, which is what hammers a recovering server (AWS Architecture Blog, "Exponential Backoff and
 * Jitter").
 */
export function backoffDelay(
  attempt: number,
  options: { readonly baseDelayMs: number; readonly maxDelayMs: number; readonly random: () => number },
): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 52);
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** exponent);
  return Math.floor(options.random() * ceiling);
}

/** The outbox's retry policy (C3). A `retryAfterMs` from the backend is a floor, never shortened by the cap. */
export function createRetryPolicy(options: RetryPolicyOptions = {}): RetryPolicy {
  const backoff = {
    baseDelayMs: options.baseDelayMs ?? 2_000,
    maxDelayMs: options.maxDelayMs ?? 15 * 60_000,
    random: options.random ?? Math.random,
  };
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
        const jitter = Math.floor(backoff.random() * rateLimitJitterMs);
        return { kind: 'retry', delayMs: Math.max(0, wait) + jitter, rateLimited: true };
      }
      if (attempt >= maxAttempts) {
        return { kind: 'fail' };
      }
      const delayMs = Math.max(failure.retryAfterMs ?? 0, backoffDelay(attempt, backoff));
      return { kind: 'retry', delayMs, rateLimited: false };
    },
  };
}
