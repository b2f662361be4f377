import type Database from 'better-sqlite3';
import type { User } from '#shared/model/crm-data.js';
import { CrmStoreError } from './crm-store-error.js';
import type { LocalStore, NewUser, PersonalAddresses, UserPatch } from './local-store.js';
import type { UserReader } from './read-users.js';
import { addressOrThrow, userIdOrThrow } from './find-user.js';
import { rotateToken } from './rotate-token.js';
import { setPersonalAddresses } from './set-personal-addresses.js';

export type UserAdmin = Pick<
  LocalStore,
  'listUsers' | 'addUser' | 'updateUser' | 'addAlias' | 'removeAlias' | 'setPersonalAddresses' | 'rotateToken'
>;

/**
 * C6 administration of users: add and update, aliases (B2), personal logging addresses (C1), and token
 * rotation (B2: a new random token; the old one stops working because a user has exactly one token row). Each
 * change is one immediate transaction, so it never interleaves with another process's commit.
 */
export function createUserAdmin(db: Database.Database, users: UserReader, now: () => Date): UserAdmin {
  const write = <A extends unknown[], R>(fn: (...args: A) => R): ((...args: A) => R) => {
    const tx = db.transaction(fn);
    return (...args) => tx.immediate(...args);
  };
  const reread = (id: number): User => {
    const user = users.all().find((u) => u.id === id);
    if (user === undefined) {
      throw new Error(`user ${id} vanished`);
    }
    return user;
  };
  const emailTaken = db.prepare<[string], { id: number }>('SELECT id FROM users WHERE email = ?');

  const addUser = write((input: NewUser): User => {
    const email = addressOrThrow(input.email, 'email');
    if (emailTaken.get(email) !== undefined) {
      throw new CrmStoreError('USER.ALREADY_EXISTS', `a user with the address ${email} already exists`);
    }
    const max = db.prepare<[], { max: number | null }>('SELECT max(id) AS max FROM users').get()?.max ?? 0;
    const id = input.id ?? max + 1;
    if (!Number.isSafeInteger(id) || id <= 0) {
      throw new CrmStoreError('INPUT.INVALID', `id: expected a whole number > 0, not ${id}`);
    }
    if (db.prepare('SELECT 1 FROM users WHERE id = ?').get(id) !== undefined) {
      throw new CrmStoreError('USER.ALREADY_EXISTS', `a user with the id ${id} already exists`);
    }
    db.prepare('INSERT INTO users (id, email, name, locale) VALUES (?, ?, ?, ?)').run(
      id,
      email,
      input.name ?? null,
      input.locale ?? 'en',
    );
    return reread(id);
  });

  const updateUser = write((userEmail: string, patch: UserPatch): User => {
    const id = userIdOrThrow(db, userEmail);
    if (patch.email !== undefined) {
      const email = addressOrThrow(patch.email, 'email');
      const holder = emailTaken.get(email);
      if (holder !== undefined && holder.id !== id) {
        throw new CrmStoreError(
          'USER.ALREADY_EXISTS',
          `${email} is already the address of user ${holder.id}`,
        );
      }
      db.prepare('UPDATE users SET email = ? WHERE id = ?').run(email, id);
    }
    if (patch.name !== undefined) {
      db.prepare('UPDATE users SET name = ? WHERE id = ?').run(patch.name, id);
    }
    if (patch.locale !== undefined) {
      db.prepare('UPDATE users SET locale = ? WHERE id = ?').run(patch.locale, id);
    }
    return reread(id);
  });

  const addAlias = write((userEmail: string, alias: string): User => {
    const id = userIdOrThrow(db, userEmail);
    db.prepare('INSERT OR IGNORE INTO user_aliases (user_id, alias) VALUES (?, ?)').run(
      id,
      addressOrThrow(alias, 'alias'),
    );
    return reread(id);
  });

  const removeAlias = write((userEmail: string, alias: string): User => {
    const id = userIdOrThrow(db, userEmail);
    const address = addressOrThrow(alias, 'alias');
    if (
      db.prepare('DELETE FROM user_aliases WHERE user_id = ? AND alias = ?').run(id, address).changes === 0
    ) {
      throw new CrmStoreError('INPUT.INVALID', `${address} is not an alias of ${userEmail}`);
    }
    return reread(id);
  });

  const setAddresses = write((userEmail: string, addresses: PersonalAddresses): User => {
    const id = userIdOrThrow(db, userEmail);
    setPersonalAddresses(db, id, addresses);
    return reread(id);
  });

  const rotate = write((userEmail: string): string =>
    rotateToken(db, userIdOrThrow(db, userEmail), now().toISOString()),
  );

  return {
    listUsers: () => users.all(),
    addUser,
    updateUser,
    addAlias,
    removeAlias,
    setPersonalAddresses: setAddresses,
    rotateToken: rotate,
  };
}
