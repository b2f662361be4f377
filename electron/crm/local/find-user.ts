import type Database from 'better-sqlite3';
import { normalizeAddress } from '#shared/address/normalize-address.js';
import { CrmStoreError } from './crm-store-error.js';

/** An address as administrators type it, normalised; `INPUT.INVALID` naming `what` when it is none. */
export function addressOrThrow(raw: string, what: string): string {
  const address = normalizeAddress(raw);
  if (address === null) {
    throw new CrmStoreError('INPUT.INVALID', `${what}: not an email address: ${JSON.stringify(raw)}`);
  }
  return address;
}

/** Finds a user by primary address, the name administrators use for users (C6). */
export function userIdOrThrow(db: Database.Database, userEmail: string): number {
  const email = addressOrThrow(userEmail, 'user');
  const row = db.prepare<[string], { id: number }>('SELECT id FROM users WHERE email = ?').get(email);
  if (row === undefined) {
    throw new CrmStoreError('USER.NOT_FOUND', `no user has the primary address ${email}`);
  }
  return row.id;
}
