import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../../../electron/crm/local/migrations.js';
import { createUserUpserter } from '../../../../../electron/crm/local/upsert-crm-user.js';

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

const at = '2026-03-02T10:00:00.000Z';
const ann = {
  id: 1,
  email: 'ann@corp.example',
  aliases: ['a.smith@corp.example'],
  token: 'k3x9',
  neverLog: [],
};

describe('createUserUpserter', () => {
  it('creates a user, then updates it, the aliases it gives replacing the stored ones', () => {
    const db = migratedDb();
    const upsert = createUserUpserter(db);

    expect(upsert(ann, at)).toBe(false);
    expect(upsert({ ...ann, name: 'Ann Smith', aliases: ['ann.s@corp.example'] }, at)).toBe(true);

    expect(db.prepare('SELECT email, name FROM users').all()).toEqual([
      { email: 'ann@corp.example', name: 'Ann Smith' },
    ]);
    expect(db.prepare('SELECT alias FROM user_aliases').all()).toEqual([{ alias: 'ann.s@corp.example' }]);
  });

  it('refuses an email, a token or a logging address another user holds (CRM.CONFLICT)', () => {
    const db = migratedDb();
    const upsert = createUserUpserter(db);
    upsert({ ...ann, bccAddress: 'ann+crm-bcc@corp.example' }, at);
    const ken = { id: 2, email: 'ken@corp.example', aliases: [], token: null, neverLog: [] };

    expect(() => upsert({ ...ken, email: 'ann@corp.example' }, at)).toThrow(/user 1 in the store/);
    expect(() => upsert({ ...ken, token: 'k3x9' }, at)).toThrow(/token is user 1's token/);
    expect(() => upsert({ ...ken, bccAddress: 'ann+crm-bcc@corp.example' }, at)).toThrow(
      /already a logging address of user 1/,
    );
  });
});
