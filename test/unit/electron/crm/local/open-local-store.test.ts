import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../../../electron/crm/local/migrations.js';
import { openLocalStore, storeFileName } from '../../../../../electron/crm/local/open-local-store.js';
import { makeTempDir, removeTempDirs, sampleCrm } from '../helpers/temp-store.js';

afterEach(removeTempDirs);

function tables(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all()
      .map((r) => r.name);
  } finally {
    db.close();
  }
}

describe('openLocalStore', () => {
  it('creates the folder and crm.sqlite, in WAL mode, at the latest schema version', () => {
    const dir = path.join(makeTempDir(), 'nested', 'store');
    const store = openLocalStore(dir);
    store.close();
    const file = path.join(dir, storeFileName);
    expect(fs.existsSync(file)).toBe(true);
    const db = new Database(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(schemaVersion);
    db.close();
    expect(tables(file)).toEqual(
      expect.arrayContaining([
        'settings',
        'users',
        'user_aliases',
        'user_tokens',
        'user_logging_addresses',
        'user_never_log',
        'account_never_log',
        'companies',
        'contacts',
        'deals',
        'deal_contacts',
        'emails',
        'email_contacts',
        'email_companies',
        'email_deals',
        'attachments',
        'identity_keys',
        'log_results',
        'notices',
        'outbox',
      ]),
    );
  });

  it('reopens an existing store with its data', () => {
    const dir = makeTempDir();
    const first = openLocalStore(dir);
    first.importCrm(sampleCrm);
    first.close();
    const again = openLocalStore(dir);
    expect(again.listUsers().map((u) => u.email)).toEqual(['ann@corp.example', 'ken@corp.example']);
    again.close();
  });

  it('upgrades an older store in place and keeps its data', () => {
    const dir = makeTempDir();
    const file = path.join(dir, storeFileName);
    const old = new Database(file);
    migrate(old, 1); // a store written by a version that only knew migration 1
    old.prepare("INSERT INTO users (id, email, locale) VALUES (7, 'old@corp.example', 'en')").run();
    old.close();

    const store = openLocalStore(dir);
    expect(store.listUsers().map((u) => [u.id, u.email])).toEqual([[7, 'old@corp.example']]);
    expect(store.listResults()).toEqual([]); // the journal tables of migration 2 now exist
    store.close();
    const db = new Database(file);
    expect(db.pragma('user_version', { simple: true })).toBe(schemaVersion);
    db.close();
  });

  it('refuses a store written by a newer version instead of guessing at its schema', () => {
    const dir = makeTempDir();
    const db = new Database(path.join(dir, storeFileName));
    db.pragma(`user_version = ${schemaVersion + 1}`);
    db.close();
    expect(() => openLocalStore(dir)).toThrow(/newer than this program/);
  });
});
