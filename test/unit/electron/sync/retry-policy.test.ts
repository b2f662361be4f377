import { describe, expect, it } from 'vitest';
import type { PushFailure } from '../../../../electron/crm/crm-backend.port.js';
import { backoffDelay, createRetryPolicy } from '../../../../electron/sync/retry-policy.js';

const unavailable: PushFailure = { code: 'CRM.UNAVAILABLE', message: '503', retryable: true };
const rateLimited: PushFailure = { code: 'CRM.RATE_LIMITED', message: '429', retryable: true };
const rejected: PushFailure = { code: 'CRM.REJECTED', message: '400', retryable: false };

describe('backoffDelay', () => {
  const options = { baseDelayMs: 1_000, maxDelayMs: 60_000 };

  it('doubles the ceiling with each attempt, up to the cap', () => {
    const top = (attempt: number): number => backoffDelay(attempt, { ...options, random: () => 0.999999 });
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map(top)).toEqual([
      999, 1_999, 3_999, 7_999, 15_999, 31_999, 59_999, 59_999, 59_999,
    ]);
  });

  it('is "full jitter": uniformly anywhere between 0 and the ceiling', () => {
    expect(backoffDelay(4, { ...options, random: () => 0 })).toBe(0);
    expect(backoffDelay(4, { ...options, random: () => 0.5 })).toBe(4_000);
  });

  it('stays finite for absurd attempt numbers', () => {
    expect(backoffDelay(10_000, { ...options, random: () => 0.5 })).toBe(30_000);
  });
});

describe('createRetryPolicy', () => {
  const policy = createRetryPolicy({
    baseDelayMs: 1_000,
    maxDelayMs: 60_000,
    maxAttempts: 3,
    random: () => 0.5,
  });

  it('C3: retries a retryable failure with backoff until the attempts run out', () => {
    expect(policy.decide(1, unavailable)).toEqual({ kind: 'retry', delayMs: 500, rateLimited: false });
    expect(policy.decide(2, unavailable)).toEqual({ kind: 'retry', delayMs: 1_000, rateLimited: false });
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
