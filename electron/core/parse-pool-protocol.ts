import type { ParseLimits } from './limits.js';
import type { PreparedMessage } from './prepare-message.js';

/** The one contract of both sides of the parse pool's thread boundary (parse-pool.ts, parse-worker.ts). */
export type ParseWorkerData = {
  readonly blobDir: string;
  readonly blobSync: boolean;
  readonly limits: ParseLimits;
};

/** A message for stage 1: a file (read by whoever prepares it: `readSource`), or bytes already read (mbox). */
export type ParseSource = { readonly path: string; readonly size: number } | { readonly bytes: Uint8Array };

export type ParseJob = { readonly id: number; readonly source: ParseSource };

export type ParseReply =
  | { readonly id: number; readonly prepared: PreparedMessage }
  | { readonly id: number; readonly error: string };
