import { describe, expect, it } from 'vitest';
import { createRateGate } from '../../../../../electron/crm/hubspot/rate-gate.js';

/** A fake clock whose sleep advances time, so the gate's waits are exact and instant. */
function fakeTime(): { now: () => number; sleep: (ms: number) => Promise<void>; slept: number[] } {
  let t = 0;
  const slept: number[] = [];
  return {
    now: () => t,
    sleep: (ms) => {
      slept.push(ms);
      t += ms;
      return Promise.resolve();
    },
    slept,
  };
}

describe('createRateGate', () => {
  it('C3: lets max requests through per window, then waits for the oldest to leave it', async () => {
    const time = fakeTime();
    const gate = createRateGate({ max: 3, intervalMs: 1000, ...time });
    const at: number[] = [];
    for (let i = 0; i < 7; i++) {
      await gate.acquire('general');
      at.push(time.now());
    }
    expect(at.slice(0, 3)).toEqual([0, 0, 0]);
    for (let i = 3; i < 7; i++) {
      expect((at[i] ?? 0) - (at[i - 3] ?? 0)).toBeGreaterThanOrEqual(1000);
    }
  });

  it('learns 90% of the advertised limit from the headers', async () => {
    const time = fakeTime();
    const gate = createRateGate({ max: 100, intervalMs: 10_000, ...time });
    gate.learn({ 'x-hubspot-ratelimit-max': '10', 'x-hubspot-ratelimit-interval-milliseconds': '1000' });
    for (let i = 0; i < 10; i++) {
      await gate.acquire('general');
    }
    expect(time.now()).toBeGreaterThanOrEqual(1000); // the tenth waited: 9 per window
  });

  it('limits search per second on top of the general window', async () => {
    const time = fakeTime();
    const gate = createRateGate({ max: 100, searchPerSecond: 2, ...time });
    for (let i = 0; i < 3; i++) {
      await gate.acquire('search');
    }
    expect(time.now()).toBeGreaterThanOrEqual(1000);
    await gate.acquire('general');
  });

  it('holds every caller after a 429 for the time HubSpot asked', async () => {
    const time = fakeTime();
    const gate = createRateGate({ ...time });
    gate.pause(2500);
    await Promise.all([gate.acquire('general'), gate.acquire('search')]);
    expect(time.now()).toBeGreaterThanOrEqual(2500);
  });
});
