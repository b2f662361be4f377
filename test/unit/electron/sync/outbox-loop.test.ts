import { describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../../electron/core/logger.js';
import { createOutboxLoop } from '../../../../electron/sync/outbox-loop.js';

describe('createOutboxLoop', () => {
  it('runs again at once while there is more, then waits until notified', async () => {
    const more = [true, true, false, false];
    let runs = 0;
    const runOnce = vi.fn(async () => more[runs++] ?? false);
    const loop = createOutboxLoop({ runOnce, idleMs: () => 60_000, logger: silentLogger });

    loop.start();
    await vi.waitFor(() => expect(runOnce).toHaveBeenCalledTimes(3));
    loop.notify();
    await vi.waitFor(() => expect(runOnce).toHaveBeenCalledTimes(4));
    await loop.stop();

    expect(runOnce).toHaveBeenCalledTimes(4);
  });

  it('logs a run that threw and keeps going after a pause; stop() ends the wait', async () => {
    const error = vi.fn();
    const runOnce = vi.fn(async () => {
      throw new Error('store closed');
    });
    const loop = createOutboxLoop({ runOnce, idleMs: () => 0, logger: { ...silentLogger, error } });

    loop.start();
    await vi.waitFor(() =>
      expect(error).toHaveBeenCalledWith('outbox: run failed', { error: 'store closed' }),
    );
    await loop.stop();

    expect(runOnce).toHaveBeenCalledTimes(1);
  });
});
