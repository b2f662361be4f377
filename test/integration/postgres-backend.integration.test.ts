/**
 * The team PostgreSQL backend against a real PostgreSQL on loopback (docs/deployment.md "Team mode", C3, R2):
 * migrations run by two companions at once, pushes settled by the unique identity keys (one email, the second
 * store's result its duplicate), a connection killed mid-transaction (nothing half-written, the retry writes it
 * once), the server restarted under a running outbox (results wait, then go through), and a wrong password (one
 * `CRM.AUTH` line, nothing lost).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StoredResult } from '../../electron/crm/crm-backend.port.js';
import type { LocalStore } from '../../electron/crm/local/local-store.js';
import { openLocalStore } from '../../electron/crm/local/open-local-store.js';
import {
  createPostgresBackend,
  type PostgresBackend,
  type PostgresBackendOptions,
} from '../../electron/crm/postgres/create-postgres-backend.js';
import { latestVersion, migrate } from '../../electron/crm/postgres/migrations.js';
import { createPool } from '../../electron/crm/postgres/postgres-pool.js';
import type { PushReport } from '../../electron/crm/postgres/push-result.js';
import { createOutboxWorker } from '../../electron/sync/outbox-worker.js';
import type { Decision } from '#shared/model/decision.js';
import { buildContact, buildDecision, buildEmail } from '../unit/electron/crm/helpers/build-decision.js';
import { startPostgres, type Postgres } from './support/postgres.js';

let server: Postgres;
let dirs: string[] = [];
let stores: LocalStore[] = [];
let backends: PostgresBackend[] = [];
let committed = 0;

beforeAll(async () => {
  server = await startPostgres();
}, 60_000);

afterAll(async () => {
  await server.stop();
});

beforeEach(async () => {
  await server.admin.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public AUTHORIZATION crm');
});

afterEach(async () => {
  await Promise.all(backends.map((b) => b.close()));
  stores.forEach((s) => s.close());
  dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
  backends = [];
  stores = [];
  dirs = [];
});

function openStore(): LocalStore {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-backend-'));
  dirs.push(dir);
  const store = openLocalStore(dir, { syncTarget: 'remote' });
  store.importCrm({
    users: [
      { id: 1, email: 'ann@corp.example', name: 'Ann' },
      { id: 2, email: 'tom@corp.example', name: 'Tom' },
    ],
    settings: { internalDomains: ['corp.example'] },
  });
  stores.push(store);
  return store;
}

function backend(store: LocalStore, overrides: Partial<PostgresBackendOptions> = {}): PostgresBackend {
  const created = createPostgresBackend({
    connection: {
      url: server.url,
      password: server.password,
      tls: 'none',
      connectTimeoutMs: 2_000,
    },
    store,
    ...overrides,
  });
  backends.push(created);
  return created;
}

/** Commits a decision the way the pipeline does and reads it back as the outbox would (C3). */
function commit(store: LocalStore, overrides: Partial<Decision> = {}, n = ++committed): StoredResult {
  const messageId = `<m${n}@customer.example>`;
  const rawSha256 = createHash('sha256').update(`raw ${n} ${store.path}`).digest('hex');
  store.commit({
    decision: buildDecision({
      email: buildEmail({ messageId, subject: `Pricing ${n}`, from: 'bob@customer.example' }),
      contacts: [buildContact({ email: 'bob@customer.example', role: 'sender', created: true })],
      identity: { messageId, contentKey: `ck:${n}` },
      ...overrides,
    }),
    rawSha256,
    receivedAt: '2026-03-02T09:16:00.000Z',
  });
  const id = store.resultForRaw(rawSha256)?.id;
  const stored = id === undefined ? null : store.storedResult(id);
  if (stored === null) {
    throw new Error('commit did not store the result');
  }
  return stored;
}

