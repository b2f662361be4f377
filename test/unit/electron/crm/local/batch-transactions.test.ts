import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTransactionBatch } from '../../../../../electron/crm/local/batch-transactions.js';

const open: Database.Database[] = [];

afterEach(() => {
  vi.useRealTimers();
  for (const db of open.splice(0)) {
    db.close();
  }
});

function memoryDb(): Database.Database {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (n INTEGER NOT NULL)');
  open.push(db);
  return db;
}

describe('createTransactionBatch', () => {
  it('holds work in one open transaction and commits when maxCommits is reached', () => {
    const db = memoryDb();
    const batch = createTransactionBatch(db);
    const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
    batch.begin(2);

    batch.run(() => insert.run(1));
    expect(db.inTransaction).toBe(true);
    batch.run(() => insert.run(2));

    expect(db.inTransaction).toBe(false);
    expect(db.prepare('SELECT count(*) AS c FROM t').get()).toEqual({ c: 2 });
    batch.end();
  });

  it('commits what it holds at end, and refuses work when no batch is open', () => {
    const db = memoryDb();
    const batch = createTransactionBatch(db);
    batch.begin(10);
    batch.run(() => db.exec('INSERT INTO t (n) VALUES (1)'));
    expect(batch.isOpen()).toBe(true);

    batch.end();

    expect(batch.isOpen()).toBe(false);
    expect(db.inTransaction).toBe(false);
    expect(() => batch.run(() => 1)).toThrow('no batch is open');
  });

  it('commits an idle batch after a second, from its timer', () => {
    vi.useFakeTimers();
    const db = memoryDb();
    const batch = createTransactionBatch(db);
    batch.begin(10);
    batch.run(() => db.exec('INSERT INTO t (n) VALUES (1)'));

    vi.advanceTimersByTime(1_000);

    expect(db.inTransaction).toBe(false);
    batch.end();
  });

  it('forgets what it held when SQLite rolled the whole transaction back', () => {
    const db = memoryDb();
    const batch = createTransactionBatch(db);
    batch.begin(10);

    expect(() =>
      batch.run(() => {
        db.exec('ROLLBACK');
        throw new Error('disk full');
      }),
    ).toThrow('disk full');

    expect(() => batch.end()).not.toThrow();
  });
});
