import { setTimeout as pause } from 'node:timers/promises';
/**
 * Client-side pacing for HubSpot's rate limits (docs/hubspot.md), so the backend waits instead of collecting 429s:
 * a rolling window per app (100 / 10 s until the `X-HubSpot-RateLimit-*` headers say otherwise; 190 for
 * Professional and Enterprise), a separate per-second window for search (4 / s, the lower of the documented
 * figures), and a pause everybody respects after a 429 (`Retry-After`, or the policy's own window).
 *
 * HubSpot counts a request when it arrives, which is some unknown time after it was sent, but before its answer
 * came back. So a request holds its place in a window from when it is sent until its answer came back, and only
 * leaves the window a full window after that: however late it arrived, it cannot share HubSpot's window with the
 * request that takes its place (docs/hubspot.md#rate-limits).
 */
export type RateGate = {
  /**
   * Resolves when one more request of this kind may be sent, and counts it. Call the function it resolves to when
   * the request's answer came back (or the request was given up on); until then the request holds its place.
   */
  acquire(kind: 'general' | 'search'): Promise<() => void>;
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

/** A promise that `resolve` settles (Node 20 has no `Promise.withResolvers`). */
function signal(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** One request in a window: `answeredAt` is `Infinity` while it is in flight. */
type Slot = { answeredAt: number };

/** Drops the slots whose answer came back at least `windowMs` before `at`. */
function prune(slots: Slot[], at: number, windowMs: number): void {
  for (let i = slots.length - 1; i >= 0; i--) {
    if ((slots[i]?.answeredAt ?? 0) <= at - windowMs) {
      slots.splice(i, 1);
    }
  }
}

/** When the earliest slot leaves the window: `Infinity` while every slot is in flight. */
function firstLeaves(slots: ReadonlyArray<Slot>, windowMs: number): number {
  return Math.min(...slots.map((s) => s.answeredAt)) + windowMs;
}

export function createRateGate(options: RateGateOptions = {}): RateGate {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => pause(ms));
  const share = options.share ?? 0.9;
  let max = options.max ?? 100;
  let intervalMs = options.intervalMs ?? 10_000;
  const searchMax = options.searchPerSecond ?? 4;
  const sent: Slot[] = [];
  const searches: Slot[] = [];
  let pausedUntil = 0;
  let queue: Promise<void> = Promise.resolve();
  let answered = signal();

  async function take(kind: 'general' | 'search'): Promise<() => void> {
    for (;;) {
      const at = now();
      prune(sent, at, intervalMs);
      prune(searches, at, 1000);
      let until = pausedUntil;
      if (sent.length >= max) {
        until = Math.max(until, firstLeaves(sent, intervalMs));
      }
      if (kind === 'search' && searches.length >= searchMax) {
        until = Math.max(until, firstLeaves(searches, 1000));
      }
      if (until <= at) {
        const slot: Slot = { answeredAt: Infinity };
        sent.push(slot);
        if (kind === 'search') {
          searches.push(slot);
        }
        return () => {
          if (slot.answeredAt === Infinity) {
            slot.answeredAt = now();
            answered.resolve();
            answered = signal();
          }
        };
      }
      if (until === Infinity) {
        // The window is full of requests still in flight: the next answer starts the wait.
        await answered.promise;
      } else {
        await sleep(until - at);
      }
    }
  }

  return {
    acquire(kind) {
      // One waiter at a time, in arrival order: concurrent callers cannot overtake each other's slot.
      const turn = queue.then(() => take(kind));
      queue = turn.then(
        () => undefined,
        () => undefined,
      );
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