async function count(table: string): Promise<number> {
  return Number((await server.admin.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n);
}

describe('migrations', () => {
  it('two companions migrating at once both succeed, and every step runs once', async () => {
    const pools = [0, 1, 2].map(() =>
      createPool({ url: server.url, password: server.password, tls: 'none' }, () => undefined),
    );
    try {
      const summaries = await Promise.all(pools.map((p) => migrate(p)));
      expect(summaries.map((s) => s.version)).toEqual([latestVersion, latestVersion, latestVersion]);
      // One of them applied every step; the others waited for the lock and found nothing to do.
      expect(summaries.flatMap((s) => s.applied).sort()).toEqual(
        Array.from({ length: latestVersion }, (_, i) => i + 1),
      );
      const rows = await server.admin.query<{ version: number }>('SELECT version FROM schema_migrations');
      expect(rows.rows).toHaveLength(latestVersion);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });
});

describe('push', () => {
  it('writes a result once, answers its retry with the same id, and makes another store’s copy a duplicate', async () => {
    const annStore = openStore();
    const tomStore = openStore();
    const reports: PushReport[] = [];
    const ann = backend(annStore, { onPushed: (_, r) => reports.push(r) });
    const tom = backend(tomStore, { onPushed: (_, r) => reports.push(r) });
    const n = ++committed;
    const first = commit(annStore, {}, n);
    const same = commit(tomStore, { owner: 'tom@corp.example', ownerId: 2 }, n);

    const written = await ann.pushResult(first);
    const repeat = await ann.pushResult({ ...first, pushedBefore: true });
    const duplicate = await tom.pushResult(same);

    expect(written.ok && repeat.ok && duplicate.ok).toBe(true);
    const ids = [written, repeat, duplicate].map((a) => (a.ok ? a.value.remoteId : null));
    expect(new Set(ids).size).toBe(1);
    expect(reports.map((r) => r.kind)).toEqual(['written', 'repeat', 'duplicate']);
    expect(reports[2]).toMatchObject({ kind: 'duplicate', duplicateOf: first.result.messageId });
    expect(await count('emails')).toBe(1);
    expect(await count('contacts')).toBe(1);
    expect(await count('email_contacts')).toBe(1);
  });

  it('many pushes of the same mail from many stores at once end as one email and the rest duplicates', async () => {
    const n = ++committed;
    const racers = Array.from({ length: 8 }, () => {
      const store = openStore();
      return { stored: commit(store, {}, n), backend: backend(store) };
    });
    const answers = await Promise.all(racers.map((r) => r.backend.pushResult(r.stored)));
    expect(answers.every((a) => a.ok)).toBe(true);
    expect(new Set(answers.map((a) => (a.ok ? a.value.remoteId : null))).size).toBe(1);
    expect(await count('emails')).toBe(1);
  });

  it('reads the team database’s facts through into the cache, and the keys another user logged', async () => {
    const annStore = openStore();
    const ann = backend(annStore);
    const first = commit(annStore);
    expect((await ann.pushResult(first)).ok).toBe(true);
    await server.admin.query("INSERT INTO users (id, email, data) VALUES (3, 'kim@corp.example', $1)", [
      JSON.stringify({
        id: 3,
        email: 'kim@corp.example',
        aliases: [],
        token: null,
        neverLog: [],
        locale: 'ja',
      }),
    ]);
    await server.admin.query('UPDATE account_revision SET n = n + 1');
    const tomStore = openStore();
    const facts = await backend(tomStore).fetchFacts({
      addresses: ['bob@customer.example'],
      names: [],
      identityKeys: [],
    });
    expect(facts.contacts.map((c) => c.email)).toEqual(['bob@customer.example']);
    expect(facts.users.map((u) => u.email)).toContain('kim@corp.example');
    expect(facts.logged).toContainEqual({
      key: first.logged?.email.messageId,
      messageId: first.result.messageId,
    });
  });
});

describe('faults', () => {
  it('a connection killed mid-transaction writes nothing, and the retry writes the email once', async () => {
    const store = openStore();
    const pg = backend(store, {
      connection: {
        url: server.url,
        password: server.password,
        tls: 'none',
        applicationName: 'push-under-test',
      },
    });
    await migrate(pg.pool);
    const stored = commit(store);
    // Holds the contact's key in an open transaction, so the push blocks after its email INSERT.
    const blocker = await server.admin.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query("INSERT INTO contacts (email) VALUES ('bob@customer.example')");
      const push = pg.pushResult(stored);
      let pid: number | undefined;
      for (let i = 0; i < 100 && pid === undefined; i++) {
        await new Promise((r) => setTimeout(r, 50));
        pid = (
          await server.admin.query<{ pid: number }>(
            "SELECT pid FROM pg_stat_activity WHERE application_name = 'push-under-test' AND wait_event_type = 'Lock'",
          )
        ).rows[0]?.pid;
      }
      expect(pid).toBeDefined();
      await server.admin.query('SELECT pg_terminate_backend($1)', [pid]);
      const answer = await push;
      expect(answer).toMatchObject({ ok: false, error: { code: 'CRM.UNAVAILABLE', retryable: true } });
      expect(await count('emails')).toBe(0); // the email INSERT before the kill was rolled back
    } finally {
      await blocker.query('ROLLBACK');
      blocker.release();
    }
    const retried = await pg.pushResult({ ...stored, pushedBefore: true });
    expect(retried.ok).toBe(true);
    expect(await count('emails')).toBe(1);
    expect(await count('email_contacts')).toBe(1);
  });

  it('results wait in the outbox while PostgreSQL is down, and go through after it restarts', async () => {
    const store = openStore();
    const pg = backend(store);
    const worker = createOutboxWorker({
      store,
      backend: pg,
      retryPolicy: {
        decide: (_attempt, failure) =>
          failure.retryable ? { kind: 'retry', delayMs: 100, rateLimited: false } : { kind: 'fail' },
      },
      pollIntervalMs: 100,
    });
    commit(store);
    expect((await worker.runOnce()).synced).toBe(1);
    await server.halt();
    try {
      const during = [commit(store), commit(store), commit(store)];
      expect(await worker.runOnce()).toMatchObject({
        claimed: during.length,
        synced: 0,
        retried: during.length,
      });
      expect(store.outboxCounts()).toEqual({ pending: during.length, synced: 1, failed: 0 });
    } finally {
      await server.start();
    }
    worker.start();
    const deadline = Date.now() + 30_000;
    while (store.outboxCounts().pending > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    await worker.stop();
    expect(store.outboxCounts()).toEqual({ pending: 0, synced: 4, failed: 0 });
    expect(await count('emails')).toBe(4);
  }, 60_000);

  it('a wrong password is one CRM.AUTH line, and the results wait in the outbox', async () => {
    const store = openStore();
    const errors: string[] = [];
    const pg = backend(store, {
      connection: { url: server.url, password: 'wrong', tls: 'none' },
      onError: (message, error) => errors.push(`${message}: ${error}`),
    });
    const worker = createOutboxWorker({ store, backend: pg });
    commit(store);
    commit(store);
    const summary = await worker.runOnce();
    await pg.fetchFacts({ addresses: ['bob@customer.example'], names: [], identityKeys: [] });
    expect(summary).toMatchObject({ claimed: 2, synced: 0, retried: 2, failed: 0 });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^PostgreSQL refused the sign-in: CRM\.AUTH: .*password authentication failed/);
    expect(store.outboxCounts()).toEqual({ pending: 2, synced: 0, failed: 0 });
  });
});
