/** Stable codes (CONTRIBUTING.md): what could not be reached; the caller's words come from the code. */
export type PipelineErrorCode = 'STORE.UNAVAILABLE' | 'CRM.UNAVAILABLE';

/**
 * The pipeline could not finish a message for a fault that is not the message's: the local store refused the
 * commit (locked past its busy timeout, disk full, read-only folder) or the CRM backend failed to answer (an
 * outage, a malformed response). No result was committed — a commit cannot record its own failure, and filing
 * the message as rejected for a backend outage would take it out of the retry path — so nothing blocks a later
 * attempt. The raw bytes are kept (`rawSha256`, when they were stored) and the source is untouched: the caller
 * reports `storage-error` (docs/rules.md#results) with this message and tries the same message again later.
 */
export class PipelineError extends Error {
  readonly code: PipelineErrorCode;
  /** The docs/rules.md#results reason the caller reports. */
  readonly reason = 'storage-error' as const;
  /** The content address of the kept raw message, or null when the failure came before it was stored. */
  readonly rawSha256: string | null;

  constructor(
    code: PipelineErrorCode,
    message: string,
    options: { cause: unknown; rawSha256: string | null },
  ) {
    super(`${message}: ${messageOf(options.cause)}`, { cause: options.cause });
    this.name = 'PipelineError';
    this.code = code;
    this.rawSha256 = options.rawSha256;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs one call into the local store, turning its failure into a `PipelineError` (`STORE.UNAVAILABLE`). */
export function fromStore<T>(action: () => T, rawSha256: string | null): T {
  try {
    return action();
  } catch (error) {
    throw new PipelineError('STORE.UNAVAILABLE', 'the local store failed', { cause: error, rawSha256 });
  }
}
