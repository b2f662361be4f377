import { describe, expect, it } from 'vitest';
import type { PushFailure } from '../../../../electron/crm/crm-backend.port.js';
import { createRetryPolicy } from '../../../../electron/sync/retry-policy.js';

const unavailable: PushFailure = { code: 'CRM.UNAVAILABLE', message: '503', retryable: true };
const rateLimited: PushFailure = { code: 'CRM.RATE_LIMITED', message: '429', retryable: true };
const rejected: PushFailure = { code: 'CRM.REJECTED', message: '400', retryable: false };

describe('createRetryPolicy', () => {
  const policy = createRetryPolicy({
    backoff: { initialMs: 1_000, maxMs: 60_000 },
    maxAttempts: 3,
    random: () => 0.5,
  });

  it('C3: retries a retryable failure with the backoff until the attempts run out', () => {
    expect(policy.decide(1, unavailable)).toEqual({ kind: 'retry', delayMs: 750, rateLimited: false });
    expect(policy.decide(2, unavailable)).toEqual({ kind: 'retry', delayMs: 1_500, rateLimited: false });
    expect(policy.decide(3, unavailable)).toEqual({ kind: 'fail' });
  });

  it('C3: never retries a non-retryable failure', () => {
    expect(policy.decide(1, rejected)).toEqual({ kind: 'fail' });
  });

  it('C3: waits at least retryAfterMs, even past the cap', () => {
    expect(policy.decide(1, { ...unavailable, retryAfterMs: 120_000 })).toEqual({
      kind: 'retry',
      delayMs: 120_000,
      rateLimited: false,
    });
  });

  it('C3: a 429 waits its retryAfterMs plus a little jitter, and never uses up the attempts', () => {
    expect(policy.decide(1, { ...rateLimited, retryAfterMs: 10_000 })).toEqual({
      kind: 'retry',
      delayMs: 10_500,
      rateLimited: true,
    });
    expect(policy.decide(99, { ...rateLimited, retryAfterMs: 6 * 60 * 60_000 })).toEqual({
      kind: 'retry',
      delayMs: 6 * 60 * 60_000 + 500,
      rateLimited: true,
    });
  });

  it("C3: a 429 without retryAfterMs waits HubSpot's ten-second window", () => {
    const exact = createRetryPolicy({ random: () => 0 });
    expect(exact.decide(1, rateLimited)).toEqual({ kind: 'retry', delayMs: 10_000, rateLimited: true });
  });

  it('C3: a 429 marked non-retryable fails', () => {
    expect(policy.decide(1, { ...rateLimited, retryable: false })).toEqual({ kind: 'fail' });
  });
});
