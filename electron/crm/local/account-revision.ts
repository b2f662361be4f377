import type Database from 'better-sqlite3';

/**
 * Caches what is read from the account tables (users, settings, never-log lists) until any connection changes
 * them: migration 4's triggers bump `account_revision.n` on every write to those tables, so one single-row read
 * per use says whether the cached value is still current.
 */
export function createRevisionCache(db: Database.Database): <T>(read: () => T) => () => T {
  const current = createRevisionReader(db);
  return <T>(read: () => T) => {
    let cached: { readonly at: number; readonly value: T } | null = null;
    return () => {
      const at = current();
      if (cached === null || cached.at !== at) {
        cached = { at, value: read() };
      }
      return cached.value;
    };
  };
}

/** The account tables' revision: a number that changes whenever users, settings or never-log lists change. */
export function createRevisionReader(db: Database.Database): () => number {
  const revision = db.prepare<[], { n: number }>('SELECT n FROM account_revision').pluck(false);
  return () => revision.get()?.n ?? -1;
}
