import type Database from 'better-sqlite3';
import type { Locale, User } from '#shared/model/crm-data.js';

type UserRow = { id: number; email: string; name: string | null; locale: Locale };
type Pair = { user_id: number; value: string };
type AddressRow = { user_id: number; kind: 'bcc' | 'forward'; address: string };

export type UserReader = {
  /** Every user, by id, with aliases, token, personal never-log list and personal logging addresses. */
  all(): ReadonlyArray<User>;
  byEmail(email: string): User | null;
};

function groupBy(rows: ReadonlyArray<Pair>): Map<number, string[]> {
  const map = new Map<number, string[]>();
  for (const row of rows) {
    const list = map.get(row.user_id) ?? [];
    list.push(row.value);
    map.set(row.user_id, list);
  }
  return map;
}

/**
 * Reads users as `decide()` sees them (docs/rules.md#words "User"). One query per table rather than a join per user: the
 * whole user list goes into every message's facts (B1/B2 need it), and five scans of small tables are cheaper
 * than one query per user.
 */
export function createUserReader(db: Database.Database): UserReader {
  const users = db.prepare<[], UserRow>('SELECT id, email, name, locale FROM users ORDER BY id');
  const aliases = db.prepare<[], Pair>(
    'SELECT user_id, alias AS value FROM user_aliases ORDER BY user_id, alias',
  );
  const tokens = db.prepare<[], Pair>('SELECT user_id, token AS value FROM user_tokens');
  const neverLog = db.prepare<[], Pair>(
    'SELECT user_id, entry AS value FROM user_never_log ORDER BY user_id, entry',
  );
  const addresses = db.prepare<[], AddressRow>('SELECT user_id, kind, address FROM user_logging_addresses');

  function all(): ReadonlyArray<User> {
    const aliasMap = groupBy(aliases.all());
    const tokenMap = groupBy(tokens.all());
    const neverLogMap = groupBy(neverLog.all());
    const addressRows = addresses.all();
    const personal = (id: number, kind: AddressRow['kind']): string | undefined =>
      addressRows.find((a) => a.user_id === id && a.kind === kind)?.address;
    return users.all().map((row) => {
      const bccAddress = personal(row.id, 'bcc');
      const forwardingAddress = personal(row.id, 'forward');
      return {
        id: row.id,
        email: row.email,
        ...(row.name === null ? {} : { name: row.name }),
        aliases: aliasMap.get(row.id) ?? [],
        token: tokenMap.get(row.id)?.[0] ?? null,
        neverLog: neverLogMap.get(row.id) ?? [],
        locale: row.locale,
        ...(bccAddress === undefined ? {} : { bccAddress }),
        ...(forwardingAddress === undefined ? {} : { forwardingAddress }),
      };
    });
  }

  return {
    all,
    byEmail: (email) => all().find((u) => u.email === email) ?? null,
  };
}
