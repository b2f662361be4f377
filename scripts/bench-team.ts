// `npm run bench:team` (and `BENCH_TEAM=1 npm run bench`): the team PostgreSQL at team scale. N simulated companions
// (50, then 500), each with its own local store, outbox and PostgreSQL backend (one connection each, as a desktop
// companion would hold), run in worker threads (2 on this 2-core machine, plus this thread for the measuring),
// push BENCH_TEAM_RATE results a minute each (default 50) for BENCH_TEAM_MINUTES (default 1) into one PostgreSQL.
// BENCH_TEAM_SPEED (default 1: real time) compresses time: 2 means twice the rate for half the minutes.
// BENCH_TEAM_SIZES (default "50,500") picks the team sizes. 20% of the results are the same mails seen by several
// users (each shared mail by 3 companions on average), so the database must settle them as duplicates.
//
// It prints, per size: results committed, emails written, duplicates written (must be 0), results lost (must be 0:
// every committed result must end as its own row or as a duplicate whose `duplicateOf` row exists, counted result by
// result), sync latency (commit → the push's COMMIT) p50/p95, the most connections pg_stat_activity showed, and the
// CPU the PostgreSQL processes used (from /proc/<pid>/stat). A companion here commits results directly (no MIME
// parsing, no IMAP): what is measured is the outbox and the database, not the pipeline (docs/performance.md has that).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { StoredResult } from '../electron/crm/crm-backend.port.js';
import type { LocalStore } from '../electron/crm/local/local-store.js';
import { openLocalStore } from '../electron/crm/local/open-local-store.js';
import {
  createPostgresBackend,
  type PostgresBackend,
} from '../electron/crm/postgres/create-postgres-backend.js';
import { migrate } from '../electron/crm/postgres/migrations.js';
import { createPool } from '../electron/crm/postgres/postgres-pool.js';
import type { PushReport } from '../electron/crm/postgres/push-result.js';
import { createOutboxWorker, type OutboxWorker } from '../electron/sync/outbox-worker.js';
import type { EmailToLog } from '#shared/model/decision.js';
import { identityOf } from '#shared/rules/assemble-decision.js';
import type { Postgres } from '../test/integration/support/postgres.js';
import { buildDecision } from '../test/unit/electron/crm/helpers/build-decision.js';

type Plan = {
  readonly ids: ReadonlyArray<number>;
  readonly companions: number;
  readonly url: string;
  readonly password: string;
  readonly dir: string;
  readonly perCompanion: number;
  readonly intervalMs: number;
  readonly sharedRatio: number;
  readonly sharedMails: number;
  readonly seed: number;
};

/** What one worker thread reports: per result, what its push did (or nothing, if it never got an answer). */
type Outcome = {
  readonly committed: number;
  readonly localDuplicates: number;
  readonly reports: ReadonlyArray<{ readonly kind: PushReport['kind']; readonly emailId: string }>;
  readonly unanswered: number;
  readonly pendingLeft: number;
  readonly failedLeft: number;
  readonly latenciesMs: ReadonlyArray<number>;
};

const workers = Math.max(1, Math.min(2, os.cpus().length));

