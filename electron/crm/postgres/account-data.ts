import type pg from 'pg';
import type { Company, Contact, CrmData, Deal, Settings, User } from '#shared/model/crm-data.js';
import type { CrmImportSummary, Upserted } from '../local/local-store.js';
import { checkout } from './postgres-pool.js';

/** The account as the team database holds it: what every companion caches (users, settings, never-log). */
export type TeamAccount = {
  /** Bumped by every change of users, settings or the never-log list. */
  readonly revision: string;
  readonly users: ReadonlyArray<User>;
  readonly settings: Partial<Settings>;
  readonly neverLog: ReadonlyArray<string>;
};

export async function readAccount(db: pg.Pool | pg.PoolClient): Promise<TeamAccount> {
  const [revision, users, settings, neverLog] = await Promise.all([
    db.query<{ n: string }>('SELECT n::text AS n FROM account_revision'),
    db.query<{ data: User }>('SELECT data FROM users ORDER BY id'),
    db.query<{ name: keyof Settings; value: unknown }>('SELECT name, value FROM settings ORDER BY name'),
    db.query<{ entry: string }>('SELECT entry FROM never_log ORDER BY entry'),
  ]);
  return {
    revision: revision.rows[0]?.n ?? '0',
    users: users.rows.map((r) => r.data),
    settings: Object.fromEntries(settings.rows.map((r) => [r.name, r.value])) as Partial<Settings>,
    neverLog: neverLog.rows.map((r) => r.entry),
  };
}

/** The account's revision alone: the companion re-reads the account only when it moved. */
export async function readRevision(db: pg.Pool): Promise<string> {
  return (await db.query<{ n: string }>('SELECT n::text AS n FROM account_revision')).rows[0]?.n ?? '0';
}

/** CRM.json's user over the user stored, as the local import merges it: what CRM.json leaves out is kept. */
function mergeUser(stored: User | undefined, given: CrmData['users'][number]): User {
  const base: User = stored ?? {
    id: given.id,
    email: given.email,
    aliases: [],
    token: null,
    neverLog: [],
    locale: 'en',
  };
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(given)) {
    if (value !== undefined) {
      merged[key] = value;
    }
  }
  return merged as User;
}

async function withTransaction<T>(pool: pg.Pool, run: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await checkout(pool);
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const value = await run(client);
    await client.query('COMMIT');
    return value;
  } catch (e) {
    broken = e instanceof Error ? e : new Error(String(e));
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release(broken);
  }
}

