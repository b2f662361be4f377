import type Database from 'better-sqlite3';
import { domainOf, normalizeAddress } from '#shared/address/normalize-address.js';
import type {
  Company,
  Contact,
  Deal,
  DealStage,
  Facts,
  FactsQuery,
  LoggedIdentity,
  Settings,
  User,
} from '#shared/model/crm-data.js';

type ContactRow = { email: string; name: string; company_domain: string | null };
type DealRow = { id: string; name: string; stage: DealStage; created_at: string; contacts_json: string };

/**
 * docs/rules.md#words "Facts", scoped to one message: every user, the settings and the account never-log list, but only the
 * contacts the message names (by address, or by exact display name for F6), the companies of those contacts and
 * of the addresses' domains (B7 links a new contact to the company of its domain), every deal of those contacts
 * whatever its stage (the rules pick the open ones, B7), and the message's identity keys already held by a
 * logged email (R2). Lists are passed to SQLite as one JSON parameter, so a message with many recipients is
 * still one statement per table.
 */
export function createFactsReader(
  db: Database.Database,
  settings: () => Settings,
  users: () => ReadonlyArray<User>,
  cached: <T>(read: () => T) => () => T,
): (query: FactsQuery) => Facts {
  const contacts = db.prepare<[string, string], ContactRow>(
    `SELECT email, name, company_domain FROM contacts
     WHERE email IN (SELECT value FROM json_each(?)) OR name IN (SELECT value FROM json_each(?))
     ORDER BY email`,
  );
  const companies = db.prepare<[string], Company>(
    'SELECT domain, name FROM companies WHERE domain IN (SELECT value FROM json_each(?)) ORDER BY domain',
  );
  const deals = db.prepare<[string], DealRow>(
    `SELECT d.id, d.name, d.stage, d.created_at,
            (SELECT json_group_array(contact_email) FROM
              (SELECT contact_email FROM deal_contacts WHERE deal_id = d.id ORDER BY contact_email)) AS contacts_json
     FROM deals d
     WHERE d.id IN (SELECT deal_id FROM deal_contacts WHERE contact_email IN (SELECT value FROM json_each(?)))
     ORDER BY d.created_at DESC, d.id`,
  );
  const accountNeverLogRows = db.prepare<[], { entry: string }>(
    'SELECT entry FROM account_never_log ORDER BY entry',
  );
  const accountNeverLog = cached(() => accountNeverLogRows.all().map((r) => r.entry));
  const logged = db.prepare<[string], { key: string; message_id: string | null }>(
    `SELECT k.key, r.message_id FROM identity_keys k JOIN log_results r ON r.id = k.log_result_id
     WHERE k.key IN (SELECT value FROM json_each(?)) ORDER BY r.id`,
  );

  return (query) => {
    const addresses = [
      ...new Set(query.addresses.map(normalizeAddress).filter((a): a is string => a !== null)),
    ];
    const names = [...new Set(query.names.map((n) => n.normalize('NFC').trim()).filter((n) => n !== ''))];
    // A statement over an empty list finds nothing yet costs 15–35 µs; the pipeline asks twice a message with
    // only names or only identity keys (docs/performance.md), so empty lists are not sent to SQLite.
    const contactRows =
      addresses.length === 0 && names.length === 0
        ? []
        : contacts.all(JSON.stringify(addresses), JSON.stringify(names));
    const found: ReadonlyArray<Contact> = contactRows.map((c) => ({
      email: c.email,
      name: c.name,
      company: c.company_domain,
    }));
    const domains = new Set([
      ...addresses.map(domainOf),
      ...found.flatMap((c) => (c.company === null ? [] : [c.company])),
    ]);
    const dealRows = found.length === 0 ? [] : deals.all(JSON.stringify(found.map((c) => c.email)));
    const dealList: ReadonlyArray<Deal> = dealRows.map((d) => ({
      id: d.id,
      name: d.name,
      stage: d.stage,
      createdAt: d.created_at,
      contacts: JSON.parse(d.contacts_json) as string[],
    }));
    const keys = [...new Set(query.identityKeys)];
    const loggedList: ReadonlyArray<LoggedIdentity> = (
      keys.length === 0 ? [] : logged.all(JSON.stringify(keys))
    ).map((row) => ({ key: row.key, messageId: row.message_id }));
    return {
      settings: settings(),
      users: users(),
      contacts: found,
      companies: domains.size === 0 ? [] : companies.all(JSON.stringify([...domains])),
      deals: dealList,
      neverLog: accountNeverLog(),
      logged: loggedList,
    };
  };
}
