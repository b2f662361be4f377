import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CommitInput, LocalStore } from '../../../../../electron/crm/local/local-store.js';
import { openLocalStore } from '../../../../../electron/crm/local/open-local-store.js';
import { buildContact, buildDecision, buildEmail } from '../helpers/build-decision.js';
import { openTwoStores, removeTempDirs } from '../helpers/temp-store.js';

const open: LocalStore[] = [];

beforeEach(() => {
  // The batch is also bounded in time (1 s, read with Date.now): a frozen clock keeps these tests about counts.
  vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-03-02T10:00:00.000Z') });
});

afterEach(() => {
  vi.useRealTimers();
  for (const store of open.splice(0)) {
    store.close();
  }
  removeTempDirs();
});

/** The back-fill's connection (`a`) and another process's (`b`) on one store, opened before any batch. */
function twoStores(): { a: LocalStore; b: LocalStore; dir: string } {
  return openTwoStores(open);
}

/** The n-th message of the back-fill, logged. */
function message(n: number, extra: Partial<CommitInput> = {}): CommitInput {
  const messageId = `<m${n}@corp.example>`;
  return {
    decision: buildDecision({
      email: buildEmail({ messageId, subject: `Message ${n}` }),
      identity: { messageId, contentKey: `ck1:content-m${n}` },
    }),
    file: `m${n}.eml`,
    rawSha256: null,
    receivedAt: '2026-03-02T09:16:00.000Z',
    ...extra,
  };
}

/** What a connection sees: the files of its results, and which of these messages' keys are logged. */
function seen(store: LocalStore, upTo = 6): { files: ReadonlyArray<string | undefined>; logged: string[] } {
  const keys = Array.from({ length: upTo }, (_, i) => `<m${i + 1}@corp.example>`);
  return {
    files: store.listResults().map((r) => r.file),
    logged: store.fetchFacts({ addresses: [], names: [], identityKeys: keys }).logged.map((l) => l.key),
  };
}

function files(...ns: number[]): { files: string[]; logged: string[] } {
  return { files: ns.map((n) => `m${n}.eml`), logged: ns.map((n) => `<m${n}@corp.example>`) };
}

