import { normalizeAddress } from '../address/normalize-address.js';
import type { Facts, User } from '../model/crm-data.js';
import type { Decision } from '../model/decision.js';
import type { ParsedMessage, Route } from '../model/parsed-message.js';
import { addressesOf, type AccountIndex } from './account-index.js';
import {
  duplicateDecision,
  identityOf,
  loggedDecision,
  rejectedDecision,
  skippedDecision,
  type EmailDraft,
} from './assemble-decision.js';
import { skipReasonFor } from './classify-recipients.js';
import { readForwardedOriginal } from './read-forwarded-original.js';
import { resolveOwner } from './resolve-owner.js';
import type { Routing } from './resolve-route.js';

/** F1 then F2–F9: an incoming email logged from what a user forwarded. */
export function decideForward(
  message: ParsedMessage,
  routing: Routing,
  facts: Facts,
  index: AccountIndex,
): Decision {
  const ownership = resolveOwner(message, routing, index);
  if (!ownership.ok) {
    return rejectedDecision('forward', ownership.error.reason, message, null, index);
  }
  const { owner, ambiguous } = ownership.value;
  const original = readForwardedOriginal(message, addressesOf(owner), index);
  if (!original.ok) {
    return rejectedDecision('forward', original.error, message, owner, index);
  }
  return decideIncoming('forward', message, owner, ambiguous, original.value, facts, index);
}

/**
 * F5–F7 (and B8 through the shared ending) for an incoming email whose original is known: logged from the
 * original sender, dated by the original date, owned by the forwarder (or the log-now user).
 */
export function decideIncoming(
  route: Route,
  message: ParsedMessage,
  owner: User,
  ambiguous: boolean,
  draft: EmailDraft & { readonly senderName: string; readonly senderAddress: string | null },
  facts: Facts,
  index: AccountIndex,
): Decision {
  const sender = draft.senderAddress ?? contactByUniqueName(draft.senderName, facts);
  if (sender === null) {
    return rejectedDecision(route, 'forward-sender-unknown', message, owner, index, draft);
  }
  const withSender: EmailDraft = { ...draft, email: { ...draft.email, from: sender } };
  const identity = identityOf(withSender.email);
  const duplicate = duplicateDecision(route, owner, withSender, identity, facts);
  if (duplicate) {
    return duplicate;
  }
  const statusReasons = ambiguous ? (['ambiguous-owner'] as const) : [];
  const skip = skipReasonFor(sender, owner, index, facts.neverLog);
  if (skip !== null) {
    const reason = skip === 'never-log' ? 'original-sender-never-log' : 'internal-recipient';
    return skippedDecision({
      route,
      owner,
      reasons: [reason, ...statusReasons],
      draft: withSender,
      identity,
      skippedRecipients: [],
    });
  }
  return loggedDecision({
    route,
    owner,
    statusReasons,
    draft: withSender,
    identity,
    candidates: [{ email: sender, name: draft.senderName, role: 'sender' }],
    skippedRecipients: [],
    message,
    facts,
    index,
  });
}

/** F6: a sender shown without an address (Exchange) is a contact only when exactly one has that exact name. */
function contactByUniqueName(name: string, facts: Facts): string | null {
  const wanted = name.trim();
  const matches = wanted === '' ? [] : facts.contacts.filter((c) => c.name.trim() === wanted);
  return matches.length === 1 && matches[0] ? normalizeAddress(matches[0].email) : null;
}
