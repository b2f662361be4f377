import type Database from 'better-sqlite3';
import type { ContactToLink, EmailToLog } from '#shared/model/decision.js';
import type {
  BodyPart,
  Direction,
  EmailSource,
  LogResult,
  Notice,
  SyncState,
} from '#shared/model/log-result.js';
import type { NoticeReason } from '#shared/model/reason-code.js';
import type { StoredResult } from '../crm-backend.port.js';
import type { ResultsQuery } from './local-store.js';

type ResultRow = {
  id: number;
  created_at: string;
  file: string | null;
  result_json: string;
  sync_target: 'local' | 'remote';
  outbox_state: 'pending' | 'synced' | 'failed' | null;
  email_id: number | null;
};

type EmailRow = {
  message_id: string | null;
  direction: Direction;
  from_address: string;
  from_name: string;
  to_json: string;
  cc_json: string;
  subject: string;
  date: string | null;
  text: string | null;
  html: string | null;
  source: EmailSource;
  parts_json: string;
  owner_user_id: number | null;
};

type LinkRow = {
  email: string;
  name: string;
  company_domain: string | null;
  role: 'to' | 'cc' | 'sender';
  created: number;
};

const selectResult = `SELECT r.id, r.created_at, r.file, r.result_json, r.sync_target, r.email_id, o.state AS outbox_state
  FROM log_results r LEFT JOIN outbox o ON o.log_result_id = r.id`;

export type JournalEntry = { readonly id: number; readonly result: LogResult };

/** A journal entry with the instant it was committed (the local API's `at`). */
export type DatedEntry = JournalEntry & { readonly at: string };

/** One page of the journal, newest first (the window's list, docs/api.md `GET results`). */
export type EntriesPageQuery = {
  readonly limit: number;
  /** Entries with a journal id below this one. */
  readonly before?: number;
  readonly status?: LogResult['status'];
  readonly sync?: 'pending' | 'failed';
  /** Matched, case-insensitively, anywhere in the stored result (subject, addresses, owner, reason codes). */
  readonly q?: string;
};

export type ResultsReader = {
  list(query?: ResultsQuery): ReadonlyArray<LogResult>;
  /** `list` with each result's journal id, the handle of `retry`, `reprocess` and `forget` (C6). */
  entries(query?: ResultsQuery): ReadonlyArray<JournalEntry>;
  stored(id: number): StoredResult | null;
  forRaw(rawSha256: string): { readonly id: number; readonly result: LogResult } | null;
  page(query: EntriesPageQuery): ReadonlyArray<DatedEntry>;
  dated(id: number): DatedEntry | null;
};

/**
 * Reads the journal back as docs/rules.md#results objects. The JSON written at commit is the record; the two things that change
 * after it are read live: `sync` (from the outbox row, C3) and each notice's `sent` (N2).
 */
