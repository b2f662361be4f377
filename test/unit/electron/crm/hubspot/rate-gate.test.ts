import { describe, expect, it } from 'vitest';
import { createRateGate } from '../../../../../electron/crm/hubspot/rate-gate.js';

/** A fake clock whose sleep advances time, so the gate's waits are exact and instant. */
function fakeTime(): {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  advance: (ms: number) => void;
  slept: number[];
} {
  let t = 0;
  const slept: number[] = [];
  return {
    now: () => t,
    sleep: (ms) => {
      slept.push(ms);
      t += ms;
      return Promise.resolve();
    },
    advance: (ms) => {
      t += ms;
    },
    slept,
  };
}

/** Lets every settled promise's callbacks run. */
async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) {
    await Promise.resolve();
  }
}

describe('createRateGate', () => {
  it('C3: lets max requests through per window, then waits for the oldest to leave it', async () => {
    const time = fakeTime();
    const gate = createRateGate({ max: 3, intervalMs: 1000, ...time });
    const at: number[] = [];
    for (let i = 0; i < 7; i++) {
      (await gate.acquire('general'))();
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
      (await gate.acquire('general'))();
    }
    expect(time.now()).toBeGreaterThanOrEqual(1000); // the tenth waited: 9 per window
  });

  it('limits search per second on top of the general window', async () => {
    const time = fakeTime();
    const gate = createRateGate({ max: 100, searchPerSecond: 2, ...time });
    for (let i = 0; i < 3; i++) {
      (await gate.acquire('search'))();
    }
    expect(time.now()).toBeGreaterThanOrEqual(1000);
    (await gate.acquire('general'))();
  });

  it('counts a window from when the answers came back, not from when the requests were sent', async () => {
    // HubSpot counts a request on arrival: two searches sent at 0 and slowed down (a loaded machine) may arrive as
    // late as their answers, at 40. A third sent at 1001 would then be their window's third (docs/hubspot.md).
    const time = fakeTime();
    const gate = createRateGate({ max: 100, searchPerSecond: 2, ...time });
    const first = await gate.acquire('search');
    const second = await gate.acquire('search');
    time.advance(30);
    second();
    time.advance(10);
    first();
    (await gate.acquire('search'))();
    expect(time.now()).toBe(1030);
  });

  it('keeps a full window of requests still in flight full until an answer comes back', async () => {
    const time = fakeTime();
    const gate = createRateGate({ max: 2, intervalMs: 1000, ...time });
    const first = await gate.acquire('general');
    await gate.acquire('general');
    let third = false;
    const waiting = gate.acquire('general').then((answered) => {
      third = true;
      return answered;
    });
    await flush();
    expect(third).toBe(false);
    expect(time.slept).toEqual([]); // waiting for an answer, not polling
    time.advance(300);
    first();
    (await waiting)();
    expect(time.now()).toBe(1300);
  });

  it('holds every caller after a 429 for the time HubSpot asked', async () => {
    const time = fakeTime();
    const gate = createRateGate({ ...time });
    gate.pause(2500);
    await Promise.all([gate.acquire('general'), gate.acquire('search')]);
    expect(time.now()).toBeGreaterThanOrEqual(2500);
  });
});
