import type Database from 'better-sqlite3';
import type { CrmData, Settings } from '../../../shared/model/crm-data.js';
import { CrmStoreError } from './crm-store-error.js';
import type { CrmImportSummary, Upserted } from './local-store.js';

type CrmUser = CrmData['users'][number];

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
    userById: db.prepare<[number], { id: number }>('SELECT id FROM users WHERE id = ?'),
    userByEmail: db.prepare<[string], { id: number }>('SELECT id FROM users WHERE email = ?'),
    insertUser: db.prepare('INSERT INTO users (id, email, name, locale) VALUES (?, ?, ?, ?)'),
    updateEmail: db.prepare('UPDATE users SET email = ? WHERE id = ?'),
    updateName: db.prepare('UPDATE users SET name = ? WHERE id = ?'),
    updateLocale: db.prepare('UPDATE users SET locale = ? WHERE id = ?'),
    deleteAliases: db.prepare('DELETE FROM user_aliases WHERE user_id = ?'),
    insertAlias: db.prepare('INSERT OR IGNORE INTO user_aliases (user_id, alias) VALUES (?, ?)'),
    tokenOwner: db.prepare<[string], { user_id: number }>('SELECT user_id FROM user_tokens WHERE token = ?'),
    deleteToken: db.prepare('DELETE FROM user_tokens WHERE user_id = ?'),
    setToken: db.prepare(
      'INSERT INTO user_tokens (user_id, token, created_at) VALUES (?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET token = excluded.token, created_at = excluded.created_at WHERE token <> excluded.token',
    ),
    deleteUserNeverLog: db.prepare('DELETE FROM user_never_log WHERE user_id = ?'),
    insertUserNeverLog: db.prepare('INSERT OR IGNORE INTO user_never_log (user_id, entry) VALUES (?, ?)'),
    addressOwner: db.prepare<[string], { user_id: number; kind: string }>(
      'SELECT user_id, kind FROM user_logging_addresses WHERE address = ?',
    ),
    setAddress: db.prepare(
      'INSERT INTO user_logging_addresses (user_id, kind, address) VALUES (?, ?, ?) ON CONFLICT (user_id, kind) DO UPDATE SET address = excluded.address',
    ),
    companyExists: db.prepare<[string], { domain: string }>('SELECT domain FROM companies WHERE domain = ?'),
    upsertCompany: db.prepare(
      'INSERT INTO companies (domain, name) VALUES (?, ?) ON CONFLICT (domain) DO UPDATE SET name = excluded.name',
    ),
    contactExists: db.prepare<[string], { id: number }>('SELECT id FROM contacts WHERE email = ?'),
    insertContact: db.prepare(
      'INSERT INTO contacts (email, name, company_domain, created_at) VALUES (?, ?, ?, ?)',
    ),
    updateContactName: db.prepare('UPDATE contacts SET name = ? WHERE id = ?'),
    updateContactCompany: db.prepare('UPDATE contacts SET company_domain = ? WHERE id = ?'),
    dealExists: db.prepare<[string], { id: string }>('SELECT id FROM deals WHERE id = ?'),
    upsertDeal: db.prepare(
      'INSERT INTO deals (id, name, stage, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, stage = excluded.stage, created_at = excluded.created_at',
    ),
    deleteDealContacts: db.prepare('DELETE FROM deal_contacts WHERE deal_id = ?'),
    insertDealContact: db.prepare(
      'INSERT OR IGNORE INTO deal_contacts (deal_id, contact_email) VALUES (?, ?)',
    ),
    deleteAccountNeverLog: db.prepare('DELETE FROM account_never_log'),
    insertAccountNeverLog: db.prepare('INSERT OR IGNORE INTO account_never_log (entry) VALUES (?)'),
  };

  function upsertUser(u: CrmUser, at: string): boolean {
    const holder = statements.userByEmail.get(u.email);
    if (holder !== undefined && holder.id !== u.id) {
      throw new CrmStoreError(
        'CRM.CONFLICT',
        `users: ${u.email} is the address of user ${holder.id} in the store, not of user ${u.id}`,
      );
    }
    const existed = statements.userById.get(u.id) !== undefined;
    if (existed) {
      statements.updateEmail.run(u.email, u.id);
      if (u.name !== undefined) {
        statements.updateName.run(u.name, u.id);
      }
      if (u.locale !== undefined) {
        statements.updateLocale.run(u.locale, u.id);
      }
    } else {
      statements.insertUser.run(u.id, u.email, u.name ?? null, u.locale ?? 'en');
    }
    if (u.aliases !== undefined) {
      statements.deleteAliases.run(u.id);
      u.aliases.forEach((alias) => statements.insertAlias.run(u.id, alias));
    }
    if (u.token === null) {
      statements.deleteToken.run(u.id);
    } else if (u.token !== undefined) {
      const owner = statements.tokenOwner.get(u.token);
      if (owner !== undefined && owner.user_id !== u.id) {
        throw new CrmStoreError(
          'CRM.CONFLICT',
          `users: user ${u.id}'s token is user ${owner.user_id}'s token in the store`,
        );
      }
      statements.setToken.run(u.id, u.token, at);
    }
    if (u.neverLog !== undefined) {
      statements.deleteUserNeverLog.run(u.id);
      u.neverLog.forEach((entry) => statements.insertUserNeverLog.run(u.id, entry));
    }
    for (const [kind, address] of [
      ['bcc', u.bccAddress],
      ['forward', u.forwardingAddress],
    ] as const) {
      if (address === undefined) {
        continue;
      }
      const owner = statements.addressOwner.get(address);
      if (owner !== undefined && (owner.user_id !== u.id || owner.kind !== kind)) {
        throw new CrmStoreError(
          'CRM.CONFLICT',
          `users: ${address} is already a logging address of user ${owner.user_id}`,
        );
      }
      statements.setAddress.run(u.id, kind, address);
    }
    return existed;
  }

  const run = db.transaction((data: CrmData): CrmImportSummary => {
    const at = now().toISOString();
    const settings = Object.entries(data.settings ?? {}).filter(([, v]) => v !== undefined);
    settings.forEach(([key, value]) => statements.setting.run(key, JSON.stringify(value)));

    const users = counter();
    data.users.forEach((u) => users.add(upsertUser(u, at)));

    const companies = counter();
    for (const c of data.companies ?? []) {
      companies.add(statements.companyExists.get(c.domain) !== undefined);
      statements.upsertCompany.run(c.domain, c.name);
    }

    const contacts = counter();
    for (const c of data.contacts ?? []) {
      const row = statements.contactExists.get(c.email);
      contacts.add(row !== undefined);
      if (row === undefined) {
        statements.insertContact.run(c.email, c.name ?? '', c.company ?? null, at);
        continue;
      }
      if (c.name !== undefined) {
        statements.updateContactName.run(c.name, row.id);
      }
      if (c.company !== undefined) {
        statements.updateContactCompany.run(c.company, row.id);
      }
    }

    const deals = counter();
    for (const d of data.deals ?? []) {
      deals.add(statements.dealExists.get(d.id) !== undefined);
      statements.upsertDeal.run(d.id, d.name, d.stage, d.createdAt);
      statements.deleteDealContacts.run(d.id);
      d.contacts.forEach((email) => statements.insertDealContact.run(d.id, email));
    }

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
