import { describe, expect, it } from 'vitest';
import { createWakeSignal } from '../../../../electron/core/wake-signal.js';

/** Which of two promises settles first: the signal's, or a plain timer far longer than any wake needs. */
async function first(pending: Promise<void>, fallbackMs: number): Promise<'signal' | 'timer'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const fallback = new Promise<'timer'>((resolve) => {
    timer = setTimeout(() => resolve('timer'), fallbackMs);
  });
  const winner = await Promise.race([pending.then(() => 'signal' as const), fallback]);
  clearTimeout(timer);
  return winner;
}

describe('createWakeSignal', () => {
  it('wait ends at a wake, long before its time', async () => {
    const signal = createWakeSignal();
    const waiting = signal.wait(60_000);
    signal.wake();
    expect(await first(waiting, 30_000)).toBe('signal');
  });

  it('wait ends at its time without a wake', async () => {
    const signal = createWakeSignal();
    expect(await first(signal.wait(1), 30_000)).toBe('signal');
  });

  it('wait returns at once after a wake that came while nobody waited, and only once', async () => {
    const signal = createWakeSignal();
    signal.wake();
    expect(await first(signal.wait(60_000), 30_000)).toBe('signal');
    expect(await first(signal.wait(60_000), 50)).toBe('timer');
  });

  it('sleep forgets a wake from before it, and ends at a wake during it', async () => {
    const signal = createWakeSignal();
    signal.wake();
    expect(await first(signal.sleep(60_000), 50)).toBe('timer');
    const sleeping = signal.sleep(60_000);
    signal.wake();
    expect(await first(sleeping, 30_000)).toBe('signal');
  });

  it('one wake ends every wait and sleep in progress', async () => {
    const signal = createWakeSignal({ unref: true });
    const both = Promise.all([signal.wait(60_000), signal.sleep(60_000)]).then(() => undefined);
    signal.wake();
    expect(await first(both, 30_000)).toBe('signal');
  });
});
