import type { CrmData, Facts, FactsQuery, Locale, Settings, User } from '#shared/model/crm-data.js';
import type { Decision } from '#shared/model/decision.js';
import type { LogResult } from '#shared/model/log-result.js';
import type { Logger } from '../../core/logger.js';
import type { StoredResult } from '../crm-backend.port.js';
import type { JournalOperations } from './journal-operations.js';
import type { JournalStats } from './journal-stats.js';
import type { NoticeQueue } from './notice-queue.js';
import type { OutboxQueue } from './outbox-queue.js';
import type { DatedEntry, EntriesPageQuery } from './read-results.js';

export type LocalStoreOptions = {
  /**
   * `remote` when a remote backend (HubSpot, PostgreSQL) is configured: logged results are then enqueued as
   * `pending` in the outbox and report `sync: 'pending'` until pushed (C3). Default `local`.
   */
  readonly syncTarget?: 'local' | 'remote';
  /** How long a writer waits for another process's transaction, in ms (default 10 s). */
  readonly busyTimeoutMs?: number;
  /** The clock, for tests. */
  readonly now?: () => Date;
  /** Where a tightened permission is reported (C1). */
  readonly logger?: Logger;
};

export type CommitInput = {
  readonly decision: Decision;
  /** The file name the CLI printed the result for (docs/rules.md#results `file`). */
  readonly file?: string;
  readonly rawSha256: string | null;
  /**
   * The raw bytes of `rawSha256` when they are not a blob file (a small message of the back-fill or the intake): kept in the store in
   * this same transaction (`raw_messages`), so the result never names bytes a crash lost.
   */
  readonly raw?: Uint8Array;
  /** When the intake received the message (ISO-8601). */
  readonly receivedAt: string;
  /** docs/rules.md#results `messageId`: the processed message's own Message-ID. Default: the logged email's. */
  readonly messageId?: string | null;
  /** C1: the IMAP MOVE that follows relies on this commit surviving power loss, so it runs `synchronous=FULL`. */
  readonly durable?: boolean;
};

/** Per record kind: rows new to the store, and rows that were there and were overwritten. */
export type Upserted = { readonly created: number; readonly updated: number };

export type CrmImportSummary = {
  readonly users: Upserted;
  readonly companies: Upserted;
  readonly contacts: Upserted;
  readonly deals: Upserted;
  /** The size of the account never-log list after the import, or null when CRM.json had none (kept as was). */
  readonly neverLog: number | null;
  /** The settings CRM.json set. */
  readonly settings: ReadonlyArray<keyof Settings>;
};

export type NewUser = {
  /** Default: one more than the highest id. */
  readonly id?: number;
  readonly email: string;
  readonly name?: string;
  readonly locale?: Locale;
};

export type UserPatch = { readonly email?: string; readonly name?: string | null; readonly locale?: Locale };

/** Either personal logging address (C1); null removes it, absent leaves it. */
export type PersonalAddresses = {
  readonly bccAddress?: string | null;
  readonly forwardingAddress?: string | null;
};

export type ResultsQuery = { readonly since?: string; readonly limit?: number };

/**
 * The embedded CRM and journal (docs/architecture.md "CrmBackend is a port"), synchronous because better-sqlite3 is.
 * Users are named by their primary address. Administration methods throw `CrmStoreError`.
 */
export type LocalStore = {
  /** The SQLite file. */
  readonly path: string;
  /** docs/rules.md#results `--crm`: upserts CRM.json (validated with `validateCrmData`) in one transaction. */
  importCrm(data: CrmData): CrmImportSummary;
  settings(): Settings;
  /** Changes whenever users, settings or never-log lists change (any connection, any process). */
  accountRevision(): number;
  fetchFacts(query: FactsQuery): Facts;
  /** Writes one log result and, when logged, everything it associates, in one transaction (R2 enforced). */
  commit(input: CommitInput): LogResult;
  /**
   * Back-fill: until `endBatch`, each commit is a savepoint inside one open transaction that is
   * committed every `maxCommits` commits, so a page touched by many messages (an index leaf) is written once per
   * batch rather than once per message. Only where no IMAP MOVE depends on the commit: a durable commit ends
   * the open batch first. A crash loses the open batch's results, never a source (the back-fill runs again; R2
   * reports what was already logged as a duplicate).
   */
  beginBatch(maxCommits?: number): void;
  /** Commits the open batch (a no-op without one) and ends batching. */
  endBatch(): void;
  /** docs/rules.md#results `results`: oldest first. */
  listResults(query?: ResultsQuery): ReadonlyArray<LogResult>;
  /** `listResults` with each result's journal id (the handle of C6's retry, reprocess, forget). */
  listEntries(query?: ResultsQuery): ReadonlyArray<{ readonly id: number; readonly result: LogResult }>;
  /** The local API's list: one page, newest first, with each entry's commit time. */
  pageEntries(query: EntriesPageQuery): ReadonlyArray<DatedEntry>;
  /** One entry with its commit time, or null. */
  datedEntry(id: number): DatedEntry | null;
  /** The raw bytes kept in the store under `rawSha256` (`CommitInput.raw`), or null: a blob file, or gone. */
  rawMessage(rawSha256: string): Buffer | null;
  /** C1: the result already committed for these raw bytes (never a storage error), newest first. */
  resultForRaw(rawSha256: string): { readonly id: number; readonly result: LogResult } | null;
  /** One result with the content a remote backend needs (C3), by its journal id. */
  storedResult(id: number): StoredResult | null;
  listUsers(): ReadonlyArray<User>;
  addUser(input: NewUser): User;
  updateUser(userEmail: string, patch: UserPatch): User;
  addAlias(userEmail: string, alias: string): User;
  removeAlias(userEmail: string, alias: string): User;
  setPersonalAddresses(userEmail: string, addresses: PersonalAddresses): User;
  /** A new random token for the user; the old one stops working at once. */
  rotateToken(userEmail: string): string;
  /** The account list, or the user's personal list when `userEmail` is given (docs/rules.md#words). */
  listNeverLog(userEmail?: string): ReadonlyArray<string>;
  /** Returns the entry as stored (normalised). */
  addNeverLog(entry: string, userEmail?: string): string;
  /** Whether the entry was on the list. */
  removeNeverLog(entry: string, userEmail?: string): boolean;
  /**
   * C1 retention: forgets the raw bytes of rejected, skipped and duplicate results committed before `before`
   * (ISO-8601) that nothing else needs (deleting those kept in the store), and returns their sha256s for the blob
   * store to delete.
   */
  releaseExpiredRaw(before: string): ReadonlyArray<string>;
  close(): void;
} & NoticeQueue & // N1–N2: notices to send (notice-queue.ts)
  OutboxQueue & // C3: the sync worker's outbox (outbox-queue.ts)
  JournalOperations & // C6: retry, reprocess, forget (journal-operations.ts)
  JournalStats; // the window's chart and failure badge (journal-stats.ts)
