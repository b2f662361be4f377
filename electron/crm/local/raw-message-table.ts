import type Database from 'better-sqlite3';

/**
 * The raw bytes kept in the store itself (migration 6): small messages of the back-fill and the IMAP intake, written in the same
 * transaction as their result, so a crash keeps both or neither. Keyed like a blob (the sha256 of the bytes); the
 * same bytes committed twice are kept once. Larger raws are blob files (docs/architecture.md "Raw bytes").
 */
export type RawMessageTable = {
  /** Keeps `bytes` under `sha256` unless they are already there; runs inside the caller's transaction. */
  keep(sha256: string, bytes: Uint8Array): void;
  /** The bytes kept under `sha256`, or null when this store holds none (they are a blob file, or gone). */
  read(sha256: string): Buffer | null;
  /** Forgets the bytes of `sha256`; runs inside the caller's transaction. */
  drop(sha256: string): void;
};

export function createRawMessageTable(db: Database.Database): RawMessageTable {
  const insert = db.prepare<[string, Uint8Array]>(
    'INSERT INTO raw_messages (sha256, bytes) VALUES (?, ?) ON CONFLICT (sha256) DO NOTHING',
  );
  const select = db.prepare<[string], { bytes: Buffer }>('SELECT bytes FROM raw_messages WHERE sha256 = ?');
  const remove = db.prepare<[string]>('DELETE FROM raw_messages WHERE sha256 = ?');
  return {
    keep: (sha256, bytes) => {
      // A worker's Buffer arrives as a plain Uint8Array, which better-sqlite3 binds only as a Buffer.
      insert.run(sha256, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    },
    read: (sha256) => select.get(sha256)?.bytes ?? null,
    drop: (sha256) => {
      remove.run(sha256);
    },
  };
}
