import { describe, expect, it } from 'vitest';
import {
  classifyPostgresError,
  toPushFailure,
} from '../../../../../electron/crm/postgres/postgres-failure.js';

const pgError = (code: string, message: string): Error => Object.assign(new Error(message), { code });

describe('classifyPostgresError', () => {
  it('a refused sign-in is CRM.AUTH, retried so that the results wait', () => {
    const failure = classifyPostgresError(pgError('28P01', 'password authentication failed for user "crm"'));
    expect(failure.kind).toBe('auth');
    expect(failure.message).toBe(
      'CRM.AUTH: PostgreSQL refused the sign-in: password authentication failed for user "crm"',
    );
    expect(toPushFailure(failure)).toMatchObject({ code: 'CRM.UNAVAILABLE', retryable: true });
    expect(classifyPostgresError(pgError('28000', 'no pg_hba.conf entry')).kind).toBe('auth');
  });

  it.each([
    ['57P01', 'terminating connection due to administrator command'],
    ['57P03', 'the database system is starting up'],
    ['40001', 'could not serialize access'],
    ['40P01', 'deadlock detected'],
    ['08006', 'connection failure'],
    ['53300', 'too many connections for role'],
  ])('%s (a lost connection, a restart, a conflict to retry) is unavailable', (code, message) => {
    const failure = classifyPostgresError(pgError(code, message));
    expect(failure.kind).toBe('unavailable');
    expect(toPushFailure(failure)).toMatchObject({ code: 'CRM.UNAVAILABLE', retryable: true });
  });

  it('network errors and node-postgres’ own errors are unavailable', () => {
    expect(classifyPostgresError(pgError('ECONNREFUSED', 'connect ECONNREFUSED')).kind).toBe('unavailable');
    expect(classifyPostgresError(new Error('Connection terminated unexpectedly')).kind).toBe('unavailable');
  });

  it('a statement the server refuses is rejected, not retried', () => {
    const failure = classifyPostgresError(pgError('22001', 'value too long for type character varying(10)'));
    expect(failure.kind).toBe('rejected');
    expect(toPushFailure(failure)).toMatchObject({ code: 'CRM.REJECTED', retryable: false });
  });
});
