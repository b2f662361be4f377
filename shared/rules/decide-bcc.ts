import type { Facts, User } from '../model/crm-data.js';
import type { Decision } from '../model/decision.js';
import type { ParsedMessage, Route } from '../model/parsed-message.js';
import type { ReasonCode } from '../model/reason-code.js';
import type { AccountIndex } from './account-index.js';
import {
  duplicateDecision,
  identityOf,
  emailOfMessage,
  loggedDecision,
  rejectedDecision,
  skippedDecision,
  type EmailDraft,
} from './assemble-decision.js';
import { classifyRecipients } from './classify-recipients.js';
import { resolveOwner } from './resolve-owner.js';
import type { Routing } from './resolve-route.js';

/** B1–B2 then B3–B8: an outgoing email logged from the sender's own message. */
export function decideBcc(
  message: ParsedMessage,
  routing: Routing,
  facts: Facts,
  index: AccountIndex,
): Decision {
  const ownership = resolveOwner(message, routing, index);
  if (!ownership.ok) {
    return rejectedDecision('bcc', ownership.error.reason, message, null, index);
  }
  const { owner, ambiguous } = ownership.value;
  return decideOutgoing('bcc', message, owner, ambiguous ? ['ambiguous-owner'] : [], facts, index);
}

/**
 * B3–B8 for a sender's own message, owned by `owner`: BCC logs, and log-now of a message the user sent (where
 * the Bcc line is visible, B5).
 */
export function decideOutgoing(
  route: Route,
  message: ParsedMessage,
  owner: User,
  statusReasons: ReadonlyArray<ReasonCode>,
  facts: Facts,
  index: AccountIndex,
): Decision {
  const draft: EmailDraft = {
    email: emailOfMessage(message, 'outgoing', 'message'),
    attachments: message.attachments,
  };
  const identity = identityOf(draft.email);
  const duplicate = duplicateDecision(route, owner, draft, identity, facts);
  if (duplicate) {
    return duplicate;
  }
  const { candidates, skipped } = classifyRecipients(message, owner, index, facts.neverLog);
  if (candidates.length === 0) {
    return skippedDecision({
      route,
      owner,
      reasons: ['no-loggable-recipients', ...statusReasons],
      draft,
      identity,
      skippedRecipients: skipped,
    });
  }
  return loggedDecision({
    route,
    owner,
    statusReasons,
    draft,
    identity,
    candidates,
    skippedRecipients: skipped,
    message,
    facts,
    index,
  });
}
