import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PushFailure, PushReceipt, StoredResult } from '../../../../electron/crm/crm-backend.port.js';
import type { LocalStore } from '../../../../electron/crm/local/local-store.js';
import { openLocalStore } from '../../../../electron/crm/local/open-local-store.js';
import {
  createOutboxWorker,
  type OutboxWorkerOptions,
  type SyncBackend,
} from '../../../../electron/sync/outbox-worker.js';
import { createRetryPolicy } from '../../../../electron/sync/retry-policy.js';
import { err, ok, type Result } from '#shared/util/result.js';
import { buildDecision, buildEmail } from '../crm/helpers/build-decision.js';
import { makeTempDir, removeTempDirs, sampleCrm } from '../crm/helpers/temp-store.js';

afterEach(removeTempDirs);

type Answer = Result<PushReceipt, PushFailure>;
type Clock = { value: Date; advance(ms: number): void; now(): Date };

function makeClock(start = '2026-03-02T10:00:00.000Z'): Clock {
  const clock: Clock = {
    value: new Date(start),
    advance(ms) {
      clock.value = new Date(clock.value.getTime() + ms);
    },
    now: () => clock.value,
  };
  return clock;
}

function remoteStore(dir: string, clock: Clock): LocalStore {
  return openLocalStore(dir, { syncTarget: 'remote', now: clock.now });
}

let serial = 0;

/** Commits one logged email (its own identity keys, so never a duplicate); returns its journal id. */
function commitLogged(store: LocalStore): number {
  serial++;
  const messageId = `<m${serial}@corp.example>`;
  store.commit({
    decision: buildDecision({
      email: buildEmail({ messageId, subject: `Subject ${serial}` }),
      identity: { messageId, contentKey: `ck1:content-${serial}` },
    }),
    rawSha256: null,
    receivedAt: '2026-03-02T09:16:00.000Z',
  });
  return Math.max(...outboxRows(store).map((r) => r.resultId));
}

type Row = {
  resultId: number;
  state: string;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  remoteId: string | null;
};

/** Every outbox row, in result order, as another process would read it. */
function outboxRows(store: LocalStore): Row[] {
  const db = new Database(store.path, { readonly: true });
  const rows = db
    .prepare(
      `SELECT log_result_id AS resultId, state, attempts, next_attempt_at AS nextAttemptAt,
              last_error AS lastError, remote_id AS remoteId
       FROM outbox ORDER BY log_result_id`,
    )
    .all() as Row[];
  db.close();
  return rows;
}

/**
 * A CRM that keeps one record per result id, as the port requires (idempotent by `StoredResult.id`), and counts
 * every write it was asked for. Scripted answers replace the normal one, call by call; `'write-then-crash'`
 * writes and then never answers (the process died before the answer came back).
 */
function fakeBackend() {
  const writes = new Map<number, number>();
  const records = new Map<number, string>();
  const script: Array<Answer | 'throw'> = [];
  let created = 0;
  const pushedBefore: Array<boolean | undefined> = [];
  function write(stored: StoredResult): Answer {
    writes.set(stored.id, (writes.get(stored.id) ?? 0) + 1);
    pushedBefore.push(stored.pushedBefore);
    const next = script.shift();
    if (next === 'throw') {
      throw new Error('socket hang up');
    }
    if (next !== undefined) {
      return next;
    }
    let remoteId = records.get(stored.id);
    if (remoteId === undefined) {
      created++;
      remoteId = `remote-${created}`;
      records.set(stored.id, remoteId);
    }
    return ok({ sync: 'synced', remoteId });
  }
  const backend: SyncBackend = { pushResult: (stored) => Promise.resolve().then(() => write(stored)) };
  return { backend, writes, records, script, write, pushedBefore, created: () => created };
}

const unavailable: Answer = err({ code: 'CRM.UNAVAILABLE', message: 'HTTP 503', retryable: true });
const rejected: Answer = err({ code: 'CRM.REJECTED', message: 'HTTP 400 bad property', retryable: false });
const tenSecondly: Answer = err({
  code: 'CRM.RATE_LIMITED',
  message: 'HTTP 429 TEN_SECONDLY_ROLLING',
  retryable: true,
  retryAfterMs: 10_000,
});

function worker(
  store: LocalStore,
  backend: SyncBackend,
  clock: Clock,
  overrides: Partial<OutboxWorkerOptions> = {},
) {
  return createOutboxWorker({
    store,
    backend,
    clock: clock.now,
    batchSize: 10,
    retryPolicy: createRetryPolicy({
      backoff: { initialMs: 1_000, maxMs: 60_000 },
      maxAttempts: 3,
      random: () => 0,
    }),
    ...overrides,
  });
}

