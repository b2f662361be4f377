import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../../../electron/crm/local/migrations.js';
import { setPersonalAddresses } from '../../../../../electron/crm/local/set-personal-addresses.js';

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

const addresses = (db: Database.Database): unknown =>
  db.prepare('SELECT user_id, kind, address FROM user_logging_addresses ORDER BY user_id, kind').all();

describe('setPersonalAddresses', () => {
  it('C1: sets, keeps and removes a personal address', () => {
    const db = storeWithUsers();
    setPersonalAddresses(db, 1, {
      bccAddress: 'Ann+CRM-bcc@corp.example',
      forwardingAddress: 'ann+fwd@corp.example',
    });
    setPersonalAddresses(db, 1, { forwardingAddress: null });
    expect(addresses(db)).toEqual([{ user_id: 1, kind: 'bcc', address: 'ann+crm-bcc@corp.example' }]);
  });

  it("refuses another user's address (CRM.CONFLICT), and what is no address", () => {
    const db = storeWithUsers();
    setPersonalAddresses(db, 1, { bccAddress: 'ann+crm-bcc@corp.example' });
    expect(() => setPersonalAddresses(db, 2, { bccAddress: 'ann+crm-bcc@corp.example' })).toThrow(
      /already a logging address of user 1/,
    );
    expect(() => setPersonalAddresses(db, 2, { forwardingAddress: 'nope' })).toThrow(/forwardingAddress/);
  });
});
