import fs from 'node:fs';
import pg from 'pg';

/** How the companion reaches the team PostgreSQL: what CONFIG.json's `backend` says, secrets resolved. */
export type PostgresConnection = {
  /** `postgres://USER@HOST:PORT/DATABASE` (any password in it is ignored: `password` is the one used). */
  readonly url: string;
  readonly password: string;
  /** libpq's `sslmode` names: `verify-full` checks certificate and host name, `require` only encrypts. */
  readonly tls: 'verify-full' | 'require' | 'none';
  /** PEM of the CA for `verify-full` / `require`; absent: the system's CAs. */
  readonly caFile?: string;
  /** Connections held at most (default 4). */
  readonly poolMax?: number;
  /** Per connection attempt (default 10 s). */
  readonly connectTimeoutMs?: number;
  /** `application_name`, so IT sees whose connections these are in `pg_stat_activity`. */
  readonly applicationName?: string;
};

/** The pool's settings from a connection (docs/deployment.md "Team mode"). */
export function poolConfig(connection: PostgresConnection): pg.PoolConfig {
  const url = new URL(connection.url);
  const ssl: pg.PoolConfig['ssl'] =
    connection.tls === 'none'
      ? false
      : {
          rejectUnauthorized: connection.tls === 'verify-full',
          ...(connection.caFile === undefined ? {} : { ca: fs.readFileSync(connection.caFile, 'utf8') }),
          ...(connection.tls === 'verify-full' ? {} : { checkServerIdentity: () => undefined }),
        };
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port === '' ? 5432 : Number(url.port),
    user: decodeURIComponent(url.username),
    database: decodeURIComponent(url.pathname.replace(/^\//, '')),
    password: connection.password,
    ssl,
    max: connection.poolMax ?? 4,
    connectionTimeoutMillis: connection.connectTimeoutMs ?? 10_000,
    idleTimeoutMillis: 30_000,
    // The companion's stop does not wait for idle connections: they are not work in hand.
    allowExitOnIdle: true,
    application_name: connection.applicationName ?? 'crm-mail-logger',
    // A statement that hangs (a lock held by a stuck session) fails instead of holding the outbox forever.
    statement_timeout: 60_000,
  };
}

/**
 * A pool whose idle clients' errors (the server restarted, the connection was terminated) are reported rather
 * than thrown: node-postgres emits them on the pool, and an unhandled `error` event would end the process.
 */
export function createPool(connection: PostgresConnection, onError: (e: Error) => void): pg.Pool {
  const pool = new pg.Pool(poolConfig(connection));
  pool.on('error', onError);
  return pool;
}

/**
 * A client from the pool with an `error` listener while it is checked out: node-postgres emits a lost
 * connection (a restart, `pg_terminate_backend`) on the client itself, and an unhandled `error` event would end
 * the process. The query in flight fails as well, which is where the failure is handled. `release(broken)` with
 * the failure discards the connection instead of pooling it.
 */
export async function checkout(pool: pg.Pool): Promise<pg.PoolClient> {
  const client = await pool.connect();
  const ignore = (): void => undefined;
  client.on('error', ignore);
  const release = client.release.bind(client);
  client.release = (broken?: Error | boolean) => {
    client.off('error', ignore);
    release(broken);
  };
  return client;
}
