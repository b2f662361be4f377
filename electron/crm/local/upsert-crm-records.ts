import type Database from 'better-sqlite3';
import type { CrmData } from '#shared/model/crm-data.js';

type Company = NonNullable<CrmData['companies']>[number];
type Contact = NonNullable<CrmData['contacts']>[number];
type Deal = NonNullable<CrmData['deals']>[number];

/** Upserts CRM.json's companies, contacts and deals (`importCrm`); each answers whether the record existed. */
export type CrmRecordUpserter = {
  /** By domain: its name. */
  company(company: Company): boolean;
  /** By address: the name and company it gives; a new contact is created at `at`. */
  contact(contact: Contact, at: string): boolean;
  /** By id: its name, stage and date; its contact list replaces the stored one. */
  deal(deal: Deal): boolean;
};

export function createCrmRecordUpserter(db: Database.Database): CrmRecordUpserter {
  const statements = {
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
  };

  return {
    company(c) {
      const existed = statements.companyExists.get(c.domain) !== undefined;
      statements.upsertCompany.run(c.domain, c.name);
      return existed;
    },
    contact(c, at) {
      const row = statements.contactExists.get(c.email);
      if (row === undefined) {
        statements.insertContact.run(c.email, c.name ?? '', c.company ?? null, at);
        return false;
      }
      if (c.name !== undefined) {
        statements.updateContactName.run(c.name, row.id);
      }
      if (c.company !== undefined) {
        statements.updateContactCompany.run(c.company, row.id);
      }
      return true;
    },
    deal(d) {
      const existed = statements.dealExists.get(d.id) !== undefined;
      statements.upsertDeal.run(d.id, d.name, d.stage, d.createdAt);
      statements.deleteDealContacts.run(d.id);
      d.contacts.forEach((email) => statements.insertDealContact.run(d.id, email));
      return existed;
    },
  };
}
