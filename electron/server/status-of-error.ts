import type { ApiErrorCode } from '#shared/api/api-error.js';
import { assertNever } from '#shared/util/assert-never.js';

/** The HTTP status of an error reply; the envelope's `code` says the rest (docs/api.md "Errors"). */
export function statusOfError(code: ApiErrorCode): number {
  switch (code) {
    case 'INPUT.INVALID':
      return 400;
    case 'AUTH.REQUIRED':
    case 'AUTH.INVALID':
      return 401;
    case 'AUTH.FORBIDDEN':
    case 'REQUEST.ORIGIN':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'REQUEST.METHOD':
      return 405;
    case 'CONFLICT':
      return 409;
    case 'REQUEST.TOO_LARGE':
      return 413;
    case 'REQUEST.HOST':
      return 421;
    case 'REQUEST.RATE_LIMITED':
      return 429;
    case 'MAILBOX.UNREACHABLE':
    case 'MAILBOX.AUTH':
    case 'BACKEND.UNREACHABLE':
    case 'BACKEND.AUTH':
      return 502;
    case 'UNAVAILABLE':
      return 503;
    case 'STORE.ERROR':
    case 'INTERNAL':
      return 500;
    default:
      return assertNever(code);
  }
}
