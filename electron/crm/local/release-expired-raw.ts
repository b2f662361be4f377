import type Database from 'better-sqlite3';
import { createRawMessageTable } from './raw-message-table.js';

/**
 * C1 retention: the raw bytes of rejected, skipped and duplicate messages are kept for `reprocess` (C6) and then
 * let go. Returns, in one transaction, the raw sha256s of such results committed before `before` (ISO-8601),
 * and forgets them on those results (`raw_sha256 = NULL`, so `reprocess` no longer offers them). Raw bytes that
 * a logged result, a result newer than `before`, or an attachment still refers to are kept. Bytes kept in the
 * store itself (`raw_messages`) are deleted in the same transaction; the caller deletes the returned blobs (a
 * blob file, when there is one); a crash in between leaves a blob no row names, never a row naming a missing blob.
 */
export function createRawRelease(db: Database.Database): (before: string) => ReadonlyArray<string> {
  const expired = db.prepare<[string, string], { sha: string }>(
    `SELECT DISTINCT r.raw_sha256 AS sha FROM log_results r
     WHERE r.raw_sha256 IS NOT NULL AND r.status IN ('rejected', 'skipped', 'duplicate') AND r.created_at < ?
       AND NOT EXISTS (
         SELECT 1 FROM log_results o
         WHERE o.raw_sha256 = r.raw_sha256 AND (o.status = 'logged' OR o.created_at >= ?)
       )`,
  );
  const forget = db.prepare<[string]>('UPDATE log_results SET raw_sha256 = NULL WHERE raw_sha256 = ?');
  const isAttachment = db.prepare<[string], { one: number }>(
    'SELECT 1 AS one FROM attachments WHERE sha256 = ? LIMIT 1',
  );
  const raws = createRawMessageTable(db);
  const release = db.transaction((before: string): string[] => {
    const shas = expired.all(before, before).map((row) => row.sha);
    for (const sha of shas) {
      forget.run(sha);
      raws.drop(sha);
    }
    return shas.filter((sha) => isAttachment.get(sha) === undefined);
  });
  return (before) => release.immediate(before);
}
