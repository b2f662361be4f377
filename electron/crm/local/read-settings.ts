import type Database from 'better-sqlite3';
import { defaultSettings, type Settings } from '#shared/model/crm-data.js';

/**
 * The account settings: the defaults of docs/rules.md#results with what CRM.json set laid over them, key by key. A stored key
 * this version does not know (written by a newer one) is ignored rather than handed to the rules.
 */
export function createSettingsReader(db: Database.Database): () => Settings {
  const rows = db.prepare<[], { key: string; value_json: string }>('SELECT key, value_json FROM settings');
  return () => {
    const stored = Object.fromEntries(
      rows
        .all()
        .filter((row) => Object.hasOwn(defaultSettings, row.key))
        .map((row) => [row.key, JSON.parse(row.value_json) as unknown]),
    );
    return { ...defaultSettings, ...stored } as Settings;
  };
}
