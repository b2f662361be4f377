import type { Facts, FactsQuery } from '#shared/model/crm-data.js';
import type { Decision } from '#shared/model/decision.js';
import type { Envelope, ParsedMessage } from '#shared/model/parsed-message.js';
import type { ReasonCode } from '#shared/model/reason-code.js';
import { decide } from '#shared/rules/decide.js';
import { namesToRetry, neededFacts } from '#shared/rules/needed-facts.js';
import type { CrmBackend } from '../crm/crm-backend.port.js';
import { createLocalCrmBackend } from '../crm/local/create-local-crm-backend.js';
import type { LocalStore } from '../crm/local/local-store.js';
import { fromStore, PipelineError } from './pipeline-error.js';

/** Decides one parsed message; `rawSha256` only names the message in a `PipelineError`. */
export type DecideWithFacts = (
  message: ParsedMessage,
  envelope: Envelope,
  rawSha256: string | null,
) => Promise<Decision>;

/**
 * The facts of one message and `decide()` over them: the owner checks first on local facts when the backend is
 * remote (B2), then the facts the message needs from the backend (the local store when there is none), a second
 * lookup of a forwarded sender shown by name only (F6), and the decision's own identity keys (R2). A store failure
 * is a `PipelineError` `STORE.UNAVAILABLE`, a backend failure `CRM.UNAVAILABLE`.
 */
export function createFactsDecider(
  store: Pick<LocalStore, 'fetchFacts'>,
  backend: CrmBackend | undefined,
): DecideWithFacts {
  // Facts are read one way, through a CrmBackend: the local one when the CRM is the store itself.
  const crm = backend ?? createLocalCrmBackend(store);
  async function fetchFacts(query: FactsQuery, rawSha256: string | null): Promise<Facts> {
    try {
      return await crm.fetchFacts(query);
    } catch (error) {
      // One name for a SQLite failure, whichever command hit it; another for a remote CRM's.
      throw crm.kind === 'local'
        ? new PipelineError('STORE.UNAVAILABLE', 'the local store failed', { cause: error, rawSha256 })
        : new PipelineError('CRM.UNAVAILABLE', `the ${crm.kind} CRM backend failed`, {
            cause: error,
            rawSha256,
          });
    }
  }

  return async function decideParsed(
    message: ParsedMessage,
    envelope: Envelope,
    rawSha256: string | null,
  ): Promise<Decision> {
    if (crm.kind !== 'local') {
      // B2: nothing that costs the backend something before B1/B2/F1 accept the sender. Users, tokens and
      // settings are local, so the owner checks need no contact: a sender they refuse is refused here.
      const local = fromStore(
        () => store.fetchFacts({ addresses: [], names: [], identityKeys: [] }),
        rawSha256,
      );
      const early = decide(message, envelope, local);
      if (isSenderRefused(early)) {
        return early;
      }
    }
    let facts = await fetchFacts(neededFacts(message), rawSha256);
    let decision = decide(message, envelope, facts);
    // F6: a forwarded sender shown by name only is looked up by that name, once.
    const names = namesToRetry(decision);
    if (names.length > 0) {
      const byName = await fetchFacts({ addresses: [], names, identityKeys: [] }, rawSha256);
      facts = { ...facts, contacts: [...facts.contacts, ...byName.contacts] };
      decision = decide(message, envelope, facts);
    }
    // R2: look the decision's own identity keys up, and decide again only when one is already logged.
    const keys = [decision.identity.messageId, decision.identity.contentKey].filter(
      (k): k is string => k !== null,
    );
    if (keys.length === 0) {
      return decision;
    }
    const { logged } = fromStore(
      () => store.fetchFacts({ addresses: [], names: [], identityKeys: keys }),
      rawSha256,
    );
    return logged.length === 0 ? decision : decide(message, envelope, { ...facts, logged });
  };
}

/** Reasons of the owner checks (B1, B2, F1, DMARC): they depend on users and settings only. */
const senderReasons: ReadonlySet<ReasonCode> = new Set<ReasonCode>([
  'sender-not-user',
  'token-mismatch',
  'token-required',
  'dmarc-fail',
]);

/** Whether a decision refuses the message for who sent it, which no contact fact can change. */
function isSenderRefused(decision: Decision): boolean {
  return decision.status === 'rejected' && decision.reasons.some((r) => senderReasons.has(r));
}
