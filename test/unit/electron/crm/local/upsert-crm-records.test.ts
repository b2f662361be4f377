import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../../../electron/crm/local/migrations.js';
import { createCrmRecordUpserter } from '../../../../../electron/crm/local/upsert-crm-records.js';

const open: Database.Database[] = [];
afterEach(() => {
  for (const db of open.splice(0)) {
    db.close();
  }
});

function upserter() {
  const db = new Database(':memory:');
  migrate(db);
  open.push(db);
  return { db, records: createCrmRecordUpserter(db) };
}

const at = '2026-03-02T10:00:00.000Z';

describe('createCrmRecordUpserter', () => {
  it('upserts a company by domain', () => {
    const { db, records } = upserter();
    expect(records.company({ domain: 'acme.example', name: 'Acme' })).toBe(false);
    expect(records.company({ domain: 'acme.example', name: 'Acme Inc.' })).toBe(true);
    expect(db.prepare('SELECT domain, name FROM companies').all()).toEqual([
      { domain: 'acme.example', name: 'Acme Inc.' },
    ]);
  });

  it('upserts a contact by address, keeping what CRM.json leaves out', () => {
    const { db, records } = upserter();
    records.company({ domain: 'acme.example', name: 'Acme' });
    expect(records.contact({ email: 'bob@acme.example', name: 'Bob', company: 'acme.example' }, at)).toBe(
      false,
    );
    expect(records.contact({ email: 'bob@acme.example', name: 'Bob Jones' }, at)).toBe(true);
    expect(db.prepare('SELECT email, name, company_domain FROM contacts').all()).toEqual([
      { email: 'bob@acme.example', name: 'Bob Jones', company_domain: 'acme.example' },
    ]);
  });

  it('upserts a deal by id, its contact list replacing the stored one', () => {
    const { db, records } = upserter();
    const deal = {
      id: 'd1',
      name: 'Renewal',
      stage: 'open' as const,
      createdAt: at,
      contacts: ['bob@acme.example'],
    };
    expect(records.deal(deal)).toBe(false);
    expect(records.deal({ ...deal, contacts: ['dana@acme.example'] })).toBe(true);
    expect(db.prepare('SELECT contact_email FROM deal_contacts').all()).toEqual([
      { contact_email: 'dana@acme.example' },
    ]);
  });
});