async function upsertFacts(
  client: pg.PoolClient,
  data: { companies: ReadonlyArray<Company>; contacts: CrmData['contacts']; deals: ReadonlyArray<Deal> },
): Promise<Pick<CrmImportSummary, 'companies' | 'contacts' | 'deals'>> {
  const count = (rows: ReadonlyArray<{ inserted: boolean }>): Upserted => ({
    created: rows.filter((r) => r.inserted).length,
    updated: rows.filter((r) => !r.inserted).length,
  });
  const companies = await client.query<{ inserted: boolean }>(
    `INSERT INTO companies (domain, name) SELECT * FROM unnest($1::text[], $2::text[]) ORDER BY 1
     ON CONFLICT ((lower(domain))) DO UPDATE SET name = excluded.name RETURNING (xmax = 0) AS inserted`,
    [data.companies.map((c) => c.domain.toLowerCase()), data.companies.map((c) => c.name)],
  );
  const contactList = [...(data.contacts ?? [])];
  const contacts = await client.query<{ inserted: boolean }>(
    `INSERT INTO contacts (email, name, company_domain)
     SELECT e, coalesce(n, ''), d FROM unnest($1::text[], $2::text[], $3::text[]) AS t (e, n, d) ORDER BY 1
     ON CONFLICT ((lower(email))) DO UPDATE SET
       name = CASE WHEN $4::text[] @> ARRAY[excluded.email] THEN excluded.name ELSE contacts.name END,
       company_domain = CASE WHEN $5::text[] @> ARRAY[excluded.email] THEN excluded.company_domain
                             ELSE contacts.company_domain END
     RETURNING (xmax = 0) AS inserted`,
    [
      contactList.map((c) => c.email.toLowerCase()),
      contactList.map((c) => c.name ?? null),
      contactList.map((c) => c.company ?? null),
      contactList.filter((c) => c.name !== undefined).map((c) => c.email.toLowerCase()),
      contactList.filter((c) => c.company !== undefined).map((c) => c.email.toLowerCase()),
    ],
  );
  const deals = await client.query<{ inserted: boolean }>(
    `INSERT INTO deals (id, name, stage, created_at)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[]) ORDER BY 1
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, stage = excluded.stage, created_at = excluded.created_at
     RETURNING (xmax = 0) AS inserted`,
    [
      data.deals.map((d) => d.id),
      data.deals.map((d) => d.name),
      data.deals.map((d) => d.stage),
      data.deals.map((d) => d.createdAt),
    ],
  );
  if (data.deals.length > 0) {
    await client.query('DELETE FROM deal_contacts WHERE deal_id = ANY($1::text[])', [
      data.deals.map((d) => d.id),
    ]);
    const pairs = data.deals.flatMap((d) => d.contacts.map((c) => [d.id, c.toLowerCase()] as const));
    await client.query(
      `INSERT INTO deal_contacts (deal_id, contact_email) SELECT * FROM unnest($1::text[], $2::text[])
       ON CONFLICT DO NOTHING`,
      [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
    );
  }
  return { companies: count(companies.rows), contacts: count(contacts.rows), deals: count(deals.rows) };
}

/**
 * `import-crm` into the team database: CRM.json (already validated by `validateCrmData`) upserted as the local
 * store imports it — users by id, companies by domain, contacts by address, deals by id, settings key by key,
 * the never-log list replaced when given — in one transaction, the account's revision bumped so every companion
 * re-reads it.
 */
export async function importCrmData(pool: pg.Pool, data: CrmData): Promise<CrmImportSummary> {
  return withTransaction(pool, async (client) => {
    await client.query('SELECT n FROM account_revision FOR UPDATE');
    const stored = new Map(
      (await client.query<{ data: User }>('SELECT data FROM users')).rows.map((r) => [r.data.id, r.data]),
    );
    let created = 0;
    for (const given of data.users) {
      const user = mergeUser(stored.get(given.id), given);
      created += stored.has(given.id) ? 0 : 1;
      await client.query(
        'INSERT INTO users (id, email, data) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET email = $2, data = $3',
        [user.id, user.email, JSON.stringify(user)],
      );
    }
    const settings = Object.entries(data.settings ?? {}).filter(([, v]) => v !== undefined);
    for (const [name, value] of settings) {
      await client.query(
        'INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = $2',
        [name, JSON.stringify(value)],
      );
    }
    if (data.neverLog !== undefined) {
      await client.query('DELETE FROM never_log');
      await client.query('INSERT INTO never_log (entry) SELECT DISTINCT unnest($1::text[])', [
        data.neverLog.map((e) => e.toLowerCase()),
      ]);
    }
    const facts = await upsertFacts(client, {
      companies: data.companies ?? [],
      contacts: data.contacts ?? [],
      deals: data.deals ?? [],
    });
    await client.query('UPDATE account_revision SET n = n + 1');
    return {
      users: { created, updated: data.users.length - created },
      ...facts,
      neverLog: data.neverLog === undefined ? null : new Set(data.neverLog.map((e) => e.toLowerCase())).size,
      settings: settings.map(([name]) => name as keyof Settings),
    };
  });
}

/**
 * The CLI's admin commands on the team database: the account as a command left it in a scratch local store
 * (users, settings, never-log) written back whole, in one transaction, only if nobody changed it since it was
 * read (`expectedRevision`); otherwise nothing is written and the caller says to run the command again.
 */
export async function replaceAccount(
  pool: pg.Pool,
  account: Omit<TeamAccount, 'revision'>,
  expectedRevision: string,
): Promise<'written' | 'changed-meanwhile'> {
  return withTransaction(pool, async (client) => {
    const now = (await client.query<{ n: string }>('SELECT n::text AS n FROM account_revision FOR UPDATE'))
      .rows[0]?.n;
    if (now !== expectedRevision) {
      return 'changed-meanwhile';
    }
    await client.query('DELETE FROM users WHERE NOT (id = ANY($1::int[]))', [account.users.map((u) => u.id)]);
    // Emails first moved aside, so that two users swapping addresses do not trip the unique index.
    await client.query("UPDATE users SET email = '#' || id::text");
    for (const user of account.users) {
      await client.query(
        'INSERT INTO users (id, email, data) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET email = $2, data = $3',
        [user.id, user.email, JSON.stringify(user)],
      );
    }
    for (const [name, value] of Object.entries(account.settings)) {
      await client.query(
        'INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = $2',
        [name, JSON.stringify(value)],
      );
    }
    await client.query('DELETE FROM never_log');
    await client.query('INSERT INTO never_log (entry) SELECT DISTINCT unnest($1::text[])', [
      account.neverLog,
    ]);
    await client.query('UPDATE account_revision SET n = n + 1');
    return 'written';
  });
}

/** The facts of some addresses and domains, for the read-through cache. */
export async function readFacts(
  pool: pg.Pool,
  addresses: ReadonlyArray<string>,
): Promise<{
  contacts: Contact[];
  companies: Company[];
  deals: Deal[];
  logged: Array<{ key: string; messageId: string | null }>;
}> {
  const client = await checkout(pool);
  let broken: Error | undefined;
  try {
    const contacts = (
      await client.query<{ email: string; name: string; company_domain: string | null }>(
        'SELECT lower(email) AS email, name, company_domain FROM contacts WHERE lower(email) = ANY($1::text[])',
        [addresses],
      )
    ).rows.map((r) => ({ email: r.email, name: r.name, company: r.company_domain }));
    const domains = [
      ...new Set([
        ...addresses.map((a) => a.slice(a.lastIndexOf('@') + 1)),
        ...contacts.flatMap((c) => (c.company === null ? [] : [c.company.toLowerCase()])),
      ]),
    ];
    const companies = (
      await client.query<{ domain: string; name: string }>(
        'SELECT lower(domain) AS domain, name FROM companies WHERE lower(domain) = ANY($1::text[])',
        [domains],
      )
    ).rows;
    const deals = (
      await client.query<{
        id: string;
        name: string;
        stage: Deal['stage'];
        created_at: Date;
        contacts: string[];
      }>(
        `SELECT d.id, d.name, d.stage, d.created_at,
                array(SELECT lower(contact_email) FROM deal_contacts WHERE deal_id = d.id ORDER BY 1) AS contacts
         FROM deals d
         WHERE d.id IN (SELECT deal_id FROM deal_contacts WHERE lower(contact_email) = ANY($1::text[]))`,
        [contacts.map((c) => c.email)],
      )
    ).rows.map((d) => ({
      id: d.id,
      name: d.name,
      stage: d.stage,
      createdAt: d.created_at.toISOString(),
      contacts: d.contacts,
    }));
    // R2 across users: the identity keys of the latest emails these addresses sent, so that a mail another
    // user's companion logged already is decided `duplicate` here before anything is written.
    const logged = (
      await client.query<{
        message_key: string | null;
        content_key: string | null;
        result_message_id: string | null;
      }>(
        `SELECT message_key, content_key, result_message_id FROM emails
         WHERE lower(from_address) = ANY($1::text[]) ORDER BY id DESC LIMIT $2`,
        [addresses, loggedLookupLimit],
      )
    ).rows.flatMap((r) =>
      [r.message_key, r.content_key].flatMap((key) =>
        key === null ? [] : [{ key, messageId: r.result_message_id }],
      ),
    );
    return { contacts, companies, deals, logged };
  } catch (e) {
    broken = e instanceof Error ? e : new Error(String(e));
    throw e;
  } finally {
    client.release(broken);
  }
}

/** The latest emails per message whose keys are read for R2 (the unique index settles anything older). */
export const loggedLookupLimit = 500;
