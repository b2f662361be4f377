import { EventEmitter } from 'node:events';
import type { CompanionEvent } from '#shared/api/companion-schemas.js';

export type CompanionEventListener = (event: CompanionEvent) => void;

/**
 * The one source of live events (docs/api.md "Events"): new and changed results, status changes, import progress
 * and pairing requests. The server's event stream and Electron's preload bridge both subscribe here.
 */
export type CompanionEvents = {
  emit(event: CompanionEvent): void;
  /** Returns the unsubscribe function. */
  on(listener: CompanionEventListener): () => void;
};

export function createCompanionEvents(): CompanionEvents {
  const emitter = new EventEmitter();
  // Every open window and event stream is one listener; Node's warning at 10 would be noise, not a leak.
  emitter.setMaxListeners(0);
  return {
    emit: (event) => emitter.emit('event', event),
    on(listener) {
      emitter.on('event', listener);
      return () => emitter.off('event', listener);
    },
  };
}