/** A small seeded generator, so two runs push the same mails. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mail(key: string, sender: number): EmailToLog {
  return {
    direction: 'incoming',
    from: `buyer${sender}@customer${sender % 40}.example`,
    fromName: `Buyer ${sender}`,
    to: ['sales@corp.example'],
    cc: [],
    subject: `Order ${key}`,
    date: '2026-03-02T09:15:00.000Z',
    source: 'message',
    parts: ['text'],
    text: `Please confirm order ${key}.`,
    html: null,
    messageId: `<${key}@customer.example>`,
  };
}

async function runCompanions(plan: Plan): Promise<void> {
  type Companion = {
    store: LocalStore;
    backend: PostgresBackend;
    outbox: OutboxWorker;
    committedAt: Map<number, number>;
    reports: Map<number, PushReport>;
  };
  const latencies: number[] = [];
  const companions: Companion[] = plan.ids.map((id) => {
    const dir = path.join(plan.dir, `companion-${id}`);
    fs.mkdirSync(dir, { recursive: true });
    const store = openLocalStore(dir, { syncTarget: 'remote' });
    store.importCrm({ users: [{ id: 1, email: `user${id}@corp.example` }] });
    const committedAt = new Map<number, number>();
    const reports = new Map<number, PushReport>();
    const backend = createPostgresBackend({
      connection: {
        url: plan.url,
        password: plan.password,
        tls: 'none',
        poolMax: 1,
        applicationName: `bench companion ${id}`,
      },
      store,
      storeId: `companion-${id}`,
      migrate: false, // migrated once by the main thread, as IT's `db migrate` would
      accountPollMs: 600_000,
      onPushed: (stored: StoredResult, report) => {
        reports.set(stored.id, report);
        const at = committedAt.get(stored.id);
        if (at !== undefined) {
          latencies.push(Date.now() - at);
          committedAt.delete(stored.id);
        }
      },
    });
    const outbox = createOutboxWorker({ store, backend, batchSize: 20, pollIntervalMs: 1_000 });
    return { store, backend, outbox, committedAt, reports };
  });
  parentPort?.postMessage({ type: 'ready' });
  await new Promise<void>((resolve) => parentPort?.once('message', () => resolve()));

  let committed = 0;
  let localDuplicates = 0;
  const random = rng(plan.seed);
  companions.forEach((c) => c.outbox.start());
  await Promise.all(
    companions.map(async (c, index) => {
      const id = plan.ids[index] ?? 0;
      // Spread over the interval, so the companions do not all commit in the same millisecond.
      await new Promise((r) => setTimeout(r, random() * plan.intervalMs));
      for (let j = 0; j < plan.perCompanion; j++) {
        const shared = random() < plan.sharedRatio;
        const key = shared ? `shared-${Math.floor(random() * plan.sharedMails)}` : `c${id}-${j}`;
        const email = mail(key, shared ? Number(key.slice(7)) : id);
        const result = c.store.commit({
          decision: buildDecision({
            route: 'bcc',
            owner: `user${id}@corp.example`,
            email,
            contacts: [
              { email: email.from, created: true, role: 'sender', name: email.fromName, company: null },
            ],
            companies: [],
            deals: [],
            identity: identityOf(email),
          }),
          rawSha256: createHash('sha256').update(`${id} ${j}`).digest('hex'),
          receivedAt: new Date().toISOString(),
        });
        committed++;
        if (result.status === 'duplicate') {
          localDuplicates++; // this companion saw the shared mail before: R2 in its own store, nothing to push
        } else {
          const last = c.store.resultForRaw(createHash('sha256').update(`${id} ${j}`).digest('hex'));
          if (last !== null) {
            c.committedAt.set(last.id, Date.now());
          }
          c.outbox.notify();
        }
        await new Promise((r) => setTimeout(r, plan.intervalMs));
      }
    }),
  );
  // Drain: every outbox empty, or a minute of waiting.
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && companions.some((c) => c.store.outboxCounts().pending > 0)) {
    companions.forEach((c) => c.outbox.notify());
    await new Promise((r) => setTimeout(r, 250));
  }
  await Promise.all(companions.map((c) => c.outbox.stop()));
  const counts = companions.map((c) => c.store.outboxCounts());
  const logged = companions.reduce(
    (n, c) => n + c.store.listEntries().filter((e) => e.result.status === 'logged').length,
    0,
  );
  const reports = companions.flatMap((c) =>
    [...c.reports.values()].map((r) => ({ kind: r.kind, emailId: r.emailId })),
  );
  const outcome: Outcome = {
    committed,
    localDuplicates,
    reports,
    unanswered: logged - reports.length,
    pendingLeft: counts.reduce((n, c) => n + c.pending, 0),
    failedLeft: counts.reduce((n, c) => n + c.failed, 0),
    latenciesMs: latencies,
  };
  await Promise.all(companions.map((c) => c.backend.close()));
  companions.forEach((c) => c.store.close());
  parentPort?.postMessage({ type: 'done', outcome });
}

function percentile(sorted: ReadonlyArray<number>, p: number): number {
  return sorted.length === 0
    ? Number.NaN
    : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN);
}

/** utime + stime of a process, in clock ticks (USER_HZ, 100 on Linux). */
function cpuTicks(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

async function runSize(
  server: Postgres,
  size: number,
  settings: { rate: number; minutes: number; speed: number },
): Promise<string[]> {
  await server.admin.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public AUTHORIZATION crm');
  await server.admin.query('SELECT pg_stat_reset()');
  const pool = createPool(
    { url: server.url, password: server.password, tls: 'none', poolMax: 1 },
    () => undefined,
  );
  await migrate(pool);
  await pool.end();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-team-${size}-`));
  const perCompanion = Math.round(settings.rate * settings.minutes);
  const intervalMs = 60_000 / settings.rate / settings.speed;
  // 20% shared, each shared mail seen by 3 companions on average.
  const sharedMails = Math.max(1, Math.round((size * perCompanion * 0.2) / 3));
  const threads = Array.from({ length: workers }, (_, w) => {
    const ids = Array.from({ length: size }, (_, i) => i).filter((i) => i % workers === w);
    const plan: Plan = {
      ids,
      companions: size,
      url: server.url,
      password: server.password,
      dir,
      perCompanion,
      intervalMs,
      sharedRatio: 0.2,
      sharedMails,
      seed: 1000 * size + w,
    };
    // Node 20 does not pass a parent's `--import tsx` to a worker: the worker registers tsx, then imports this file.
    const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); });`;
    return new Worker(boot, { eval: true, workerData: plan });
  });
  const ready = threads.map((t) => new Promise<void>((resolve) => t.once('message', () => resolve())));
  await Promise.all(ready);
  const done = threads.map(
    (t) =>
      new Promise<Outcome>((resolve, reject) => {
        t.on('message', (m: { type: string; outcome: Outcome }) => m.type === 'done' && resolve(m.outcome));
        t.on('error', reject);
      }),
  );

  // Measure while they run: connections from pg_stat_activity, CPU per server process (max seen, as backends of
  // closed connections leave).
  const ticks = new Map<number, number>();
  const baseline = new Map(server.serverPids().map((pid) => [pid, cpuTicks(pid)]));
  let maxConnections = 0;
  const started = Date.now();
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      for (const pid of server.serverPids()) {
        ticks.set(pid, Math.max(ticks.get(pid) ?? 0, cpuTicks(pid)));
      }
      const n = await server.admin.query<{ n: string }>(
        "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = 'crm' AND application_name LIKE 'bench companion%'",
      );
      maxConnections = Math.max(maxConnections, Number(n.rows[0]?.n ?? 0));
      await new Promise((r) => setTimeout(r, 500));
    }
  })();
  threads.forEach((t) => t.postMessage('go'));
  const outcomes = await Promise.all(done);
  sampling = false;
  await sampler;
  const wallS = (Date.now() - started) / 1000;
  await Promise.all(threads.map((t) => t.terminate()));
  const cpuS = [...ticks].reduce((s, [pid, t]) => s + t - (baseline.get(pid) ?? 0), 0) / 100;

  // The accounting, result by result.
  const rows = await server.admin.query<{ id: string }>('SELECT id FROM emails');
  const ids = new Set(rows.rows.map((r) => r.id));
  const perMail = await server.admin.query<{ n: string }>(
    'SELECT (count(*) - count(DISTINCT subject))::text AS n FROM emails',
  );
  const reports = outcomes.flatMap((o) => o.reports);
  const written = reports.filter((r) => r.kind === 'written' || r.kind === 'repeat');
  const duplicates = reports.filter((r) => r.kind === 'duplicate');
  const settled = reports.filter((r) => ids.has(r.emailId)).length;
  const committed = outcomes.reduce((n, o) => n + o.committed, 0);
  const localDuplicates = outcomes.reduce((n, o) => n + o.localDuplicates, 0);
  const pushed = committed - localDuplicates;
  const lost = pushed - settled;
  const latencies = outcomes.flatMap((o) => o.latenciesMs).sort((a, b) => a - b);
  fs.rmSync(dir, { recursive: true, force: true });
  return [
    `${size} companions, ${perCompanion} results each at ${settings.rate}/min${settings.speed === 1 ? ' (real time)' : ` (time compressed ×${settings.speed})`}:`,
    `  results committed ${committed} (${localDuplicates} duplicates in the companion's own store, not pushed); pushed ${pushed}`,
    `  emails written ${rows.rows.length} (write reports ${written.length}); duplicates settled by the database ${duplicates.length}`,
    `  duplicates written ${perMail.rows[0]?.n ?? '?'} (must be 0)`,
    `  results lost ${lost} (must be 0; unanswered ${outcomes.reduce((n, o) => n + o.unanswered, 0)}, pending left ${outcomes.reduce((n, o) => n + o.pendingLeft, 0)}, failed ${outcomes.reduce((n, o) => n + o.failedLeft, 0)})`,
    `  sync latency p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms, max ${percentile(latencies, 100).toFixed(0)} ms`,
    `  DB connections max ${maxConnections}; DB CPU ${cpuS.toFixed(1)} s in ${wallS.toFixed(0)} s (${((100 * cpuS) / wallS).toFixed(0)}% of one core)`,
  ];
}

