import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../../electron/intake/reconnect-backoff.js';

describe('backoffDelay', () => {
  const policy = { initialMs: 1_000, maxMs: 60_000 };

  it('doubles per failure between half and all of the capped delay', () => {
    expect([0, 1, 2, 3].map((n) => backoffDelay(n, policy, () => 0))).toEqual([500, 1_000, 2_000, 4_000]);
    expect([0, 1, 2, 3].map((n) => backoffDelay(n, policy, () => 1))).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it('never exceeds the cap, however many failures', () => {
    expect(backoffDelay(10, policy, () => 1)).toBe(60_000);
    expect(backoffDelay(1_000, policy, () => 0.5)).toBe(45_000);
  });
});
