import { describe, expect, it } from 'vitest';
import { backoffDelay } from '#shared/util/backoff-delay.js';

describe('backoffDelay', () => {
  const policy = { initialMs: 1_000, maxMs: 60_000 };

  it('doubles the ceiling with each consecutive failure, up to the cap', () => {
    const top = (failures: number): number => backoffDelay(failures, policy, () => 1);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map(top)).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000,
    ]);
  });

  it('is "equal jitter": between half the ceiling and all of it, never near zero', () => {
    expect([1, 2, 3].map((failures) => backoffDelay(failures, policy, () => 0))).toEqual([500, 1_000, 2_000]);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(3_000);
  });

  it('uses Math.random by default, within the same bounds', () => {
    const delays = Array.from({ length: 200 }, () => backoffDelay(4, policy));
    expect(delays.every((delay) => delay >= 4_000 && delay <= 8_000)).toBe(true);
    expect(new Set(delays).size).toBeGreaterThan(1);
  });

  it('stays finite for absurd failure counts, and treats 0 or less as the first failure', () => {
    expect(backoffDelay(10_000, policy, () => 0.5)).toBe(45_000);
    expect(backoffDelay(0, policy, () => 0)).toBe(500);
    expect(backoffDelay(-3, policy, () => 0)).toBe(500);
  });
});
