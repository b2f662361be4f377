import type pg from 'pg';
import { normalizeAddress } from '#shared/address/normalize-address.js';
import { identityOf } from '#shared/rules/assemble-decision.js';
import { err, ok, type Result } from '#shared/util/result.js';
import type { PushFailure, PushReceipt, StoredResult } from '../crm-backend.port.js';
import { emailKey } from '../hubspot/email-key.js';
import { classifyPostgresError, type PostgresFailure, toPushFailure } from './postgres-failure.js';
import { checkout } from './postgres-pool.js';

/** What a push did: wrote the email, found its own earlier write, or found the same mail logged by another. */
export type PushReport =
  | { readonly kind: 'written'; readonly emailId: string }
  | { readonly kind: 'repeat'; readonly emailId: string }
  | {
      readonly kind: 'duplicate';
      readonly emailId: string;
      /** R2: the Message-ID of the result that logged it first, as a `duplicate` result names it. */
      readonly duplicateOf: string | null;
      readonly storeKey: string;
    };

export type PushDeps = {
  readonly pool: pg.Pool;
  /** Names this store in `emails.store_key` (`<store id>:<result id>`). */
  readonly storeId: () => string;
  /** Each push's outcome, for the companion's log and the bench's accounting. */
  readonly onPushed?: (result: StoredResult, report: PushReport) => void;
  /** Each failed push's classified cause (the backend reports a refused sign-in once from these). */
  readonly onFailure?: (failure: PostgresFailure) => void;
};

type Existing = { id: string; store_key: string; result_message_id: string | null };

/**
 * C3 on PostgreSQL: one committed result, written in ONE transaction (the email, its contacts, links and
 * attachments), so a connection lost midway (a restart, `pg_terminate_backend`) leaves nothing: the server
 * rolls the transaction back and the outbox pushes again.
 *
 * No write twice. The email row carries three unique keys: `store_key` (this store's result id: the outbox's
 * retry of a push whose answer was lost) and R2's Message-ID and content keys (the same mail logged by another
 * user's companion). `INSERT … ON CONFLICT DO NOTHING RETURNING` lets the database settle every race: a
 * concurrent insert of the same key waits for the other transaction and then yields. When nothing is returned
 * the holder is looked up: its own earlier write is `synced` under that id, another result's is reported as its
 * duplicate (`synced` too: nothing of this result is written). Contacts are unique by lower(address) and
 * inserted in address order, so two pushes sharing contacts cannot deadlock.
 */
