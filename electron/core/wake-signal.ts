/**
 * The companion's one cancellable sleep: the intake and the outbox loops wait on it, and new mail, a committed
 * result or a stop request wakes them at once instead of at the next timer.
 */
export type WakeSignal = {
  /** Ends the wait or sleep in progress; with none in progress, the next `wait` returns at once. */
  wake(): void;
  /**
   * Resolves at the next wake, or after `ms`; at once when a wake came since the last wait. A wake that comes
   * while the loop is busy is remembered, so work announced between a check and the wait is never slept through.
   */
  wait(ms: number): Promise<void>;
  /**
   * A pause (a backoff after a failure) that only a wake during it cuts short: a wake from before is forgotten,
   * so news that arrived while the step was failing does not turn the pause into a busy loop.
   */
  sleep(ms: number): Promise<void>;
};

export type WakeSignalOptions = {
  /** Let the process exit during a wait (a background worker that must not hold Node open). Default false. */
  readonly unref?: boolean;
};

export function createWakeSignal(options: WakeSignalOptions = {}): WakeSignal {
  let pending = false;
  const sleepers = new Set<() => void>();

  function pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, Math.max(0, ms));
      if (options.unref === true) {
        timer.unref();
      }
      function done(): void {
        clearTimeout(timer);
        sleepers.delete(done);
        resolve();
      }
      sleepers.add(done);
    });
  }

  return {
    wake() {
      pending = true;
      for (const done of [...sleepers]) {
        done();
      }
    },
    async wait(ms) {
      if (!pending) {
        await pause(ms);
      }
      pending = false;
    },
    async sleep(ms) {
      pending = false;
      await pause(ms);
      pending = false;
    },
  };
}
