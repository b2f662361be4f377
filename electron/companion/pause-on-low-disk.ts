import { statfs } from 'node:fs/promises';
import type { Logger } from '../core/logger.js';

/** Something that runs until stopped: the IMAP intake. A new one is made for each resume. */
export type Stoppable = { stop(): Promise<void> };

export type LowDiskGuard = {
  /** `running`, or `paused` while free space under the store is below the floor. */
  state(): 'running' | 'paused';
  /** Stops watching and stops the worker. */
  stop(): Promise<void>;
};

export type LowDiskGuardOptions = {
  /** The folder whose file system is watched (the store's). */
  readonly dir: string;
  readonly floorBytes: number;
  /** How often free space is read. */
  readonly intervalMs: number;
  readonly logger: Logger;
  /** Makes and starts a worker; called at start when there is room, and at each resume. */
  readonly start: () => Promise<Stoppable>;
};

const MiB = 1024 * 1024;

/**
 * C1: when the disk under the store is nearly full, the intake pauses and says so, instead of claiming message
 * after message only to fail each one with `storage-error`; when space is back it resumes. Pausing stops the
 * intake (it finishes the message in hand and logs out), so unclaimed mail stays on the server meanwhile.
 * A free-space reading that fails is logged and changes nothing.
 */
export async function pauseOnLowDisk(options: LowDiskGuardOptions): Promise<LowDiskGuard> {
  const { logger } = options;
  let worker: Stoppable | null = null;
  let paused = false;
  let stopped = false;
  const figures = (free: number): Record<string, unknown> => ({
    store: options.dir,
    freeMB: Math.floor(free / MiB),
    minFreeDiskMB: Math.floor(options.floorBytes / MiB),
  });

  async function follow(): Promise<void> {
    let free: number;
    try {
      const info = await statfs(options.dir);
      free = info.bavail * info.bsize;
    } catch (error) {
      logger.error('cannot read the free disk space under the store', {
        store: options.dir,
        error: String(error),
      });
      return;
    }
    if (stopped) {
      return;
    }
    if (free < options.floorBytes && !paused) {
      paused = true;
      logger.warn('intake paused: the disk under the store is nearly full', figures(free));
      await worker?.stop();
      worker = null;
    } else if (free >= options.floorBytes && worker === null) {
      if (paused) {
        logger.info('intake resumed: disk space is back', figures(free));
      }
      paused = false;
      worker = await options.start();
    }
  }

  // One reading at a time: a slow statfs or stop must not overlap the next tick.
  let pending = follow();
  await pending;
  const timer = setInterval(() => {
    pending = pending.then(follow).catch((error: unknown) => {
      logger.error('intake could not be resumed', { error: String(error) });
    });
  }, options.intervalMs);
  timer.unref();
  return {
    state: () => (paused ? 'paused' : 'running'),
    async stop() {
      stopped = true;
      clearInterval(timer);
      await pending;
      await worker?.stop();
      worker = null;
    },
  };
}
