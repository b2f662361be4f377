import type { ParseLimits } from './limits.js';
import type { KeptRaw, PreparedMessage } from './prepare-message.js';

/** The one contract of both sides of the parse pool's thread boundary (parse-pool.ts, parse-worker.ts). */
export type ParseWorkerData = {
  readonly blobDir: string;
  readonly blobSync: boolean;
  readonly limits: ParseLimits;
  /** Also compute the forward extraction (C7), so that the rules only choose from plain data. */
  readonly extractForward: boolean;
  /** `PrepareOptions.smallRawInCommit`: small raws go back to the committing thread, not into blob files. */
  readonly smallRawInCommit: boolean;
};

/** A message for stage 1: a file (read by whoever prepares it: `readSource`), or bytes already read (mbox). */
export type ParseSource = { readonly path: string; readonly size: number } | { readonly bytes: Uint8Array };

/** A source to keep and parse (the back-fill), or raw bytes the caller already kept, to parse only. */
export type ParseJob =
  { readonly id: number; readonly source: ParseSource } | { readonly id: number; readonly kept: KeptRaw };

export type ParseReply =
  | { readonly id: number; readonly prepared: PreparedMessage }
  | { readonly id: number; readonly error: string }
  /** The worker began this job: its time budget starts now. */
  | { readonly id: number; readonly started: true }
  /** The raw bytes are kept under this sha256: a parse abandoned from now on is quarantined with them. */
  | { readonly id: number; readonly stored: string };
