import type { PushFailure } from '../crm-backend.port.js';

/**
 * A failed PostgreSQL call, classified by its SQLSTATE (PostgreSQL's "Errors and Messages" appendix):
 * - `auth`: the server refused the sign-in (28P01 wrong password, 28000 no such role / not allowed by
 *   pg_hba.conf): configuration, but nothing is lost by waiting, so the outbox keeps retrying;
 * - `unavailable`: no connection, a connection lost (57P01 terminated, 08xxx), a restart (57P03), a timeout, a
 *   deadlock or serialisation failure (40xxx): try again, the transaction was rolled back as a whole;
 * - `rejected`: anything else (a value the schema refuses, 42xxx a schema older than this build): retrying the
 *   same statement cannot help.
 */
export type PostgresFailureKind = 'auth' | 'unavailable' | 'rejected';

export class PostgresFailure extends Error {
  constructor(
    readonly kind: PostgresFailureKind,
    message: string,
    readonly sqlState: string | null,
  ) {
    super(message);
    this.name = 'PostgresFailure';
  }
}

const unavailableStates = /^(08|40|53|57|58)/;
const networkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

export function classifyPostgresError(e: unknown): PostgresFailure {
  if (e instanceof PostgresFailure) {
    return e;
  }
  const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
  const message = e instanceof Error ? e.message : String(e);
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
    if (code === '28P01' || code === '28000') {
      return new PostgresFailure('auth', `CRM.AUTH: PostgreSQL refused the sign-in: ${message}`, code);
    }
    if (unavailableStates.test(code)) {
      return new PostgresFailure('unavailable', `PostgreSQL unavailable (${code}): ${message}`, code);
    }
    return new PostgresFailure('rejected', `PostgreSQL refused (${code}): ${message}`, code);
  }
  if (typeof code === 'string' && networkCodes.has(code)) {
    return new PostgresFailure('unavailable', `PostgreSQL unreachable (${code}): ${message}`, null);
  }
  // node-postgres' own: "Connection terminated unexpectedly", "timeout exceeded when trying to connect", a
  // TLS failure. All are about reaching the server, none about the statement.
  return new PostgresFailure('unavailable', `PostgreSQL unreachable: ${message}`, null);
}

/**
 * The outbox's view (C3). A refused sign-in is retried like an outage, with its own `CRM.AUTH` line in the
 * message: the results wait in the outbox until IT fixes the password, and none is given up on.
 */
export function toPushFailure(failure: PostgresFailure): PushFailure {
  switch (failure.kind) {
    case 'auth':
    case 'unavailable':
      return { code: 'CRM.UNAVAILABLE', message: failure.message, retryable: true };
    case 'rejected':
      return { code: 'CRM.REJECTED', message: failure.message, retryable: false };
  }
}