describe('createOutboxWorker', () => {
  it('C3: pushes each pending result once and marks it synced with its remote id', async () => {
    const clock = makeClock();
    const store = remoteStore(makeTempDir(), clock);
    store.importCrm(sampleCrm);
    const ids = [commitLogged(store), commitLogged(store)];
    expect(store.listResults().map((r) => r.sync)).toEqual(['pending', 'pending']);
    const fake = fakeBackend();

    const summary = await worker(store, fake.backend, clock).runOnce();

    expect(summary).toEqual({ claimed: 2, synced: 2, retried: 0, deferred: 0, failed: 0, pausedUntil: null });
    expect([...fake.writes]).toEqual(ids.map((id) => [id, 1]));
    expect(outboxRows(store).map((r) => [r.state, r.remoteId, r.attempts])).toEqual([
      ['synced', 'remote-1', 0],
      ['synced', 'remote-2', 0],
    ]);
    expect(store.listResults().map((r) => r.sync)).toEqual(['synced', 'synced']);
    expect(store.outboxCounts()).toEqual({ pending: 0, synced: 2, failed: 0 });
    expect(await worker(store, fake.backend, clock).runOnce()).toMatchObject({ claimed: 0 });
    store.close();
  });

  it('C3: a 5xx is retried with backoff, not before it is due, then synced', async () => {
    const clock = makeClock();
    const store = remoteStore(makeTempDir(), clock);
    commitLogged(store);
    const fake = fakeBackend();
    fake.script.push(unavailable);
    const w = worker(store, fake.backend, clock, {
      retryPolicy: createRetryPolicy({
        backoff: { initialMs: 1_000, maxMs: 15 * 60_000 },
        maxAttempts: 3,
        random: () => 0.5,
      }),
    });

    expect(await w.runOnce()).toMatchObject({ claimed: 1, retried: 1 });
    expect(outboxRows(store)[0]).toMatchObject({
      state: 'pending',
      attempts: 1,
      lastError: 'CRM.UNAVAILABLE: HTTP 503',
      nextAttemptAt: '2026-03-02T10:00:00.750Z',
    });
    expect(await w.runOnce()).toMatchObject({ claimed: 0 });
    clock.advance(750);
    expect(await w.runOnce()).toMatchObject({ claimed: 1, synced: 1 });
    expect(store.outboxCounts()).toEqual({ pending: 0, synced: 1, failed: 0 });
    store.close();
  });

  it('C3: gives up after the last attempt and keeps the error; C6 retry revives it', async () => {
    const clock = makeClock();
    const store = remoteStore(makeTempDir(), clock);
    const id = commitLogged(store);
    const fake = fakeBackend();
    fake.script.push(unavailable, unavailable, unavailable);
    const w = worker(store, fake.backend, clock);
    for (let i = 0; i < 3; i++) {
      await w.runOnce();
      clock.advance(60_000);
    }
    expect(store.outboxCounts()).toEqual({ pending: 0, synced: 0, failed: 1 });
    expect(store.listResults()[0]?.sync).toBe('failed');
    expect(fake.writes.get(id)).toBe(3);

    expect(store.retrySync()).toEqual([id]);
    expect(await w.runOnce()).toMatchObject({ claimed: 1, synced: 1 });
    expect(store.listResults()[0]?.sync).toBe('synced');
    store.close();
  });

  it('C3: a non-retryable failure fails at once, with last_error', async () => {
    const clock = makeClock();
    const store = remoteStore(makeTempDir(), clock);
    commitLogged(store);
    const fake = fakeBackend();
    fake.script.push(rejected);
    expect(await worker(store, fake.backend, clock).runOnce()).toMatchObject({ failed: 1 });
    expect(outboxRows(store)[0]).toMatchObject({
      state: 'failed',
      attempts: 1,
      lastError: 'CRM.REJECTED: HTTP 400 bad property',
    });
    expect(store.dueOutbox(new Date('9999-01-01T00:00:00.000Z'), 10)).toEqual([]); // failed rows are never due
    store.close();
  });

  it('R2 across users: a push the backend answers as already held makes the result a synced duplicate', async () => {
    const clock = makeClock();
    const store = remoteStore(makeTempDir(), clock);
    commitLogged(store);
    commitLogged(store);
    const fake = fakeBackend();
    fake.script.push(ok({ sync: 'synced', remoteId: 'r-9', duplicateOf: '<orig@acme.example>' }));
    expect(await worker(store, fake.backend, clock).runOnce()).toMatchObject({ synced: 2 });
    const byMessage = (r: { messageId: string | null }) => r.messageId ?? '';
    const [held, fresh] = [...store.listResults()].sort(
      (a, b) => byMessage(a).length - byMessage(b).length || byMessage(a).localeCompare(byMessage(b)),
    );
    expect(held).toMatchObject({
      status: 'duplicate',
      duplicateOf: '<orig@acme.example>',
      reasons: [],
      contacts: [],
      sync: 'synced',
    });
    expect(fresh).toMatchObject({ status: 'logged', sync: 'synced' });
    expect(outboxRows(store).map((r) => [r.state, r.remoteId])).toEqual([
      ['synced', 'r-9'],
      ['synced', 'remote-1'],
    ]);
    store.close();
  });

  it('C2: reports each result whose sync ended (synced or failed), not one that only waits to retry', async () => {
    const clock = makeClock();
    const store = remoteStore(makeTempDir(), clock);
    const [synced, failed, retried] = [commitLogged(store), commitLogged(store), commitLogged(store)];
    const fake = fakeBackend();
    fake.script.push(ok({ sync: 'synced', remoteId: 'r-1' }), rejected, unavailable);
    const settled: number[] = [];
    await worker(store, fake.backend, clock, { onSettled: (id) => settled.push(id) }).runOnce();
    expect(settled).toEqual([synced, failed]);
    expect(settled).not.toContain(retried);
    store.close();
  });

  it('C3: a 429 pauses the whole queue for retryAfterMs without using up attempts', async () => {
    const clock = makeClock();
    const store = remoteStore(makeTempDir(), clock);
    const ids = [commitLogged(store), commitLogged(store), commitLogged(store)];
    const fake = fakeBackend();
    fake.script.push(ok({ sync: 'synced', remoteId: 'first' }), tenSecondly);
    const w = worker(store, fake.backend, clock);

    expect(await w.runOnce()).toEqual({
      claimed: 3,
      synced: 1,
      retried: 0,
      deferred: 2,
      failed: 0,
      pausedUntil: '2026-03-02T10:00:10.000Z',
    });
    // The third row was never sent: the queue paused on the second.
    expect(fake.writes.get(ids[2] ?? -1)).toBeUndefined();
    expect(outboxRows(store).map((r) => [r.state, r.attempts, r.nextAttemptAt, r.lastError])).toEqual([
      ['synced', 0, '2026-03-02T10:10:00.000Z', null], // the claim's lease, now moot
      ['pending', 0, '2026-03-02T10:00:10.000Z', 'CRM.RATE_LIMITED: HTTP 429 TEN_SECONDLY_ROLLING'],
      ['pending', 0, '2026-03-02T10:00:10.000Z', null],
    ]);

    clock.advance(9_999);
    expect(await w.runOnce()).toMatchObject({ claimed: 0, pausedUntil: '2026-03-02T10:00:10.000Z' });
    clock.advance(1);
    expect(await w.runOnce()).toMatchObject({ claimed: 2, synced: 2, pausedUntil: null });
    expect(store.outboxCounts()).toEqual({ pending: 0, synced: 3, failed: 0 });
    store.close();
  });

  it('C3: a DAILY 429 waits until the reset the backend names, however far', async () => {
    const clock = makeClock();
    const store = remoteStore(makeTempDir(), clock);
    commitLogged(store);
    const fake = fakeBackend();
    fake.script.push(
      err({
        code: 'CRM.RATE_LIMITED',
        message: 'HTTP 429 DAILY',
        retryable: true,
        retryAfterMs: 14 * 3_600_000,
      }),
    );
    const summary = await worker(store, fake.backend, clock).runOnce();
    expect(summary.pausedUntil).toBe('2026-03-03T00:00:00.000Z');
    expect(store.nextOutboxAttemptAt()).toBe('2026-03-03T00:00:00.000Z');
    store.close();
  });

  it('C3: an adapter that throws is retried like a 5xx', async () => {
    const clock = makeClock();
    const store = remoteStore(makeTempDir(), clock);
    commitLogged(store);
    const fake = fakeBackend();
    fake.script.push('throw');
    expect(await worker(store, fake.backend, clock).runOnce()).toMatchObject({ retried: 1 });
    expect(outboxRows(store)[0]?.lastError).toBe('CRM.UNAVAILABLE: the backend threw: socket hang up');
    store.close();
  });

  it('C3: a crash between the remote write and the local mark re-pushes the same id, and the backend writes once', async () => {
    const clock = makeClock();
    const dir = makeTempDir();
    const first = remoteStore(dir, clock);
    const id = commitLogged(first);
    const fake = fakeBackend();
    // The process dies right after the backend answered: the mark never happens.
    const crashing: LocalStore = {
      ...first,
      markSynced: () => {
        throw new Error('killed');
      },
    };
    await expect(worker(crashing, fake.backend, clock, { leaseMs: 60_000 }).runOnce()).rejects.toThrow(
      'killed',
    );
    first.close();
    expect(fake.writes.get(id)).toBe(1);
    expect(fake.records.get(id)).toBe('remote-1');

    // Restart: a new process, a new worker. The row is still pending; its claim lapses with the lease.
    const second = remoteStore(dir, clock);
    const restarted = worker(second, fake.backend, clock, { leaseMs: 60_000 });
    expect(second.listResults()[0]?.sync).toBe('pending');
    expect(await restarted.runOnce()).toMatchObject({ claimed: 0 });
    clock.advance(60_000);
    expect(await restarted.runOnce()).toMatchObject({ claimed: 1, synced: 1 });

    // The worker pushed the same result id again; the backend recognised it and created nothing new.
    expect(fake.writes.get(id)).toBe(2);
    expect(fake.created()).toBe(1);
    // The first claim could not have reached the CRM before; the second one may have: the backend must look first.
    expect(fake.pushedBefore).toEqual([false, true]);
    expect(outboxRows(second)[0]).toMatchObject({ state: 'synced', remoteId: 'remote-1' });
    second.close();
  });

  it('C3: a claimed row is not taken by a second worker while the first pushes it', async () => {
    const clock = makeClock();
    const store = remoteStore(makeTempDir(), clock);
    commitLogged(store);
    let release: (answer: Answer) => void = () => undefined;
    const slow: SyncBackend = {
      pushResult: () =>
        new Promise<Answer>((resolve) => {
          release = resolve;
        }),
    };
    const fake = fakeBackend();
    const running = worker(store, slow, clock).runOnce();
    expect(await worker(store, fake.backend, clock).runOnce()).toMatchObject({ claimed: 0 });
    release(ok({ sync: 'synced', remoteId: 'slow-1' }));
    expect(await running).toMatchObject({ synced: 1 });
    expect(fake.writes.size).toBe(0);
    store.close();
  });

  it('C3: uses the batch method when the backend has one, settling each answer on its own', async () => {
    const clock = makeClock();
    const store = remoteStore(makeTempDir(), clock);
    const ids = [commitLogged(store), commitLogged(store), commitLogged(store), commitLogged(store)];
    const batches: number[][] = [];
    const fake = fakeBackend();
    const backend: SyncBackend = {
      pushResult: () => Promise.reject(new Error('the single push must not be used')),
      pushResults: (batch: ReadonlyArray<StoredResult>) => {
        batches.push(batch.map((s) => s.id));
        // A 207 Multi-Status: one created, one 5xx, one rejected; the fourth answer is missing.
        return Promise.resolve([fake.write(batch[0] as StoredResult), unavailable, rejected]);
      },
    };
    expect(await worker(store, backend, clock).runOnce()).toMatchObject({
      claimed: 4,
      synced: 1,
      retried: 2,
      failed: 1,
    });
    expect(batches).toEqual([ids]);
    expect(outboxRows(store).find((r) => r.resultId === ids[3])?.lastError).toBe(
      'CRM.UNAVAILABLE: the backend answered 3 of 4 results',
    );
    store.close();
  });

  it('C3: start() wakes on notify(), and stop() ends the loop', async () => {
    const store = remoteStore(makeTempDir(), makeClock());
    const fake = fakeBackend();
    const w = createOutboxWorker({ store, backend: fake.backend, pollIntervalMs: 60_000 });
    w.start();
    await vi.waitFor(() => expect(store.outboxCounts().pending).toBe(0));
    // Committed with a clock in the past, so it is due at once; the loop sleeps a minute unless told.
    commitLogged(store);
    w.notify();
    await vi.waitFor(() => expect(store.outboxCounts()).toEqual({ pending: 0, synced: 1, failed: 0 }));
    await w.stop();
    commitLogged(store);
    w.notify();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(store.outboxCounts().pending).toBe(1);
    store.close();
  });
});
