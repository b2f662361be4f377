import type { Worker } from 'node:worker_threads';
import type { PreparedMessage } from './prepare-message.js';
import type { ParseReply } from './parse-pool-protocol.js';

/** What a parse worker tells its pool, for the jobs of the worker that is still the slot's own. */
export type ParseWorkerEvents = {
  /** The worker began job `id`: its time budget starts now. */
  started(id: number): void;
  /** Job `id` kept its raw bytes under `sha256`. */
  stored(id: number, sha256: string): void;
  /** Job `id` is done: prepared, or failed with `error`. */
  answered(id: number, answer: { readonly prepared: PreparedMessage } | { readonly error: string }): void;
  /** The worker died (out of memory on a hostile message, a broken install): told once. */
  died(error: Error): void;
};

/**
 * Listens to one parse worker. A worker its slot has replaced (terminated after a timeout) concerns nobody any
 * more: nothing it says is passed on. An uncaught error is reported twice ('error', then 'exit'), the second time
 * after the replacement took the slot, so `died` is told once; an exit while the pool is closing is no death.
 */
export function watchParseWorker(
  worker: Pick<Worker, 'on' | 'once'>,
  state: { readonly isCurrent: () => boolean; readonly isClosed: () => boolean },
  events: ParseWorkerEvents,
): void {
  worker.on('message', (reply: ParseReply) => {
    if (!state.isCurrent()) {
      return;
    }
    if ('started' in reply) {
      events.started(reply.id);
    } else if ('stored' in reply) {
      events.stored(reply.id, reply.stored);
    } else {
      events.answered(reply.id, reply);
    }
  });
  let dead = false;
  const died = (error: Error): void => {
    if (dead || !state.isCurrent()) {
      return;
    }
    dead = true;
    events.died(error);
  };
  worker.once('error', died);
  worker.once('exit', (code: number) => {
    if (!state.isClosed()) {
      died(new Error(`parse worker exited with code ${code}`));
    }
  });
}
