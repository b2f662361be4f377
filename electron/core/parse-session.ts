import type { BlobStore } from './blob-store.js';
import type { ParseLimits } from './limits.js';
import type { ParseDefect, ParseFailure } from './parse-failure.js';
import { createStopper, type Stopper } from './parse-stopper.js';

/** What one whole parse, nested parses included, shares. */
export type ParseSession = {
  readonly blobs: BlobStore;
  readonly limits: ParseLimits;
  /** Stopped when the whole parse must stop: a hard limit was broken, or the disk failed. */
  readonly stopper: Stopper;
  stop: { readonly failure: ParseFailure } | { readonly fault: unknown } | null;
  /** Raw input bytes read so far (the outermost message only: nested ones are part of it). */
  bytes: number;
  attachedMessagesLeft: number;
  readonly defects: ParseDefect[];
};

export function createParseSession(blobs: BlobStore, limits: ParseLimits): ParseSession {
  return {
    blobs,
    limits,
    stopper: createStopper(),
    stop: null,
    bytes: 0,
    attachedMessagesLeft: limits.maxAttachedMessages,
    defects: [],
  };
}

/** Stops the whole parse for the first reason given; later ones are ignored. */
export function stopParseSession(session: ParseSession, stop: NonNullable<ParseSession['stop']>): void {
  if (session.stop === null) {
    session.stop = stop;
    session.stopper.stop();
  }
}
