/** Stable codes (CONTRIBUTING.md): the CLI and the UI derive their words from the code, not from the message. */
export type CrmStoreErrorCode = 'INPUT.INVALID' | 'USER.NOT_FOUND' | 'USER.ALREADY_EXISTS' | 'CRM.CONFLICT';

/**
 * An administration or import request the store refuses (bad entry, unknown user, a key another record holds).
 * Thrown, not returned, because the store's methods are called directly by the CLI, which turns it into one line
 * and a non-zero exit; the message names the value at fault.
 */
export class CrmStoreError extends Error {
  readonly code: CrmStoreErrorCode;

  constructor(code: CrmStoreErrorCode, message: string) {
    super(message);
    this.name = 'CrmStoreError';
    this.code = code;
  }
}
