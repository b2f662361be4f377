import type { Logger } from '../core/logger.js';
import { createWakeSignal } from '../core/wake-signal.js';

const errorPauseMs = 5_000;

export type OutboxLoop = {
  start(): void;
  /** Stops after the run in hand; resolves when it has stopped. */
  stop(): Promise<void>;
  /** Wakes the idle wait now. */
  notify(): void;
};

/**
 * Runs `runOnce` in the background: again at once while it reports more to do, after `idleMs()` (or a `notify()`)
 * otherwise, and 5 s after a run that threw. The loop never holds the process open by itself.
 */
export function createOutboxLoop(parts: {
  /** One run; true when there is more due at once. */
  readonly runOnce: () => Promise<boolean>;
  readonly idleMs: () => number;
  readonly logger: Logger;
}): OutboxLoop {
  let running = false;
  let loopDone: Promise<void> = Promise.resolve();
  const wake = createWakeSignal({ unref: true });

  async function loop(): Promise<void> {
    while (running) {
      let more = false;
      let failed = false;
      try {
        more = await parts.runOnce();
      } catch (error) {
        failed = true;
        parts.logger.error('outbox: run failed', {
          error: error instanceof Error ? error.message : String(error),
        });
      }
      if (!running) {
        break;
      }
      if (failed) {
        await wake.sleep(errorPauseMs);
      } else if (!more) {
        await wake.wait(parts.idleMs());
      }
    }
  }

  return {
    start() {
      if (running) {
        return;
      }
      running = true;
      loopDone = loop();
    },
    async stop() {
      running = false;
      wake.wake();
      await loopDone;
    },
    notify() {
      wake.wake();
    },
  };
}
