import { setTimeout as pause } from 'node:timers/promises';
/**
 * Client-side pacing for HubSpot's rate limits (docs/hubspot.md), so the backend waits instead of collecting 429s:
 * a rolling window per app (100 / 10 s until the `X-HubSpot-RateLimit-*` headers say otherwise; 190 for
 * Professional and Enterprise), a separate per-second window for search (4 / s, the lower of the documented
 * figures), and a pause everybody respects after a 429 (`Retry-After`, or the policy's own window).
 */
export type RateGate = {
  /** Resolves when one more request of this kind may be sent, and counts it. */
  acquire(kind: 'general' | 'search'): Promise<void>;
  /** Learns the app's limit from a response's rate-limit headers. */
  learn(headers: Readonly<Record<string, string | undefined>>): void;
  /** No request before `ms` from now (a 429 was answered). */
  pause(ms: number): void;
};

export type RateGateOptions = {
  readonly max?: number;
  readonly intervalMs?: number;
  readonly searchPerSecond?: number;
  /** The fraction of the advertised limit to use: headroom for other clients of the same app. */
  readonly share?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
};

export function createRateGate(options: RateGateOptions = {}): RateGate {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => pause(ms));
  const share = options.share ?? 0.9;
  let max = options.max ?? 100;
  let intervalMs = options.intervalMs ?? 10_000;
  const searchMax = options.searchPerSecond ?? 4;
  const sent: number[] = [];
  const searches: number[] = [];
  let pausedUntil = 0;
  let queue: Promise<void> = Promise.resolve();

  async function take(kind: 'general' | 'search'): Promise<void> {
    for (;;) {
      const at = now();
      while (sent.length > 0 && (sent[0] ?? 0) <= at - intervalMs) {
        sent.shift();
      }
      while (searches.length > 0 && (searches[0] ?? 0) <= at - 1000) {
        searches.shift();
      }
      let wait = Math.max(0, pausedUntil - at);
      if (sent.length >= max) {
        wait = Math.max(wait, (sent[0] ?? at) + intervalMs - at);
      }
      if (kind === 'search' && searches.length >= searchMax) {
        wait = Math.max(wait, (searches[0] ?? at) + 1000 - at);
      }
      if (wait <= 0) {
        sent.push(at);
        if (kind === 'search') {
          searches.push(at);
        }
        return;
      }
      await sleep(wait + 1);
    }
  }

  return {
    acquire(kind) {
      // One waiter at a time, in arrival order: concurrent callers cannot overtake each other's slot.
      const turn = queue.then(() => take(kind));
      queue = turn.catch(() => undefined);
      return turn;
    },
    learn(headers) {
      const advertised = Number(headers['x-hubspot-ratelimit-max']);
      const interval = Number(headers['x-hubspot-ratelimit-interval-milliseconds']);
      if (Number.isInteger(advertised) && advertised > 0) {
        max = Math.max(1, Math.floor(advertised * share));
      }
      if (Number.isInteger(interval) && interval > 0) {
        intervalMs = interval;
      }
      if (headers['x-hubspot-ratelimit-remaining'] === '0') {
        // Another client of the same app used the window up: wait a little rather than collect a 429.
        pausedUntil = Math.max(pausedUntil, now() + Math.ceil(intervalMs / 10));
      }
    },
    pause(ms) {
      pausedUntil = Math.max(pausedUntil, now() + ms);
    },
  };
}
