/**
 * The team backend's TLS settings against a real PostgreSQL that accepts TLS sign-ins only (docs/deployment.md
 * "Each user's companion"): `verify-full` with the CA file connects; `verify-full` without it refuses the server's
 * self-signed certificate; `require` encrypts without checking it; `none` is refused by the server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../electron/crm/postgres/migrations.js';
import { classifyPostgresError } from '../../electron/crm/postgres/postgres-failure.js';
import { createPool, type PostgresConnection } from '../../electron/crm/postgres/postgres-pool.js';
import { startPostgres, type Postgres } from './support/postgres.js';

let server: Postgres;

beforeAll(async () => {
  server = await startPostgres({ tls: true });
}, 60_000);

afterAll(async () => {
  await server.stop();
});

/** What one sign-in and query says: the server's TLS state of the session, or the classified failure. */
async function signIn(tls: PostgresConnection['tls'], caFile?: string): Promise<string> {
  const pool = createPool(
    { url: server.url, password: server.password, tls, ...(caFile === undefined ? {} : { caFile }) },
    () => undefined,
  );
  try {
    const row = await pool.query<{ ssl: boolean }>(
      'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()',
    );
    return row.rows[0]?.ssl === true ? 'encrypted' : 'cleartext';
  } catch (e) {
    const failure = classifyPostgresError(e);
    return `${failure.kind}: ${failure.message}`;
  } finally {
    await pool.end();
  }
}

describe('backend.tls', () => {
  it('verify-full with the CA file connects encrypted, and migrates', async () => {
    expect(await signIn('verify-full', server.caFile ?? '')).toBe('encrypted');
    const pool = createPool(
      { url: server.url, password: server.password, tls: 'verify-full', caFile: server.caFile ?? '' },
      () => undefined,
    );
    try {
      expect((await migrate(pool)).version).toBeGreaterThan(0);
    } finally {
      await pool.end();
    }
  });

  it('verify-full without the CA refuses the self-signed certificate', async () => {
    expect(await signIn('verify-full')).toMatch(/^unavailable: .*self[- ]signed certificate/);
  });

  it('require encrypts without checking the certificate', async () => {
    expect(await signIn('require')).toBe('encrypted');
  });

  it('none is refused by a server that accepts TLS only', async () => {
    expect(await signIn('none')).toMatch(/^auth: CRM\.AUTH: .*no encryption/);
  });
});
