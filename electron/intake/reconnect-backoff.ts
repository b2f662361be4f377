/** How long to wait before the next connection attempt (or the next try of a message after a `storage-error`). */
export type BackoffPolicy = {
  /** The first delay. */
  readonly initialMs: number;
  /** The cap: a server down for hours is retried at this pace, never slower. */
  readonly maxMs: number;
};

export const defaultReconnectBackoff: BackoffPolicy = { initialMs: 1_000, maxMs: 5 * 60_000 };

/**
 * Exponential backoff with "equal jitter": half of the capped exponential delay, plus a random part of the other
 * half. Many companions that lost the same server do not come back in lock-step, and no delay is ever near zero.
 * `attempt` counts failures since the last success, from 0.
 */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(0, Math.floor(attempt)), 30);
  const capped = Math.min(policy.maxMs, policy.initialMs * 2 ** exponent);
  return Math.round(capped / 2 + random() * (capped / 2));
}
