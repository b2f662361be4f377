import type Database from 'better-sqlite3';
import { CrmStoreError } from './crm-store-error.js';
import type { LocalStore } from './local-store.js';
import { normalizeNeverLogEntry } from '#shared/address/normalize-never-log-entry.js';
import { userIdOrThrow } from './find-user.js';

export type NeverLogAdmin = Pick<LocalStore, 'listNeverLog' | 'addNeverLog' | 'removeNeverLog'>;

function entryOrThrow(raw: string): string {
  const entry = normalizeNeverLogEntry(raw);
  if (!entry.ok) {
    throw new CrmStoreError('INPUT.INVALID', entry.error);
  }
  return entry.value;
}

/**
 * C6 never-log editing, for the account list or one user's personal list (docs/rules.md#words). Entries are stored in
 * their canonical spelling, so `*@X.example` and `x.example` are the same entry, and garbage is refused rather
 * than stored as a rule that never matches.
 */
export function createNeverLogAdmin(db: Database.Database): NeverLogAdmin {
  const statements = {
    listAccount: db.prepare<[], { entry: string }>('SELECT entry FROM account_never_log ORDER BY entry'),
    listUser: db.prepare<[number], { entry: string }>(
      'SELECT entry FROM user_never_log WHERE user_id = ? ORDER BY entry',
    ),
    addAccount: db.prepare('INSERT OR IGNORE INTO account_never_log (entry) VALUES (?)'),
    addUser: db.prepare('INSERT OR IGNORE INTO user_never_log (user_id, entry) VALUES (?, ?)'),
    removeAccount: db.prepare('DELETE FROM account_never_log WHERE entry = ?'),
    removeUser: db.prepare('DELETE FROM user_never_log WHERE user_id = ? AND entry = ?'),
  };
  return {
    listNeverLog(userEmail) {
      const rows =
        userEmail === undefined
          ? statements.listAccount.all()
          : statements.listUser.all(userIdOrThrow(db, userEmail));
      return rows.map((r) => r.entry);
    },
    addNeverLog(raw, userEmail) {
      const entry = entryOrThrow(raw);
      if (userEmail === undefined) {
        statements.addAccount.run(entry);
      } else {
        statements.addUser.run(userIdOrThrow(db, userEmail), entry);
      }
      return entry;
    },
    removeNeverLog(raw, userEmail) {
      const entry = entryOrThrow(raw);
      const info =
        userEmail === undefined
          ? statements.removeAccount.run(entry)
          : statements.removeUser.run(userIdOrThrow(db, userEmail), entry);
      return info.changes > 0;
    },
  };
}
