import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../../../electron/crm/local/migrations.js';
import { addressOrThrow, userIdOrThrow } from '../../../../../electron/crm/local/find-user.js';

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

describe('addressOrThrow / userIdOrThrow', () => {
  it('C6: finds a user by primary address, however it is typed', () => {
    const db = storeWithUsers();
    expect(addressOrThrow(' Ann@Corp.Example ', 'user')).toBe('ann@corp.example');
    expect(userIdOrThrow(db, 'KEN@corp.example')).toBe(2);
  });

  it('says INPUT.INVALID for what is no address, USER.NOT_FOUND for a stranger', () => {
    const db = storeWithUsers();
    expect(() => addressOrThrow('not an address', 'alias')).toThrow(/alias: not an email address/);
    expect(() => userIdOrThrow(db, 'zoe@corp.example')).toThrow(
      /no user has the primary address zoe@corp.example/,
    );
  });
});
