import type { User } from '#shared/model/crm-data.js';
import { normalizeAddress } from '#shared/address/normalize-address.js';
import type { Companion } from './start-companion.js';

/**
 * The companion's own user (personal mode): the one chosen at setup, else the mailbox's `onlyFor`, else the
 * store's only user. IT's shared `serve` with several users and none chosen has none (null).
 */
export function companionUser(companion: Companion): User | null {
  const users = companion.store.listUsers();
  const wanted = companion.prefs.read().user ?? companion.config.mailbox?.onlyFor ?? null;
  if (wanted !== null) {
    const address = normalizeAddress(wanted) ?? wanted.toLowerCase();
    return users.find((u) => u.email === address || u.aliases.includes(address)) ?? null;
  }
  if (users.length === 1 || companion.prefs.read().sample) {
    return users[0] ?? null;
  }
  return null;
}
