/** How long to wait after consecutive failures: a ceiling that doubles with each one, up to a cap. */
export type BackoffPolicy = {
  /** The ceiling after the first failure. */
  readonly initialMs: number;
  /** The ceiling never grows past this: a server down for hours is retried at this pace, never slower. */
  readonly maxMs: number;
};

/**
 * The project's one backoff: exponential with "equal jitter" (AWS Architecture Blog, "Exponential Backoff and
 * Jitter"). The wait is half of min(maxMs, initialMs·2^(failures−1)) plus a random part of the other half, so many
 * companions (or many outbox rows) that failed together do not come back in lock-step, and no wait is near zero.
 * `failures` counts consecutive failures, from 1; `random` returns a number in [0, 1) (injected by tests).
 */
export function backoffDelay(
  failures: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(0, Math.floor(failures) - 1), 52);
  const ceiling = Math.min(policy.maxMs, policy.initialMs * 2 ** exponent);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
