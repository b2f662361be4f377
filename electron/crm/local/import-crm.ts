import type Database from 'better-sqlite3';
import type { CrmData, Settings } from '#shared/model/crm-data.js';
import type { CrmImportSummary, Upserted } from './local-store.js';
import { createCrmRecordUpserter } from './upsert-crm-records.js';
import { createUserUpserter } from './upsert-crm-user.js';

function counter(): { created: number; updated: number; add(existed: boolean): void; done(): Upserted } {
  return {
    created: 0,
    updated: 0,
    add(existed) {
      if (existed) {
        this.updated++;
      } else {
        this.created++;
      }
    },
    done() {
      return { created: this.created, updated: this.updated };
    },
  };
}

/**
 * docs/rules.md#results `--crm`: an upsert of CRM.json — users by id, companies by domain, contacts by address, deals by id,
 * settings key by key over the defaults. A field CRM.json leaves out keeps its stored value; a list it gives
 * (aliases, a user's never-log list, a deal's contacts) replaces the stored one. The account never-log list is
 * replaced too when present: CRM.json is the source of truth, so an entry deleted there must stop applying.
 * One transaction: a conflict (an address another user holds) leaves the store as it was.
 */
export function createImporter(db: Database.Database, now: () => Date): (data: CrmData) => CrmImportSummary {
  const statements = {
    setting: db.prepare(
      'INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json',
    ),
    deleteAccountNeverLog: db.prepare('DELETE FROM account_never_log'),
    insertAccountNeverLog: db.prepare('INSERT OR IGNORE INTO account_never_log (entry) VALUES (?)'),
  };
  const upsertUser = createUserUpserter(db);
  const records = createCrmRecordUpserter(db);

  const run = db.transaction((data: CrmData): CrmImportSummary => {
    const at = now().toISOString();
    const settings = Object.entries(data.settings ?? {}).filter(([, v]) => v !== undefined);
    settings.forEach(([key, value]) => statements.setting.run(key, JSON.stringify(value)));

    const users = counter();
    data.users.forEach((u) => users.add(upsertUser(u, at)));

    const companies = counter();
    (data.companies ?? []).forEach((c) => companies.add(records.company(c)));

    const contacts = counter();
    (data.contacts ?? []).forEach((c) => contacts.add(records.contact(c, at)));

    const deals = counter();
    (data.deals ?? []).forEach((d) => deals.add(records.deal(d)));

    if (data.neverLog !== undefined) {
      statements.deleteAccountNeverLog.run();
      data.neverLog.forEach((entry) => statements.insertAccountNeverLog.run(entry));
    }

    return {
      users: users.done(),
      companies: companies.done(),
      contacts: contacts.done(),
      deals: deals.done(),
      neverLog: data.neverLog === undefined ? null : new Set(data.neverLog).size,
      settings: settings.map(([key]) => key as keyof Settings),
    };
  });

  return (data) => run.immediate(data);
}