export function createPusher(
  deps: PushDeps,
): (stored: StoredResult) => Promise<Result<PushReceipt, PushFailure>> {
  async function write(client: pg.PoolClient, stored: StoredResult): Promise<PushReport> {
    const logged = stored.logged;
    if (logged === null) {
      throw new Error('a result without a logged email has nothing to push');
    }
    const email = logged.email;
    const identity = identityOf(email);
    const storeKey = emailKey(deps.storeId(), stored.id);
    await client.query('BEGIN');
    const inserted = await client.query<{ id: string }>(
      `INSERT INTO emails (store_key, message_key, content_key, result_message_id, owner, owner_user_id, direction,
                           from_address, from_name, to_addresses, cc_addresses, subject, date, text, html, source)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
       ON CONFLICT DO NOTHING RETURNING id`,
      [
        storeKey,
        identity.messageId,
        identity.contentKey,
        stored.result.messageId,
        stored.result.owner,
        logged.ownerId,
        email.direction,
        email.from,
        email.fromName,
        JSON.stringify(email.to),
        JSON.stringify(email.cc),
        email.subject,
        email.date,
        email.text,
        email.html,
        email.source,
      ],
    );
    const emailId = inserted.rows[0]?.id;
    if (emailId === undefined) {
      await client.query('ROLLBACK');
      const holder = await client.query<Existing>(
        `SELECT id, store_key, result_message_id FROM emails
         WHERE store_key = $1 OR message_key = $2 OR content_key = $3
         ORDER BY (store_key = $1) DESC, id LIMIT 1`,
        [storeKey, identity.messageId, identity.contentKey],
      );
      const found = holder.rows[0];
      if (found === undefined) {
        // The row that conflicted was deleted meanwhile: the next attempt inserts.
        throw Object.assign(new Error(`email ${storeKey}: conflict with a row that is gone`), {
          code: '40001',
        });
      }
      return found.store_key === storeKey
        ? { kind: 'repeat', emailId: found.id }
        : {
            kind: 'duplicate',
            emailId: found.id,
            duplicateOf: found.result_message_id,
            storeKey: found.store_key,
          };
    }

    const contacts = [...logged.contacts]
      .map((c) => ({ ...c, email: normalizeAddress(c.email) ?? c.email.toLowerCase() }))
      .sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
    if (contacts.length > 0) {
      await client.query(
        `INSERT INTO contacts (email, name, company_domain)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ORDER BY 1
         ON CONFLICT ((lower(email))) DO NOTHING`,
        [contacts.map((c) => c.email), contacts.map((c) => c.name), contacts.map((c) => c.company)],
      );
      await client.query(
        `INSERT INTO email_contacts (email_id, contact_id, role, created)
         SELECT $1::bigint, c.id, l.role, l.created
         FROM unnest($2::text[], $3::text[], $4::boolean[]) AS l (email, role, created)
         JOIN contacts c ON lower(c.email) = l.email
         ON CONFLICT DO NOTHING`,
        [emailId, contacts.map((c) => c.email), contacts.map((c) => c.role), contacts.map((c) => c.created)],
      );
    }
    if (stored.result.companies.length > 0) {
      await client.query(
        `INSERT INTO email_companies (email_id, domain) SELECT $1::bigint, unnest($2::text[]) ON CONFLICT DO NOTHING`,
        [emailId, [...new Set(stored.result.companies.map((d) => d.toLowerCase()))]],
      );
    }
    if (stored.result.deals.length > 0) {
      await client.query(
        `INSERT INTO email_deals (email_id, deal_id) SELECT $1::bigint, unnest($2::text[]) ON CONFLICT DO NOTHING`,
        [emailId, [...new Set(stored.result.deals)]],
      );
    }
    const attachments = stored.result.attachments.logged;
    if (attachments.length > 0) {
      await client.query(
        `INSERT INTO email_attachments (email_id, sha256, filename, size)
         SELECT $1::bigint, * FROM unnest($2::text[], $3::text[], $4::bigint[])`,
        [
          emailId,
          attachments.map((a) => a.sha256),
          attachments.map((a) => a.filename),
          attachments.map((a) => a.size),
        ],
      );
    }
    await client.query('COMMIT');
    return { kind: 'written', emailId };
  }

  function fail(e: unknown): Result<PushReceipt, PushFailure> {
    const failure = classifyPostgresError(e);
    deps.onFailure?.(failure);
    return err(toPushFailure(failure));
  }

  return async (stored) => {
    if (stored.logged === null || stored.result.status !== 'logged') {
      return ok({ sync: 'synced' }); // nothing of a skipped, rejected or duplicate result goes remote
    }
    let client: pg.PoolClient;
    try {
      client = await checkout(deps.pool);
    } catch (e) {
      return fail(e);
    }
    let broken: Error | undefined;
    try {
      const report = await write(client, stored);
      deps.onPushed?.(stored, report);
      // Another user's companion wrote it first (R2 across users): the local result becomes its duplicate.
      return ok(
        report.kind === 'duplicate'
          ? { sync: 'synced', remoteId: report.emailId, duplicateOf: report.duplicateOf ?? report.storeKey }
          : { sync: 'synced', remoteId: report.emailId },
      );
    } catch (e) {
      // A connection that failed mid-transaction is not given back to the pool: the server rolls it back.
      broken = e instanceof Error ? e : new Error(String(e));
      await client.query('ROLLBACK').catch(() => undefined);
      return fail(e);
    } finally {
      client.release(broken);
    }
  };
}
