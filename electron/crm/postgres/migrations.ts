import type pg from 'pg';
import { checkout } from './postgres-pool.js';

/**
 * The team database's schema, one numbered step after another (docs/deployment.md "Team mode"). A step is never
 * edited once released: a change is a new step. `schema_migrations` records what ran.
 */
export const migrations: ReadonlyArray<{
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}> = [
  {
    version: 1,
    name: 'account, facts and emails',
    sql: `
        CREATE TABLE account_revision (one boolean PRIMARY KEY DEFAULT true CHECK (one), n bigint NOT NULL);
        INSERT INTO account_revision (one, n) VALUES (true, 0);
        CREATE TABLE settings (name text PRIMARY KEY, value jsonb NOT NULL);
        -- A user is the companion's User as JSON (aliases, token, never-log list, personal addresses).
        CREATE TABLE users (id integer PRIMARY KEY, email text NOT NULL, data jsonb NOT NULL);
        CREATE UNIQUE INDEX users_email ON users (lower(email));
        CREATE TABLE never_log (entry text PRIMARY KEY);

        CREATE TABLE companies (
          id bigserial PRIMARY KEY,
          domain text NOT NULL,
          name text NOT NULL
        );
        CREATE UNIQUE INDEX companies_domain ON companies (lower(domain));
        CREATE TABLE contacts (
          id bigserial PRIMARY KEY,
          email text NOT NULL,
          name text NOT NULL DEFAULT '',
          company_domain text,
          created_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE UNIQUE INDEX contacts_email ON contacts (lower(email));
        CREATE TABLE deals (
          id text PRIMARY KEY,
          name text NOT NULL,
          stage text NOT NULL CHECK (stage IN ('open', 'won', 'lost')),
          created_at timestamptz NOT NULL
        );
        CREATE TABLE deal_contacts (
          deal_id text NOT NULL REFERENCES deals (id) ON DELETE CASCADE,
          contact_email text NOT NULL,
          PRIMARY KEY (deal_id, contact_email)
        );
        CREATE INDEX deal_contacts_email ON deal_contacts (lower(contact_email));

        -- store_key: <store id>:<result id>, the outbox's idempotency key (a retry of the same result).
        -- message_key, content_key: R2's identity keys; unique, so the same mail logged by two users is one row.
        CREATE TABLE emails (
          id bigserial PRIMARY KEY,
          store_key text NOT NULL,
          message_key text,
          content_key text,
          result_message_id text,
          owner text,
          owner_user_id integer,
          direction text NOT NULL CHECK (direction IN ('outgoing', 'incoming')),
          from_address text NOT NULL,
          from_name text NOT NULL,
          to_addresses jsonb NOT NULL,
          cc_addresses jsonb NOT NULL,
          subject text NOT NULL,
          date text,
          text text,
          html text,
          source text NOT NULL,
          created_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE UNIQUE INDEX emails_store_key ON emails (store_key);
        CREATE UNIQUE INDEX emails_message_key ON emails (message_key);
        CREATE UNIQUE INDEX emails_content_key ON emails (content_key);
        CREATE INDEX emails_from ON emails (lower(from_address), id DESC);
        CREATE TABLE email_contacts (
          email_id bigint NOT NULL REFERENCES emails (id) ON DELETE CASCADE,
          contact_id bigint NOT NULL REFERENCES contacts (id),
          role text NOT NULL CHECK (role IN ('to', 'cc', 'sender')),
          created boolean NOT NULL,
          PRIMARY KEY (email_id, contact_id)
        );
        CREATE TABLE email_companies (
          email_id bigint NOT NULL REFERENCES emails (id) ON DELETE CASCADE,
          domain text NOT NULL,
          PRIMARY KEY (email_id, domain)
        );
        CREATE TABLE email_deals (
          email_id bigint NOT NULL REFERENCES emails (id) ON DELETE CASCADE,
          deal_id text NOT NULL,
          PRIMARY KEY (email_id, deal_id)
        );
        CREATE TABLE email_attachments (
          email_id bigint NOT NULL REFERENCES emails (id) ON DELETE CASCADE,
          sha256 text NOT NULL,
          filename text NOT NULL,
          size bigint NOT NULL
        );
      `,
  },
];

/** An arbitrary constant that names "the schema migration" among advisory locks. */
export const migrationLockKey = 7_316_201_301;

export type MigrationSummary = { readonly applied: ReadonlyArray<number>; readonly version: number };

/**
 * Brings the schema up to date in ONE transaction under `pg_advisory_xact_lock`: two companions (or IT's
 * `db migrate` and a companion) starting together take turns, and the second finds the steps done. The lock is
 * the transaction's, not the session's, so it is released by COMMIT or ROLLBACK whatever happens to the
 * connection, and a pooler in transaction mode (PgBouncer) in front of the server is safe. PostgreSQL's DDL is
 * transactional: a step that fails leaves the schema as it was, with no `schema_migrations` row. (A future step
 * that cannot run in a transaction, such as CREATE INDEX CONCURRENTLY, needs its own path.)
 */
export async function migrate(pool: pg.Pool): Promise<MigrationSummary> {
  const client = await checkout(pool);
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [migrationLockKey]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const done = new Set(
      (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map(
        (r) => r.version,
      ),
    );
    const applied: number[] = [];
    for (const step of migrations) {
      if (done.has(step.version)) {
        continue;
      }
      await client.query(step.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        step.version,
        step.name,
      ]);
      applied.push(step.version);
    }
    await client.query('COMMIT');
    return { applied, version: Math.max(0, ...done, ...applied) };
  } catch (e) {
    broken = e instanceof Error ? e : new Error(String(e));
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release(broken);
  }
}

/** The newest step this build knows. */
export const latestVersion = Math.max(...migrations.map((m) => m.version));
