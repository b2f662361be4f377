import { classifyFailure, HubSpotFailure } from './hubspot-failure.js';
import type { RateGate } from './rate-gate.js';

/** What the SDK's `…WithHttpInfo` methods resolve to: the parsed body plus status and headers. */
export type HttpInfoLike<T> = {
  readonly httpStatusCode: number;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly data: T;
};

export type CallOptions = {
  /** Search has its own per-second limit (docs/hubspot.md). */
  readonly kind?: 'general' | 'search';
  /**
   * Whether repeating the request after an answer that was lost (timeout, 5xx) is harmless: reads are, creates
   * are not (docs/hubspot.md: a timed-out POST may have succeeded), so creates are left to the caller, which reads by
   * key first. A 429 is always repeated: HubSpot refused the request before doing anything.
   */
  readonly idempotent: boolean;
};

export type HubSpotCall = <T>(
  label: string,
  options: CallOptions,
  run: () => Promise<HttpInfoLike<T>>,
) => Promise<HttpInfoLike<T>>;

export type HubSpotCallOptions = {
  readonly gate: RateGate;
  /** Per request; the SDK's fetch has none (docs/hubspot.md: `httpAgent` and middleware are not applied). */
  readonly timeoutMs: number;
  /** How long one call may wait out 429s before it gives up with `rate-limited` (the outbox retries later). */
  readonly maxRateLimitWaitMs: number;
  readonly now: () => Date;
  readonly sleep: (ms: number) => Promise<void>;
};

function withTimeout<T>(promise: Promise<T>, ms: number, label: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new HubSpotFailure('unavailable', `HubSpot ${label}: no answer within ${ms} ms`, null, undefined),
        ),
      ms,
    );
  });
  // The abandoned request may still settle later; its outcome is no longer anyone's business.
  promise.catch(() => undefined);
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function headersOf(e: unknown): Readonly<Record<string, string | undefined>> | null {
  const headers = typeof e === 'object' && e !== null ? (e as { headers?: unknown }).headers : undefined;
  return typeof headers === 'object' && headers !== null ? (headers as Record<string, string>) : null;
}

/**
 * Runs one SDK call under the rate gate, with a timeout, and turns what it throws into a `HubSpotFailure`.
 * The SDK's own retries stay off (docs/hubspot.md: `numberOfApiCallRetries` ignores `Retry-After` and is a
 * process-wide singleton), so backoff is done here: a 429 pauses every caller of this backend for `Retry-After`
 * (or the policy's window) and the call is repeated until `maxRateLimitWaitMs` is spent; `DAILY` is not waited
 * out here. A read that got no usable answer is tried twice more.
 */
export function createHubSpotCall(options: HubSpotCallOptions): HubSpotCall {
  return async function call<T>(
    label: string,
    callOptions: CallOptions,
    run: () => Promise<HttpInfoLike<T>>,
  ) {
    let waited = 0;
    let retries = 0;
    for (;;) {
      const answered = await options.gate.acquire(callOptions.kind ?? 'general');
      try {
        const info = await withTimeout(run(), options.timeoutMs, label);
        answered();
        options.gate.learn(info.headers);
        return info;
      } catch (e) {
        // Also after a timeout: the request is given up on, so it stops holding its place (docs/hubspot.md).
        answered();
        const headers = headersOf(e);
        if (headers !== null) {
          options.gate.learn(headers);
        }
        const failure = classifyFailure(e, options.now());
        if (failure.kind === 'rate-limited') {
          const wait = failure.retryAfterMs ?? 10_000;
          options.gate.pause(wait);
          if (failure.policy !== 'DAILY' && waited + wait <= options.maxRateLimitWaitMs) {
            waited += wait;
            continue;
          }
        } else if (failure.kind === 'unavailable' && callOptions.idempotent && retries < 2) {
          retries++;
          await options.sleep(250 * retries);
          continue;
        }
        throw new HubSpotFailure(
          failure.kind,
          `${label}: ${failure.message}`,
          failure.status,
          failure.body,
          failure.retryAfterMs,
          failure.policy,
        );
      }
    }
  };
}
