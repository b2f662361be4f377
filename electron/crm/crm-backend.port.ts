import type { Facts, FactsQuery } from '#shared/model/crm-data.js';
import type { ContactToLink, EmailToLog } from '#shared/model/decision.js';
import type { LogResult } from '#shared/model/log-result.js';
import type { Result } from '#shared/util/result.js';

/**
 * The port through which the pipeline and the sync worker (C3) reach a CRM (docs/architecture.md "CrmBackend is a port").
 * The embedded SQLite CRM implements it now; HubSpot and the team PostgreSQL will. Deliberately narrow: reading
 * the facts one message needs, and pushing one committed result. Administration and the journal stay on the
 * local store, which is the durable record whatever the backend.
 */
export type CrmBackend = {
  readonly kind: 'local' | 'hubspot' | 'postgres';
  /**
   * Read-through (docs/rules.md#words "Facts"): the facts for just the addresses, display names and identity keys of one
   * message, plus every user, the settings and the never-log lists. R2 holds only if `logged` is answered by the
   * store that enforces identity keys.
   */
  fetchFacts(query: FactsQuery): Promise<Facts>;
  /**
   * Writes one committed result to the CRM (C3). Idempotent by `StoredResult.id`: the outbox retries after a crash
   * with the same id, and the backend must not write twice. The local backend has nothing to push.
   */
  pushResult(result: StoredResult): Promise<Result<PushReceipt, PushFailure>>;
};

/** A result as the local journal holds it, with the content a remote backend needs to write it (C3). */
export type StoredResult = {
  /** The journal's id of the result: stable, never reused, the idempotency key of every remote write. */
  readonly id: number;
  readonly result: LogResult;
  /** What was logged, with its content; null unless the status is 'logged'. */
  readonly logged: LoggedEmail | null;
  /**
   * False only when no push of this result was ever started (the outbox's first claim of it): nothing can be in
   * the remote CRM yet, so the backend may create without looking first. Absent means "may have been": look.
   */
  readonly pushedBefore?: boolean;
};

export type LoggedEmail = {
  readonly email: EmailToLog;
  readonly ownerId: number | null;
  /** The associated contacts with the name and company a created one was given (B4, B7). */
  readonly contacts: ReadonlyArray<ContactToLink>;
};

/**
 * `local`: nothing to push (the local store is the CRM); `synced`: the backend has it, under `remoteId`.
 * `duplicateOf`: R2 across users (docs/rules.md#c3): the backend already held this email, written from another
 * store; nothing was written, `remoteId` is that email, and the local result is a `duplicate` of what this names
 * (its Message-ID, or the identity key they share).
 */
export type PushReceipt = {
  readonly sync: 'local' | 'synced';
  readonly remoteId?: string;
  readonly duplicateOf?: string;
};

/** Why a push failed, and whether the outbox should try again (and not before `retryAfterMs`). */
export type PushFailure = {
  readonly code: 'CRM.RATE_LIMITED' | 'CRM.UNAVAILABLE' | 'CRM.REJECTED';
  readonly message: string;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
};