describe('LocalStore.beginBatch / endBatch (back-fill commit batches, docs/performance.md)', () => {
  it('shows batched commits to its own connection at once, to others only when maxCommits is reached', () => {
    const { a, b } = twoStores();
    a.beginBatch(3);

    expect(a.commit(message(1)).status).toBe('logged');
    a.commit(message(2));
    expect(seen(a)).toEqual(files(1, 2));
    expect(seen(b)).toEqual(files());

    a.commit(message(3)); // the third commit fills the batch: committed
    expect(seen(b)).toEqual(files(1, 2, 3));

    a.commit(message(4)); // a new batch
    expect(seen(a)).toEqual(files(1, 2, 3, 4));
    expect(seen(b)).toEqual(files(1, 2, 3));

    a.endBatch();
    expect(seen(b)).toEqual(files(1, 2, 3, 4));
  });

  it('endBatch commits a batch that is not full, and later commits are no longer held', () => {
    const { a, b } = twoStores();
    a.beginBatch(100);
    a.commit(message(1));
    a.commit(message(2));
    expect(seen(b)).toEqual(files());

    a.endBatch();
    expect(seen(b)).toEqual(files(1, 2));

    a.commit(message(3));
    expect(seen(b)).toEqual(files(1, 2, 3));
    a.endBatch(); // without a batch: nothing to do
    expect(seen(b)).toEqual(files(1, 2, 3));
  });

  it('R2 inside a batch: a message committed earlier in the same open batch makes a duplicate', () => {
    const { a, b } = twoStores();
    a.beginBatch(100);
    expect(a.commit(message(1)).status).toBe('logged');
    const again = a.commit(message(1, { file: 'copy.eml' }));
    expect(again).toMatchObject({ status: 'duplicate', duplicateOf: '<m1@corp.example>' });
    a.endBatch();
    expect(b.listResults().map((r) => [r.file, r.status])).toEqual([
      ['m1.eml', 'logged'],
      ['copy.eml', 'duplicate'],
    ]);
  });

  it('C1: a durable commit first commits the open batch, then itself; later commits are batched again', () => {
    const { a, b } = twoStores();
    a.beginBatch(100);
    a.commit(message(1));
    a.commit(message(2));
    expect(seen(b)).toEqual(files());

    expect(a.commit(message(3, { durable: true })).status).toBe('logged');
    expect(seen(b)).toEqual(files(1, 2, 3));

    a.commit(message(4));
    expect(seen(b)).toEqual(files(1, 2, 3));
    a.endBatch();
    expect(seen(b)).toEqual(files(1, 2, 3, 4));
  });

  it('a commit that throws inside a batch undoes only itself; the earlier and later ones are committed', () => {
    const { a, b } = twoStores();
    a.beginBatch(100);
    a.commit(message(1));
    // Fails half-way: the email, the new contact and its links are written before the attachment's NOT NULL
    // refuses it.
    const broken = message(2);
    const eve = buildContact({ email: 'eve@initech.example', name: 'Eve', company: null, created: true });
    const nameless = { filename: null as unknown as string, size: 1, sha256: 'ab'.repeat(32) };
    expect(() =>
      a.commit({
        ...broken,
        decision: { ...broken.decision, contacts: [eve], attachments: { logged: [nameless], dropped: [] } },
      }),
    ).toThrow(/NOT NULL constraint failed: attachments.filename/);
    expect(seen(a)).toEqual(files(1));
    expect(
      a.fetchFacts({ addresses: ['eve@initech.example'], names: [], identityKeys: [] }).contacts,
    ).toEqual([]);
    a.commit(message(3));
    expect(seen(a)).toEqual(files(1, 3));
    expect(seen(b)).toEqual(files());

    a.endBatch();
    expect(seen(b)).toEqual(files(1, 3));
    expect(
      b.fetchFacts({ addresses: ['eve@initech.example'], names: [], identityKeys: [] }).contacts,
    ).toEqual([]);
    // Nothing of the failed message holds its identity keys: it can still be logged (R2).
    expect(b.commit(message(2)).status).toBe('logged');
  });

  it('a failed commit as the first of a batch leaves the batch usable', () => {
    const { a, b } = twoStores();
    a.beginBatch(2);
    const broken = message(1);
    expect(() => a.commit({ ...broken, decision: { ...broken.decision, email: undefined } })).toThrow(
      /must carry its email/,
    );
    a.commit(message(2));
    a.commit(message(3));
    a.endBatch();
    expect(seen(b)).toEqual(files(2, 3));
  });

  it('close() commits an open batch: what it holds was reported as logged', () => {
    const { a, b, dir } = twoStores();
    a.beginBatch(100);
    a.commit(message(1));
    a.commit(message(2));
    expect(seen(b)).toEqual(files());

    open.splice(open.indexOf(a), 1);
    a.close();
    expect(seen(b)).toEqual(files(1, 2));
    const reopened = openLocalStore(dir);
    open.push(reopened);
    expect(seen(reopened)).toEqual(files(1, 2));
  });

  it('beginBatch commits a batch already open before starting the next', () => {
    const { a, b } = twoStores();
    a.beginBatch(100);
    a.commit(message(1));
    a.beginBatch(100);
    expect(seen(b)).toEqual(files(1));
    a.commit(message(2));
    expect(seen(b)).toEqual(files(1));
    a.endBatch();
    expect(seen(b)).toEqual(files(1, 2));
  });

  it('commits a batch held open for a second at its next commit, whatever the count', () => {
    const { a, b } = twoStores();
    a.beginBatch(100);
    a.commit(message(1));
    vi.advanceTimersByTime(999);
    a.commit(message(2));
    expect(seen(b)).toEqual(files());
    vi.advanceTimersByTime(1);
    a.commit(message(3));
    expect(seen(b)).toEqual(files(1, 2, 3));
    a.endBatch();
  });

  it('commits a batch by itself a second after it opened when no commit comes to do it', () => {
    vi.useFakeTimers({
      toFake: ['Date', 'setTimeout', 'clearTimeout'],
      now: new Date('2026-03-02T10:00:00.000Z'),
    });
    const { a, b } = twoStores();
    a.beginBatch(100);
    a.commit(message(1));
    vi.advanceTimersByTime(999);
    expect(seen(b)).toEqual(files());
    vi.advanceTimersByTime(1); // the next message is slow: the write lock is not held past the bound
    expect(seen(b)).toEqual(files(1));
    a.commit(message(2));
    a.endBatch();
    expect(seen(b)).toEqual(files(1, 2));
  });

  it('another connection can write again once the batch is committed', () => {
    const { a, b } = twoStores();
    a.beginBatch(2);
    a.commit(message(1));
    a.commit(message(2)); // full: committed, the write lock released
    expect(b.commit(message(3)).status).toBe('logged');
    expect(b.addUser({ email: 'mia@corp.example' }).id).toBe(3);
    a.commit(message(4));
    a.endBatch();
    expect(seen(b)).toEqual(files(1, 2, 3, 4));
  });
});