/** Runs every size in turn on one PostgreSQL; the lines to print. */
export async function benchTeam(): Promise<string[]> {
  const { startPostgres } = await import('../test/integration/support/postgres.js');
  const sizes = (process.env['BENCH_TEAM_SIZES'] ?? '50,500').split(',').map(Number);
  const settings = {
    rate: Number(process.env['BENCH_TEAM_RATE'] ?? 50),
    minutes: Number(process.env['BENCH_TEAM_MINUTES'] ?? 1),
    speed: Number(process.env['BENCH_TEAM_SPEED'] ?? 1),
  };
  const server = await startPostgres({
    maxConnections: Math.max(...sizes) + 50,
    settings: ['shared_buffers = 256MB'],
  });
  const lines = [`team PostgreSQL (${workers} worker threads; one connection per companion):`];
  try {
    for (const size of sizes) {
      const t = Date.now();
      const figures = await runSize(server, size, settings);
      lines.push(...figures, `  (${((Date.now() - t) / 1000).toFixed(0)} s)`);
      console.log(figures.join('\n'));
    }
  } finally {
    await server.stop();
  }
  return lines;
}

if (!isMainThread) {
  await runCompanions(workerData as Plan);
} else if (
  process.argv[1] !== undefined &&
  path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)
) {
  const lines = await benchTeam();
  console.log(`\n${lines.join('\n')}`);
}
