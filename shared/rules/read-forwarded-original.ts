import { normalizeAddress } from '../address/normalize-address.js';
import { extractForward, type ForwardExtraction } from '../forward/extract-forward.js';
import type { ForwardInput } from '../forward/extract-forwarded-block.js';
import { firstQuotedFromOthers } from '../forward/extract-quoted-history.js';
import { stripSubjectPrefixes } from '../forward/subject-prefix.js';
import type { ParsedMessage } from '../model/parsed-message.js';
import { err, ok, type Result } from '../util/result.js';
import type { AccountIndex } from './account-index.js';
import { emailOfMessage, normalizedList, partsOf, type EmailDraft } from './assemble-decision.js';

export type OriginalDraft = EmailDraft & {
  readonly senderName: string;
  /** Null when the forward showed only a name (Outlook with Exchange senders, F6). */
  readonly senderAddress: string | null;
};

type Unreadable = 'forward-format-unrecognized' | 'forward-of-own-message';

/**
 * F2, F3, F8, F9: the original email inside what reached the forwarding address.
 * - F9: an attached original (`message/rfc822`) is read from its own exact headers.
 * - F2: else the forwarded-message block a mail client wrote.
 * - F8: when the newest message is the forwarder's own (a forwarded own reply, or a reply with the forwarding
 *   address in Cc), the newest quoted message from someone outside the account, with address and date.
 */
export function readForwardedOriginal(
  message: ParsedMessage,
  ownAddresses: ReadonlyArray<string>,
  index: AccountIndex,
): Result<OriginalDraft, Unreadable> {
  const attached = message.attachedMessages[0];
  if (attached !== undefined) {
    const original = fromAttachedMessage(attached);
    const isOwn = original.senderAddress !== null && ownAddresses.includes(original.senderAddress);
    // F8 as much as F9: an attached message of the forwarder's own (their reply) is read for what it quotes.
    return isOwn
      ? readInline(attached, extractForward(forwardInputOf(attached)), ownAddresses, index)
      : ok(original);
  }
  // Computed in the parse worker when there is one (C7); the same reading otherwise.
  return readInline(
    message,
    message.forwardExtraction ?? extractForward(forwardInputOf(message)),
    ownAddresses,
    index,
  );
}

/** What the forward parser reads of a message: the one place a `ParsedMessage` becomes its input. */
export function forwardInputOf(message: ParsedMessage): ForwardInput {
  return {
    text: message.text,
    html: message.html,
    subject: message.subject,
    dateOffsetMinutes: message.dateOffsetMinutes,
    forwardDate: message.date,
  };
}

/** F2 and F8 on a message's own body: the forwarded block, else the newest quoted message from someone else. */
function readInline(
  message: ParsedMessage,
  extraction: ForwardExtraction,
  ownAddresses: ReadonlyArray<string>,
  index: AccountIndex,
): Result<OriginalDraft, Unreadable> {
  const block = extraction.block;
  const blockSender = block?.from.address ? normalizeAddress(block.from.address) : null;
  const isOwnBlock = blockSender !== null && ownAddresses.includes(blockSender);
  if (block !== null && !isOwnBlock) {
    return ok({
      email: {
        direction: 'incoming',
        from: blockSender ?? '',
        fromName: block.from.name,
        to: normalizedList(block.to),
        cc: normalizedList(block.cc),
        subject: block.subject ?? withoutForwardPrefix(message.subject),
        date: block.date,
        source: 'forwarded-block',
        parts: partsOf(message),
        text: block.text,
        html: block.html,
        messageId: null,
      },
      attachments: message.attachments,
      forward: { client: block.client, confidence: block.confidence, note: block.note },
      senderName: block.from.name,
      senderAddress: blockSender,
    });
  }
  const quoted = firstQuotedFromOthers(extraction.quoted, (address) => index.isInternal(address));
  if (quoted === null) {
    // A reply that quotes someone (without a usable address or date) is still the forwarder's own message (F8);
    // only a body with nothing recognisable in it is F3.
    const isOwnReply = block !== null || extraction.hasQuotedMessage;
    return err(isOwnReply ? 'forward-of-own-message' : 'forward-format-unrecognized');
  }
  return ok({
    email: {
      direction: 'incoming',
      from: quoted.from.address,
      fromName: quoted.from.name,
      to: normalizedList(quoted.to),
      cc: normalizedList(quoted.cc),
      subject: quoted.subject ?? withoutForwardPrefix(message.subject),
      date: quoted.date,
      source: 'quoted-history',
      parts: partsOf(message),
      text: quoted.text,
      html: quoted.html,
      messageId: null,
    },
    attachments: [],
    forward: { client: quoted.client, confidence: quoted.confidence, note: block?.note ?? '' },
    senderName: quoted.from.name,
    senderAddress: normalizeAddress(quoted.from.address),
  });
}

/** F9: the attached original, logged with its own headers and attachments. */
function fromAttachedMessage(attached: ParsedMessage): OriginalDraft {
  const email = emailOfMessage(attached, 'incoming', 'attached-message');
  return {
    email,
    attachments: attached.attachments,
    senderName: email.fromName,
    senderAddress: email.from === '' ? null : email.from,
  };
}

/** The forward's own subject without its prefixes (R2's one normaliser): the original subject when the block has none. */
function withoutForwardPrefix(subject: string): string {
  const stripped = stripSubjectPrefixes(subject);
  return stripped === '' ? subject : stripped;
}
