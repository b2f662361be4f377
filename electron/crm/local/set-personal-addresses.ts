import type Database from 'better-sqlite3';
import { CrmStoreError } from './crm-store-error.js';
import { addressOrThrow } from './find-user.js';
import type { PersonalAddresses } from './local-store.js';

/**
 * C1: sets (or, with null, removes) user `id`'s personal BCC and forwarding addresses; one left undefined stays as
 * it is. An address that is already another user's, or this user's other kind, is `CRM.CONFLICT`. Runs inside the
 * caller's transaction.
 */
export function setPersonalAddresses(db: Database.Database, id: number, addresses: PersonalAddresses): void {
  for (const [kind, raw] of [
    ['bcc', addresses.bccAddress],
    ['forward', addresses.forwardingAddress],
  ] as const) {
    if (raw === undefined) {
      continue;
    }
    if (raw === null) {
      db.prepare('DELETE FROM user_logging_addresses WHERE user_id = ? AND kind = ?').run(id, kind);
      continue;
    }
    const address = addressOrThrow(raw, kind === 'bcc' ? 'bccAddress' : 'forwardingAddress');
    const holder = db
      .prepare<[string], { user_id: number; kind: string }>(
        'SELECT user_id, kind FROM user_logging_addresses WHERE address = ?',
      )
      .get(address);
    if (holder !== undefined && (holder.user_id !== id || holder.kind !== kind)) {
      throw new CrmStoreError(
        'CRM.CONFLICT',
        `${address} is already a logging address of user ${holder.user_id}`,
      );
    }
    db.prepare(
      'INSERT INTO user_logging_addresses (user_id, kind, address) VALUES (?, ?, ?) ON CONFLICT (user_id, kind) DO UPDATE SET address = excluded.address',
    ).run(id, kind, address);
  }
}
