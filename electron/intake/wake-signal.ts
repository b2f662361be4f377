/**
 * Wakes the intake loop: new mail (IDLE `exists`), a stop request, or a lost connection. A wake that comes while
 * the loop is busy is remembered, so mail announced between a search and the next wait is never slept through.
 */
export type WakeSignal = {
  wake(): void;
  /** Resolves at the next wake, or after `ms`; at once when a wake came since the last wait. */
  wait(ms: number): Promise<void>;
};

export function createWakeSignal(): WakeSignal {
  let pending = false;
  let release: (() => void) | null = null;
  return {
    wake() {
      pending = true;
      release?.();
    },
    async wait(ms) {
      if (!pending) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, Math.max(0, ms));
          function done(): void {
            clearTimeout(timer);
            release = null;
            resolve();
          }
          release = done;
        });
      }
      pending = false;
    },
  };
}
