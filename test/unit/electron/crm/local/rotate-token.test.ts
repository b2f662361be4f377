import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../../../electron/crm/local/migrations.js';
import { rotateToken } from '../../../../../electron/crm/local/rotate-token.js';

const open: Database.Database[] = [];
afterEach(() => {
  for (const db of open.splice(0)) {
    db.close();
  }
});

/** A migrated in-memory store with Ann (1) and Ken (2). */
function storeWithUsers(): Database.Database {
  const db = new Database(':memory:');
  migrate(db);
  open.push(db);
  db.prepare("INSERT INTO users (id, email, name, locale) VALUES (1, 'ann@corp.example', 'Ann', 'en')").run();
  db.prepare("INSERT INTO users (id, email, name, locale) VALUES (2, 'ken@corp.example', 'Ken', 'ja')").run();
  return db;
}

describe('rotateToken', () => {
  it('B2: gives the user one new token, replacing the old one', () => {
    const db = storeWithUsers();
    const first = rotateToken(db, 1, '2026-03-02T10:00:00.000Z');
    const second = rotateToken(db, 1, '2026-03-02T11:00:00.000Z');

    expect(second).not.toBe(first);
    expect(db.prepare('SELECT user_id, token FROM user_tokens').all()).toEqual([
      { user_id: 1, token: second },
    ]);
  });
});
