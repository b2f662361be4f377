import { describe, expect, it, vi } from 'vitest';
import { scheduleRetry, uncountTry } from '../../../../electron/intake/claim-try.js';
import type { ProcessingContext } from '../../../../electron/intake/process-claimed.js';
import { createAttemptLedger } from '../../../../electron/intake/processing-attempts.js';
import { attemptKeyword } from '../../../../electron/intake/processing-attempts.js';

describe('uncountTry', () => {
  it("puts the count back to the tries before and removes this try's keyword", async () => {
    const attempts = createAttemptLedger();
    attempts.record('7:10', 2);
    const client = { messageFlagsRemove: vi.fn(async () => true) };
    const ctx = { attempts, client } as unknown as ProcessingContext;

    await uncountTry(ctx, { key: '7:10', uid: 10, previous: 1, attempt: 2, keepsKeywords: true });

    expect(attempts.count('7:10')).toBe(1);
    expect(client.messageFlagsRemove).toHaveBeenCalledWith('10', [attemptKeyword(2)], { uid: true });
  });
});

describe('scheduleRetry', () => {
  it('waits longer after each wait', () => {
    const retryAt = new Map<string, { at: number; waits: number }>();
    const ctx = { retryAt, now: () => 1_000, retry: { initialMs: 100, maxMs: 100 } };

    scheduleRetry(ctx, '7:10');
    scheduleRetry(ctx, '7:10');

    const schedule = retryAt.get('7:10');
    expect(schedule?.waits).toBe(2);
    expect(schedule?.at).toBeGreaterThanOrEqual(1_000);
    expect(schedule?.at).toBeLessThanOrEqual(1_100);
  });
});
