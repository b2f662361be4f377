/**
 * A one-way stop flag with listeners, used to abandon a parse (R3: over a limit, past the time limit). An
 * AbortController would do, but creating two per message cost more than the rest of the MIME adapter on small
 * mail.
 */
export type Stopper = {
  readonly stopped: boolean;
  stop(): void;
  /** Calls `listener` once when stopped (at once if already stopped); returns how to unsubscribe. */
  onStop(listener: () => void): () => void;
};

export function createStopper(): Stopper {
  let stopped = false;
  const listeners = new Set<() => void>();
  return {
    get stopped() {
      return stopped;
    },
    stop() {
      if (!stopped) {
        stopped = true;
        for (const listener of listeners) {
          listener();
        }
        listeners.clear();
      }
    },
    onStop(listener) {
      if (stopped) {
        listener();
        return () => undefined;
      }
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

type Drainable = {
  on(event: 'drain' | 'error', listener: () => void): unknown;
  off(event: 'drain' | 'error', listener: () => void): unknown;
};

/** Resolves when `stream` drains, fails, or `stopper` stops: whichever comes first. Never rejects. */
export function untilDrained(stream: Drainable, stopper: Stopper): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      stream.off('drain', done);
      stream.off('error', done);
      unsubscribe();
      resolve();
    };
    stream.on('drain', done);
    stream.on('error', done);
    // Deferred: when already stopped, onStop calls back before `unsubscribe` exists.
    const unsubscribe = stopper.onStop(() => queueMicrotask(done));
  });
}
