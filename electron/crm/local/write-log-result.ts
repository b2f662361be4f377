import type Database from 'better-sqlite3';
import { normalizeAddress } from '#shared/address/normalize-address.js';
import type { ContactToLink, Decision, EmailToLog, IdentityKeys } from '#shared/model/decision.js';
import type { ContactLink, LogResult, SyncState } from '#shared/model/log-result.js';
import type { CommitInput } from './local-store.js';
import { createRawMessageTable } from './raw-message-table.js';
import { asDuplicate, toLogResult } from './to-log-result.js';

/** A better-sqlite3 transaction that writes one commit: call it plainly (nested) or `.immediate` (on its own). */
export type LogResultWriter = Database.Transaction<(input: CommitInput) => LogResult>;

export type LogResultWriterOptions = { readonly now: () => Date; readonly syncTarget: 'local' | 'remote' };

function keysOf(identity: IdentityKeys): ReadonlyArray<string> {
  return [identity.messageId, identity.contentKey].filter((k): k is string => k !== null && k !== '');
}

function prepareStatements(db: Database.Database) {
  return {
    loggedHolder: db.prepare<[string], { message_id: string | null }>(
      `SELECT r.message_id FROM identity_keys k JOIN log_results r ON r.id = k.log_result_id
       WHERE k.key IN (SELECT value FROM json_each(?)) ORDER BY r.id LIMIT 1`,
    ),
    insertEmail: db.prepare(
      `INSERT INTO emails (message_id, direction, from_address, from_name, to_json, cc_json, subject, date, text,
                           html, source, parts_json, owner_user_id, owner)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertContact: db.prepare(
      'INSERT INTO contacts (email, name, company_domain, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (email) DO NOTHING',
    ),
    contactId: db.prepare<[string], { id: number }>('SELECT id FROM contacts WHERE email = ?'),
    linkContact: db.prepare(
      'INSERT OR IGNORE INTO email_contacts (email_id, contact_id, role, created) VALUES (?, ?, ?, ?)',
    ),
    linkCompany: db.prepare('INSERT OR IGNORE INTO email_companies (email_id, domain) VALUES (?, ?)'),
    linkDeal: db.prepare('INSERT OR IGNORE INTO email_deals (email_id, deal_id) VALUES (?, ?)'),
    insertAttachment: db.prepare(
      'INSERT INTO attachments (email_id, sha256, filename, size) VALUES (?, ?, ?, ?)',
    ),
    insertResult: db.prepare(
      `INSERT INTO log_results (created_at, received_at, file, raw_sha256, message_id, route, status, owner,
                                duplicate_of, email_id, sync_target, result_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertKey: db.prepare('INSERT INTO identity_keys (key, email_id, log_result_id) VALUES (?, ?, ?)'),
    insertNotice: db.prepare(
      'INSERT INTO notices (log_result_id, recipient, reason, locale, sent, created_at) VALUES (?, ?, ?, ?, 0, ?)',
    ),
    insertOutbox: db.prepare(
      `INSERT INTO outbox (log_result_id, state, attempts, next_attempt_at, created_at, updated_at)
       VALUES (?, ?, 0, ?, ?, ?)`,
    ),
  };
}

/**
 * Writes one log result (docs/rules.md#results) and, when it is `logged`, the email with its content (B3, F5), the
 * contacts it creates (B4, F6) and every link (B7), its logged attachments (B8), its identity keys (R2) and its
 * outbox row (C3), all in the one transaction it returns.
 *
 * R2 under concurrent writers: the decision was made on facts read before this transaction, so another process
 * may have logged the same email since. Inside the transaction the keys are looked up again; if one is held by a
 * logged email, the result becomes a `duplicate` of it with nothing associated. The UNIQUE key of
 * `identity_keys` is the backstop: were the check ever wrong, the insert fails and nothing is written.
 */
export function createLogResultWriter(
  db: Database.Database,
  options: LogResultWriterOptions,
): LogResultWriter {
  const statements = prepareStatements(db);
  const raws = createRawMessageTable(db);

  function writeEmail(email: EmailToLog, decision: Decision): number {
    const info = statements.insertEmail.run(
      email.messageId,
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
      JSON.stringify(email.parts),
      decision.ownerId,
      decision.owner ?? '',
    );
    return Number(info.lastInsertRowid);
  }

  /** B4: create only what is still missing; a contact someone created meanwhile is linked, `created: false`. */
  function linkContacts(emailId: number, planned: ReadonlyArray<ContactToLink>, at: string): ContactLink[] {
    return planned.map((c) => {
      const email = normalizeAddress(c.email) ?? c.email;
      const inserted = statements.insertContact.run(email, c.name, c.company, at).changes === 1;
      const created = c.created && inserted;
      const id = statements.contactId.get(email)?.id;
      if (id === undefined) {
        throw new Error(`contact ${email} vanished inside the commit`);
      }
      statements.linkContact.run(emailId, id, c.role, created ? 1 : 0);
      return { email, created, role: c.role };
    });
  }

  function syncOf(status: Decision['status']): SyncState {
    // Only a logged email has anything to push; everything else stays in the local journal.
    return options.syncTarget === 'remote' && status === 'logged' ? 'pending' : 'local';
  }

  /** The email and what hangs off it, unless another writer logged it first (then a `duplicate` of that one). */
  function writeLogged(
    decision: Decision,
    keys: ReadonlyArray<string>,
    at: string,
  ): { decision: Decision; emailId: number | null; contacts: ReadonlyArray<ContactLink> } {
    const earlier = keys.length === 0 ? undefined : statements.loggedHolder.get(JSON.stringify(keys));
    if (earlier !== undefined) {
      return { decision: asDuplicate(decision, earlier.message_id), emailId: null, contacts: [] };
    }
    if (decision.email === undefined) {
      throw new Error('a logged decision must carry its email');
    }
    const emailId = writeEmail(decision.email, decision);
    const contacts = linkContacts(emailId, decision.contacts, at);
    decision.companies.forEach((domain) => statements.linkCompany.run(emailId, domain));
    decision.deals.forEach((deal) => statements.linkDeal.run(emailId, deal));
    decision.attachments.logged.forEach((a) =>
      statements.insertAttachment.run(emailId, a.sha256, a.filename, a.size),
    );
    return { decision, emailId, contacts };
  }

  return db.transaction((input: CommitInput): LogResult => {
    const at = options.now().toISOString();
    if (input.raw !== undefined && input.rawSha256 !== null) {
      raws.keep(input.rawSha256, input.raw);
    }
    const keys = keysOf(input.decision.identity);
    const { decision, emailId, contacts } =
      input.decision.status === 'logged'
        ? writeLogged(input.decision, keys, at)
        : { decision: input.decision, emailId: null, contacts: [] };
    const messageId = input.messageId !== undefined ? input.messageId : (decision.email?.messageId ?? null);
    const sync = syncOf(decision.status);
    const result = toLogResult(decision, {
      ...(input.file === undefined ? {} : { file: input.file }),
      messageId,
      contacts,
      sync,
    });
    const resultId = Number(
      statements.insertResult.run(
        at,
        input.receivedAt,
        input.file ?? null,
        input.rawSha256,
        messageId,
        decision.route,
        decision.status,
        decision.owner,
        result.duplicateOf ?? null,
        emailId,
        options.syncTarget,
        JSON.stringify(result),
      ).lastInsertRowid,
    );
    if (emailId !== null) {
      keys.forEach((key) => statements.insertKey.run(key, emailId, resultId));
      // One outbox row per logged result, in this same transaction (transactional outbox, C3). The local
      // backend is the CRM itself, so its row is born synced; it still marks every logged email in one place.
      const state = sync === 'pending' ? 'pending' : 'synced';
      statements.insertOutbox.run(resultId, state, at, at, at);
    }
    decision.notices.forEach((n) => statements.insertNotice.run(resultId, n.to, n.reason, n.locale, at));
    return result;
  });
}
