import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * A real PostgreSQL (Debian's `postgresql`, any installed major version) in a temp folder on a free loopback
 * port, for the team backend's tests and the team bench. PostgreSQL refuses to run as root, so the cluster
 * belongs to the `postgres` system user (`runuser -u postgres`), and the temp folder is chowned to it. Sign-in
 * is scram-sha-256 over TCP on 127.0.0.1 only; the superuser `postgres` has `superPassword`, and one role and
 * database (`crm` / `crm`, password `password`) are created for the companions.
 */
export type Postgres = {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly database: string;
  readonly user: string;
  readonly password: string;
  /** `postgres://crm@127.0.0.1:PORT/crm`, without the password (CONFIG.json's `backend.url`). */
  readonly url: string;
  /** A pool signed in as the superuser, for tests' checks and faults (`pg_terminate_backend`). */
  readonly admin: pg.Pool;
  /** With `tls`: the server's certificate (self-signed, so also its CA), PEM; otherwise null. */
  readonly caFile: string | null;
  /** The server processes' pids (postmaster and its children), for the bench's CPU figure. */
  serverPids(): number[];
  /** Fast shutdown, then started again on the same port with the same data. */
  restart(): Promise<void>;
  /** Fast shutdown, leaving the data for `start`. */
  halt(): Promise<void>;
  /** Starts a halted server again on the same port. */
  start(): Promise<void>;
  /** Fast shutdown and the temp folder removed. */
  stop(): Promise<void>;
};

export type PostgresOptions = {
  /** `max_connections` (default 100). */
  readonly maxConnections?: number;
  /** Extra `postgresql.conf` lines. */
  readonly settings?: ReadonlyArray<string>;
  /**
   * TLS on, with a self-signed certificate for 127.0.0.1 and localhost (openssl, in the temp folder), and
   * `hostssl` only in pg_hba.conf: a cleartext sign-in is refused. Default false.
   */
  readonly tls?: boolean;
};

const runAs = 'postgres';

/** The newest installed major version's bin folder, or null. */
function binDir(): string | null {
  const base = '/usr/lib/postgresql';
  if (!fs.existsSync(base)) {
    return null;
  }
  const versions = fs
    .readdirSync(base)
    .filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? null : path.join(base, versions[0], 'bin');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

async function waitReady(config: pg.ClientConfig, child: () => ChildProcess | null, log: () => string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const client = new pg.Client(config);
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
    }
    if (child()?.exitCode !== null && child()?.exitCode !== undefined) {
      throw new Error(`PostgreSQL exited at start: ${log()}`);
    }
    if (Date.now() > deadline) {
      throw new Error(`PostgreSQL did not accept connections within 30 s: ${log()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts PostgreSQL and waits until it accepts sign-ins. Throws (never skips) when it is not installed. */
export async function startPostgres(options: PostgresOptions = {}): Promise<Postgres> {
  const bin = binDir();
  if (bin === null) {
    throw new Error('PostgreSQL is not installed: apt-get install postgresql');
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-postgres-'));
  const data = path.join(root, 'data');
  const run = path.join(root, 'run');
  fs.mkdirSync(run);
  const superPassword = 'super-secret';
  fs.writeFileSync(path.join(root, 'pwfile'), `${superPassword}\n`);
  const tls = options.tls === true;
  if (tls) {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
        '-keyout',
        path.join(root, 'tls-key.pem'),
        '-out',
        path.join(root, 'tls-cert.pem'),
      ],
      { stdio: 'pipe' },
    );
    fs.chmodSync(path.join(root, 'tls-key.pem'), 0o600);
    fs.chmodSync(path.join(root, 'tls-cert.pem'), 0o644);
  }
  execFileSync('chown', ['-R', `${runAs}:`, root]);
  execFileSync(
    'runuser',
    [
      '-u',
      runAs,
      '--',
      path.join(bin, 'initdb'),
      '-D',
      data,
      '-U',
      'postgres',
      '--auth=scram-sha-256',
      `--pwfile=${path.join(root, 'pwfile')}`,
      '--encoding=UTF8',
      '--locale=C',
    ],
    { stdio: 'pipe' },
  );
  const port = await freePort();
  fs.appendFileSync(
    path.join(data, 'postgresql.conf'),
    [
      "listen_addresses = '127.0.0.1'",
      `port = ${port}`,
      `unix_socket_directories = '${run}'`,
      `max_connections = ${options.maxConnections ?? 100}`,
      // Tests, not production: the data folder is thrown away after.
      'fsync = off',
      'synchronous_commit = off',
      'full_page_writes = off',
      ...(tls
        ? [
            'ssl = on',
            `ssl_cert_file = '${path.join(root, 'tls-cert.pem')}'`,
            `ssl_key_file = '${path.join(root, 'tls-key.pem')}'`,
          ]
        : []),
      ...(options.settings ?? []),
      '',
    ].join('\n'),
  );
  fs.writeFileSync(
    path.join(data, 'pg_hba.conf'),
    `${tls ? 'hostssl' : 'host'} all all 127.0.0.1/32 scram-sha-256\n`,
  );

  let child: ChildProcess | null = null;
  let log = '';
  const superConfig: pg.ClientConfig = {
    host: '127.0.0.1',
    port,
    user: 'postgres',
    password: superPassword,
    database: 'postgres',
    ...(tls ? { ssl: { rejectUnauthorized: false } } : {}),
  };
  async function start(): Promise<void> {
    log = '';
    child = spawn('runuser', ['-u', runAs, '--', path.join(bin ?? '', 'postgres'), '-D', data], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr?.on('data', (c: Buffer) => (log = (log + c.toString()).slice(-4000)));
    await waitReady(
      superConfig,
      () => child,
      () => log,
    );
  }
  function postmasterPid(): number | null {
    try {
      const first = fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0];
      return first === undefined ? null : Number(first);
    } catch {
      return null;
    }
  }
  async function shutdown(): Promise<void> {
    const pid = postmasterPid();
    const running = child;
    if (pid !== null) {
      try {
        process.kill(pid, 'SIGINT'); // fast shutdown: sessions are ended, the data is consistent
      } catch {
        // gone already
      }
    }
    if (running !== null && running.exitCode === null) {
      await new Promise<void>((resolve) => running.once('exit', () => resolve()));
    }
    child = null;
  }

  await start();
  const database = 'crm';
  const user = 'crm';
  const password = 'password';
  const setup = new pg.Client(superConfig);
  await setup.connect();
  await setup.query(`CREATE ROLE ${user} LOGIN PASSWORD '${password}'`);
  await setup.query(`CREATE DATABASE ${database} OWNER ${user}`);
  await setup.end();
  const admin = new pg.Pool({ ...superConfig, database, max: 4 });
  admin.on('error', () => undefined); // a restart ends its idle connections
  return {
    host: '127.0.0.1',
    port,
    database,
    user,
    password,
    url: `postgres://${user}@127.0.0.1:${port}/${database}`,
    admin,
    caFile: tls ? path.join(root, 'tls-cert.pem') : null,
    serverPids() {
      const pid = postmasterPid();
      if (pid === null) {
        return [];
      }
      const children = fs
        .readdirSync('/proc')
        .filter((d) => /^\d+$/.test(d))
        .filter((d) => {
          try {
            const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
            return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
          } catch {
            return false;
          }
        })
        .map(Number);
      return [pid, ...children];
    },
    async restart() {
      await shutdown();
      await start();
    },
    halt: shutdown,
    start,
    async stop() {
      await admin.end().catch(() => undefined);
      await shutdown();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
