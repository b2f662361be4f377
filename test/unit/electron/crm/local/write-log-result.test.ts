import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../../../electron/crm/local/migrations.js';
import { createLogResultWriter } from '../../../../../electron/crm/local/write-log-result.js';
import { buildDecision, buildEmail, buildRejected } from '../helpers/build-decision.js';

const open: Database.Database[] = [];

afterEach(() => {
  for (const db of open.splice(0)) {
    db.close();
  }
});

function migratedDb(): Database.Database {
  const db = new Database(':memory:');
  migrate(db);
  open.push(db);
  return db;
}

const now = (): Date => new Date('2026-03-02T10:00:00.000Z');
const count = (db: Database.Database, table: string): unknown =>
  db.prepare(`SELECT count(*) AS c FROM ${table}`).get();

describe('createLogResultWriter', () => {
  it('writes a logged email with its identity keys and a pending outbox row for a remote CRM', () => {
    const db = migratedDb();
    const write = createLogResultWriter(db, { now, syncTarget: 'remote' });
    const messageId = '<w1@corp.example>';

    const result = write.immediate({
      decision: buildDecision({
        email: buildEmail({ messageId }),
        identity: { messageId, contentKey: 'ck1:w1' },
      }),
      rawSha256: null,
      receivedAt: '2026-03-02T09:59:00.000Z',
    });

    expect(result.status).toBe('logged');
    expect(result.sync).toBe('pending');
    expect(count(db, 'identity_keys')).toEqual({ c: 2 });
    expect(db.prepare('SELECT state FROM outbox').all()).toEqual([{ state: 'pending' }]);
  });

  it('R2: makes a second commit of the same keys a duplicate, with no email written', () => {
    const db = migratedDb();
    const write = createLogResultWriter(db, { now, syncTarget: 'local' });
    const messageId = '<w2@corp.example>';
    const input = {
      decision: buildDecision({
        email: buildEmail({ messageId }),
        identity: { messageId, contentKey: null },
      }),
      rawSha256: null,
      receivedAt: '2026-03-02T09:59:00.000Z',
    };

    write.immediate(input);
    const again = write.immediate(input);

    expect(again.status).toBe('duplicate');
    expect(count(db, 'emails')).toEqual({ c: 1 });
  });

  it('writes a rejected result alone: no email, no outbox row', () => {
    const db = migratedDb();
    const write = createLogResultWriter(db, { now, syncTarget: 'remote' });

    const result = write.immediate({
      decision: buildRejected(),
      rawSha256: null,
      receivedAt: '2026-03-02T09:59:00.000Z',
    });

    expect(result.sync).toBe('local');
    expect(count(db, 'emails')).toEqual({ c: 0 });
    expect(count(db, 'outbox')).toEqual({ c: 0 });
    expect(count(db, 'log_results')).toEqual({ c: 1 });
  });
});
