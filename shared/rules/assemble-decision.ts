import { normalizeAddress } from '../address/normalize-address.js';
import type { Facts, User } from '../model/crm-data.js';
import type { Decision, EmailToLog, IdentityKeys } from '../model/decision.js';
import type {
  BodyPart,
  Direction,
  EmailSource,
  ForwardSummary,
  SkippedRecipient,
} from '../model/log-result.js';
import type { MailAddress, ParsedAttachment, ParsedMessage, Route } from '../model/parsed-message.js';
import type { ReasonCode } from '../model/reason-code.js';
import type { AccountIndex } from './account-index.js';
import type { Candidate } from './classify-recipients.js';
import { identityKeys } from './identity-keys.js';
import { linkContacts } from './link-contacts.js';
import { planNotices } from './plan-notices.js';
import { splitAttachments } from './split-attachments.js';
import { textOf } from './text-of.js';
import { nothingAssociated } from './nothing-associated.js';

/** The email a route has settled on logging, before R2 and the associations. */
export type EmailDraft = {
  readonly email: EmailToLog;
  readonly attachments: ReadonlyArray<ParsedAttachment>;
  readonly forward?: ForwardSummary;
};

function ownerAddress(owner: User): string {
  return normalizeAddress(owner.email) ?? owner.email.toLowerCase();
}

export function normalizedList(addresses: ReadonlyArray<MailAddress>): ReadonlyArray<string> {
  return [
    ...new Set(addresses.map((a) => normalizeAddress(a.address)).filter((a): a is string => a !== null)),
  ];
}

export function partsOf(body: { text: string | null; html: string | null }): ReadonlyArray<BodyPart> {
  const parts: BodyPart[] = [];
  if (body.text !== null && body.text !== '') {
    parts.push('text');
  }
  if (body.html !== null && body.html !== '') {
    parts.push('html');
  }
  return parts;
}

/**
 * A message's own headers and body as the email to log (B3, F9's attached original, A5's log-now): the sender is
 * From's single address, the text derived from the HTML when there is none (F4).
 */
export function emailOfMessage(
  message: ParsedMessage,
  direction: Direction,
  source: EmailSource,
): EmailToLog {
  return {
    direction,
    from: normalizedList(message.from)[0] ?? '',
    fromName: message.from[0]?.name.trim() ?? '',
    to: normalizedList(message.to),
    cc: normalizedList(message.cc),
    subject: message.subject,
    date: message.date,
    source,
    parts: partsOf(message),
    text: textOf(message),
    html: message.html,
    messageId: message.messageId,
  };
}

/** The status's own reasons first, then each skipped recipient's and dropped attachment's (docs/rules.md#results), once each. */
function unionReasons(...groups: ReadonlyArray<ReadonlyArray<ReasonCode>>): ReadonlyArray<ReasonCode> {
  return [...new Set(groups.flat())];
}

/**
 * B1/B2/F1/F3/F6/F8 and friends: nothing is written, and the notice rules decide who hears of it (N1). The result
 * still says which mail it was (subject, sender, date): the original when it was read (`draft`), else the message
 * itself, so that a refusal can be told apart from the others in the tray and the CLI.
 */
export function rejectedDecision(
  route: Route,
  reason: ReasonCode,
  message: ParsedMessage,
  owner: User | null,
  index: AccountIndex,
  draft?: EmailDraft,
): Decision {
  const email = draft?.email ?? emailOfMessage(message, route === 'bcc' ? 'outgoing' : 'incoming', 'message');
  return {
    route,
    status: 'rejected',
    reasons: [reason],
    owner: owner === null ? null : ownerAddress(owner),
    ownerId: owner?.id ?? null,
    email,
    ...(draft?.forward ? { forward: draft.forward } : {}),
    ...nothingAssociated(),
    notices: planNotices([reason], message, owner, index),
    identity: { messageId: null, contentKey: null },
  };
}

export function identityOf(email: EmailToLog): IdentityKeys {
  return identityKeys({
    messageId: email.messageId,
    from: email.from,
    date: email.date,
    subject: email.subject,
    direction: email.direction,
  });
}

/** R2: an email already logged under one of these keys is reported as a duplicate of it, with nothing linked. */
export function duplicateDecision(
  route: Route,
  owner: User,
  draft: EmailDraft,
  identity: IdentityKeys,
  facts: Facts,
): Decision | null {
  const earlier = facts.logged.find((l) => l.key === identity.messageId || l.key === identity.contentKey);
  if (earlier === undefined) {
    return null;
  }
  return {
    route,
    status: 'duplicate',
    reasons: [],
    owner: ownerAddress(owner),
    ownerId: owner.id,
    duplicateOf: earlier.messageId,
    email: draft.email,
    ...(draft.forward ? { forward: draft.forward } : {}),
    ...nothingAssociated(),
    notices: [],
    identity,
  };
}

/**
 * The end of every route that logs something: associations (B4/B7, F6/F7), attachments (B8), the reasons'
 * union and the notices (N1). `statusReasons` are reasons carried by a logged result (`ambiguous-owner`).
 */
export function loggedDecision(input: {
  readonly route: Route;
  readonly owner: User;
  readonly statusReasons: ReadonlyArray<ReasonCode>;
  readonly draft: EmailDraft;
  readonly identity: IdentityKeys;
  readonly candidates: ReadonlyArray<Candidate>;
  readonly skippedRecipients: ReadonlyArray<SkippedRecipient>;
  readonly message: ParsedMessage;
  readonly facts: Facts;
  readonly index: AccountIndex;
}): Decision {
  const links = linkContacts(input.candidates, input.facts);
  const attachments = splitAttachments(input.draft.attachments, input.facts.settings.attachmentLimitMB);
  const reasons = unionReasons(
    input.statusReasons,
    input.skippedRecipients.map((s) => s.reason),
    attachments.dropped.map((d) => d.reason),
  );
  return {
    route: input.route,
    status: 'logged',
    reasons,
    owner: ownerAddress(input.owner),
    ownerId: input.owner.id,
    email: input.draft.email,
    ...(input.draft.forward ? { forward: input.draft.forward } : {}),
    contacts: links.contacts,
    skippedRecipients: input.skippedRecipients,
    companies: links.companies,
    deals: links.deals,
    attachments,
    notices: planNotices(reasons, input.message, input.owner, input.index),
    identity: input.identity,
  };
}

/** A result that logs nothing but is not an error: B6, F6's never-log and internal senders. */
export function skippedDecision(input: {
  readonly route: Route;
  readonly owner: User;
  readonly reasons: ReadonlyArray<ReasonCode>;
  readonly draft: EmailDraft;
  readonly identity: IdentityKeys;
  readonly skippedRecipients: ReadonlyArray<SkippedRecipient>;
}): Decision {
  return {
    route: input.route,
    status: 'skipped',
    reasons: unionReasons(
      input.reasons,
      input.skippedRecipients.map((s) => s.reason),
    ),
    owner: ownerAddress(input.owner),
    ownerId: input.owner.id,
    email: input.draft.email,
    ...(input.draft.forward ? { forward: input.draft.forward } : {}),
    ...nothingAssociated(),
    skippedRecipients: input.skippedRecipients,
    notices: [],
    identity: input.identity,
  };
}
