import type { IdentityKeys } from '#shared/model/decision.js';
import { ok, type Result } from '#shared/util/result.js';
import type { PushFailure, PushReceipt, StoredResult } from '../crm-backend.port.js';
import { emailKey } from './email-key.js';
import type { EmailLookup, FoundEmail } from './find-logged-emails.js';
import { identityOf } from '#shared/rules/assemble-decision.js';

export type PushOutcome = Result<PushReceipt, PushFailure>;

/** A logged result on its way to HubSpot: where its outcome goes in the batch, and the keys it is found by. */
export type Pending = {
  readonly index: number;
  /** The store's own key (`<store id>:<result id>`, docs/hubspot.md#idempotency). */
  readonly key: string;
  /** R2's identity keys (docs/rules.md#r2). */
  readonly identity: IdentityKeys;
  readonly stored: StoredResult;
};

/**
 * Splits a batch into what goes to HubSpot and what has nothing to write: a skipped, rejected or duplicate
 * result is answered `synced` at once (nothing of it goes remote). `offset` is the batch's place in the push.
 */
export function pendingResults(
  batch: ReadonlyArray<StoredResult>,
  offset: number,
  storeId: string,
): { readonly pending: Pending[]; readonly nothingToWrite: number[] } {
  const pending: Pending[] = [];
  const nothingToWrite: number[] = [];
  batch.forEach((stored, i) => {
    if (stored.logged === null || stored.result.status !== 'logged') {
      nothingToWrite.push(offset + i);
    } else {
      pending.push({
        index: offset + i,
        key: emailKey(storeId, stored.id),
        identity: identityOf(stored.logged.email),
        stored,
      });
    }
  });
  return { pending, nothingToWrite };
}

/** What to look for; `mayExist` says an earlier push of it may have written it (then its own key is read too). */
export function lookupOf(p: Pending, mayExist: boolean): EmailLookup {
  return { key: p.key, identity: p.identity, mayExist };
}

/** The outcome of a result HubSpot already holds: its own earlier write, or another store's (R2, docs/rules.md#c3). */
export function foundOutcome(found: FoundEmail): PushOutcome {
  return found.kind === 'own'
    ? ok({ sync: 'synced', remoteId: found.id })
    : ok({ sync: 'synced', remoteId: found.id, duplicateOf: found.duplicateOf });
}
