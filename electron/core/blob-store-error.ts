/**
 * A failure of the disk, not of the content (ENOSPC, EACCES, EIO…): the caller turns it into `storage-error`
 * and retries later; the message itself is fine. `code` is the system error code when there is one.
 */
export class BlobStoreError extends Error {
  readonly code: string;
  constructor(message: string, options: { cause: unknown }) {
    super(message, options);
    this.name = 'BlobStoreError';
    this.code = errorCode(options.cause) ?? 'EBLOBSTORE';
  }
}

/** The system error code of `error` (`ENOENT`, `ENOSPC`…), when it has one. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return undefined;
}

/** Runs a disk operation; what it throws becomes a BlobStoreError saying what could not be done. */
export async function onDisk<T>(what: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof BlobStoreError) {
      throw error;
    }
    const message = error instanceof Error ? error.message : String(error);
    throw new BlobStoreError(`Blob store: cannot ${what}: ${message}`, { cause: error });
  }
}
