import type Database from 'better-sqlite3';
import type { CrmData } from '#shared/model/crm-data.js';
import { CrmStoreError } from './crm-store-error.js';

type CrmUser = CrmData['users'][number];

/**
 * Upserts one CRM.json user by id (`importCrm`): its email, name and locale; the lists it gives (aliases, never-log
 * entries) replace the stored ones; its token and logging addresses are set unless another user holds them, which
 * throws `CRM.CONFLICT`. Returns whether the user existed. Runs inside the caller's transaction.
 */
export function createUserUpserter(db: Database.Database): (user: CrmUser, at: string) => boolean {
  const statements = {
    userById: db.prepare<[number], { id: number }>('SELECT id FROM users WHERE id = ?'),
    userByEmail: db.prepare<[string], { id: number }>('SELECT id FROM users WHERE email = ?'),
    insertUser: db.prepare('INSERT INTO users (id, email, name, locale) VALUES (?, ?, ?, ?)'),
    updateEmail: db.prepare('UPDATE users SET email = ? WHERE id = ?'),
    updateName: db.prepare('UPDATE users SET name = ? WHERE id = ?'),
    updateLocale: db.prepare('UPDATE users SET locale = ? WHERE id = ?'),
    deleteAliases: db.prepare('DELETE FROM user_aliases WHERE user_id = ?'),
    insertAlias: db.prepare('INSERT OR IGNORE INTO user_aliases (user_id, alias) VALUES (?, ?)'),
    tokenOwner: db.prepare<[string], { user_id: number }>('SELECT user_id FROM user_tokens WHERE token = ?'),
    deleteToken: db.prepare('DELETE FROM user_tokens WHERE user_id = ?'),
    setToken: db.prepare(
      'INSERT INTO user_tokens (user_id, token, created_at) VALUES (?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET token = excluded.token, created_at = excluded.created_at WHERE token <> excluded.token',
    ),
    deleteUserNeverLog: db.prepare('DELETE FROM user_never_log WHERE user_id = ?'),
    insertUserNeverLog: db.prepare('INSERT OR IGNORE INTO user_never_log (user_id, entry) VALUES (?, ?)'),
    addressOwner: db.prepare<[string], { user_id: number; kind: string }>(
      'SELECT user_id, kind FROM user_logging_addresses WHERE address = ?',
    ),
    setAddress: db.prepare(
      'INSERT INTO user_logging_addresses (user_id, kind, address) VALUES (?, ?, ?) ON CONFLICT (user_id, kind) DO UPDATE SET address = excluded.address',
    ),
  };

  return (u, at) => {
    const holder = statements.userByEmail.get(u.email);
    if (holder !== undefined && holder.id !== u.id) {
      throw new CrmStoreError(
        'CRM.CONFLICT',
        `users: ${u.email} is the address of user ${holder.id} in the store, not of user ${u.id}`,
      );
    }
    const existed = statements.userById.get(u.id) !== undefined;
    if (existed) {
      statements.updateEmail.run(u.email, u.id);
      if (u.name !== undefined) {
        statements.updateName.run(u.name, u.id);
      }
      if (u.locale !== undefined) {
        statements.updateLocale.run(u.locale, u.id);
      }
    } else {
      statements.insertUser.run(u.id, u.email, u.name ?? null, u.locale ?? 'en');
    }
    if (u.aliases !== undefined) {
      statements.deleteAliases.run(u.id);
      u.aliases.forEach((alias) => statements.insertAlias.run(u.id, alias));
    }
    if (u.token === null) {
      statements.deleteToken.run(u.id);
    } else if (u.token !== undefined) {
      const owner = statements.tokenOwner.get(u.token);
      if (owner !== undefined && owner.user_id !== u.id) {
        throw new CrmStoreError(
          'CRM.CONFLICT',
          `users: user ${u.id}'s token is user ${owner.user_id}'s token in the store`,
        );
      }
      statements.setToken.run(u.id, u.token, at);
    }
    if (u.neverLog !== undefined) {
      statements.deleteUserNeverLog.run(u.id);
      u.neverLog.forEach((entry) => statements.insertUserNeverLog.run(u.id, entry));
    }
    for (const [kind, address] of [
      ['bcc', u.bccAddress],
      ['forward', u.forwardingAddress],
    ] as const) {
      if (address === undefined) {
        continue;
      }
      const owner = statements.addressOwner.get(address);
      if (owner !== undefined && (owner.user_id !== u.id || owner.kind !== kind)) {
        throw new CrmStoreError(
          'CRM.CONFLICT',
          `users: ${address} is already a logging address of user ${owner.user_id}`,
        );
      }
      statements.setAddress.run(u.id, kind, address);
    }
    return existed;
  };
}