export function createResultsReader(db: Database.Database): ResultsReader {
  const statements = {
    list: db.prepare<[string, number], ResultRow>(
      `${selectResult} WHERE r.created_at >= ? ORDER BY r.id LIMIT ?`,
    ),
    one: db.prepare<[number], ResultRow>(`${selectResult} WHERE r.id = ?`),
    // Newest first by the primary key, so a page costs its own rows however long the journal is.
    page: db.prepare<
      { before: number; status: string | null; sync: string | null; q: string | null; limit: number },
      ResultRow
    >(
      `${selectResult} WHERE r.id < @before
         AND (@status IS NULL OR r.status = @status)
         AND (@sync IS NULL OR (r.sync_target = 'remote' AND o.state = @sync))
         AND (@q IS NULL OR r.result_json LIKE @q ESCAPE '\\')
       ORDER BY r.id DESC LIMIT @limit`,
    ),
    forRaw: db.prepare<[string], ResultRow>(
      `${selectResult} WHERE r.raw_sha256 = ? AND NOT EXISTS
         (SELECT 1 FROM json_each(r.result_json, '$.reasons') WHERE value = 'storage-error')
       ORDER BY r.id DESC LIMIT 1`,
    ),
    notices: db.prepare<[number], { recipient: string; reason: NoticeReason; sent: number }>(
      'SELECT recipient, reason, sent FROM notices WHERE log_result_id = ? ORDER BY id',
    ),
    email: db.prepare<[number], EmailRow>('SELECT * FROM emails WHERE id = ?'),
    links: db.prepare<[number], LinkRow>(
      `SELECT c.email, c.name, c.company_domain, l.role, l.created
       FROM email_contacts l JOIN contacts c ON c.id = l.contact_id WHERE l.email_id = ? ORDER BY l.rowid`,
    ),
  };

  function toResult(row: ResultRow): LogResult {
    const stored = JSON.parse(row.result_json) as LogResult;
    const notices: ReadonlyArray<Notice> = statements.notices
      .all(row.id)
      .map((n) => ({ to: n.recipient, reason: n.reason, sent: n.sent === 1 }));
    const sync: SyncState =
      row.sync_target === 'remote' && row.outbox_state !== null ? row.outbox_state : 'local';
    return { ...stored, notices, sync };
  }

  function list(query: ResultsQuery = {}): ReadonlyArray<LogResult> {
    return entries(query).map((e) => e.result);
  }

  function entries(query: ResultsQuery = {}): ReadonlyArray<JournalEntry> {
    let since = '';
    if (query.since !== undefined) {
      const ms = Date.parse(query.since);
      if (Number.isNaN(ms)) {
        throw new RangeError(`since: not a date: ${query.since}`);
      }
      since = new Date(ms).toISOString();
    }
    const limit = query.limit ?? -1; // SQLite: a negative LIMIT is no limit
    return statements.list.all(since, limit).map((row) => ({ id: row.id, result: toResult(row) }));
  }

  function stored(id: number): StoredResult | null {
    const row = statements.one.get(id);
    if (row === undefined) {
      return null;
    }
    const result = toResult(row);
    const email = row.email_id === null ? undefined : statements.email.get(row.email_id);
    if (row.email_id === null || email === undefined) {
      return { id, result, logged: null };
    }
    const content: EmailToLog = {
      direction: email.direction,
      from: email.from_address,
      fromName: email.from_name,
      to: JSON.parse(email.to_json) as string[],
      cc: JSON.parse(email.cc_json) as string[],
      subject: email.subject,
      date: email.date,
      source: email.source,
      parts: JSON.parse(email.parts_json) as BodyPart[],
      text: email.text,
      html: email.html,
      messageId: email.message_id,
    };
    const contacts: ReadonlyArray<ContactToLink> = statements.links.all(row.email_id).map((l) => ({
      email: l.email,
      name: l.name,
      company: l.company_domain,
      role: l.role,
      created: l.created === 1,
    }));
    return { id, result, logged: { email: content, ownerId: email.owner_user_id, contacts } };
  }

  /**
   * C1: the result already committed for these raw bytes, if any (a storage error does not count: that message
   * was never really processed). A companion that crashed between its commit and its MOVE finds the message
   * again in Processing, and must file it by this result instead of logging it twice.
   */
  function forRaw(rawSha256: string): { readonly id: number; readonly result: LogResult } | null {
    const row = statements.forRaw.get(rawSha256);
    return row === undefined ? null : { id: row.id, result: toResult(row) };
  }

  function page(query: EntriesPageQuery): ReadonlyArray<DatedEntry> {
    const q = query.q?.trim() ?? '';
    const rows = statements.page.all({
      before: query.before ?? Number.MAX_SAFE_INTEGER,
      status: query.status ?? null,
      sync: query.sync ?? null,
      q: q === '' ? null : `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
      limit: query.limit,
    });
    return rows.map((row) => ({ id: row.id, at: row.created_at, result: toResult(row) }));
  }

  function dated(id: number): DatedEntry | null {
    const row = statements.one.get(id);
    return row === undefined ? null : { id, at: row.created_at, result: toResult(row) };
  }

  return { list, entries, stored, forRaw, page, dated };
}
