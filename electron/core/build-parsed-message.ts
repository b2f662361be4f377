import type { MailAddress, ParsedAttachment, ParsedMessage } from '#shared/model/parsed-message.js';
import { isStrictlyAgreed } from './is-strictly-agreed.js';
import type { ParseLimits } from './limits.js';
import { oneLine } from './one-line.js';
import { parseDateHeader } from './parse-date-header.js';
import type { ParseDefect } from './parse-failure.js';
import {
  firstHeaderValue,
  headerValues,
  readMessageId,
  readRoutingHeaders,
  type RawHeaderLine,
} from './parse-header-lines.js';
import { truncateBody } from './truncate-body.js';

/** What the MIME parser collected of one message. */
export type ParsedParts = {
  readonly lines: ReadonlyArray<RawHeaderLine>;
  /** The decoded Subject, when there is one. */
  readonly subject: unknown;
  readonly text: string | null;
  readonly html: string | null;
  readonly attachments: ReadonlyArray<ParsedAttachment>;
  readonly attachedMessages: ReadonlyArray<ParsedMessage>;
};

/**
 * Builds the `ParsedMessage` of one message from its header lines and decoded parts, within the limits: long
 * recipient lists and bodies are cut, and an unverifiable From is left out (B1), each reported in `defects`.
 * `readAddresses` decodes an address header (the MIME parser's own reading).
 */
export function buildParsedMessage(
  parts: ParsedParts,
  readAddresses: (values: ReadonlyArray<string>) => MailAddress[],
  limits: ParseLimits,
  defects: ParseDefect[],
): ParsedMessage {
  const { lines } = parts;
  const capped = (name: string): MailAddress[] => {
    const list = readAddresses(headerValues(lines, name));
    if (list.length <= limits.maxRecipients) {
      return list;
    }
    defects.push({
      kind: 'recipients-truncated',
      detail: `${name}: ${list.length} addresses, the first ${limits.maxRecipients} kept`,
    });
    return list.slice(0, limits.maxRecipients);
  };
  const date = parseDateHeader(firstHeaderValue(lines, 'date'));
  const fromValues = headerValues(lines, 'from');
  const from = readAddresses(fromValues);
  const fromAgreed = isStrictlyAgreed(fromValues, from);
  if (!fromAgreed) {
    defects.push({
      kind: 'from-unverifiable',
      detail: 'From is not a strictly valid mailbox list, or parsers disagree on it: the sender is unknown',
    });
  }
  const html = truncateBody(parts.html, 'html', limits, defects);
  // With skipHtmlToText an HTML-only message gets an empty text: the core derives text from HTML itself (F4).
  const rawText = parts.text;
  const text = truncateBody(rawText === '' && html !== null ? null : rawText, 'text', limits, defects);
  return {
    messageId: readMessageId(lines),
    from: fromAgreed ? from : [],
    fromFieldCount: fromValues.length,
    sender: readAddresses(headerValues(lines, 'sender').slice(0, 1))[0] ?? null,
    replyTo: capped('reply-to'),
    to: capped('to'),
    cc: capped('cc'),
    bcc: capped('bcc'),
    subject: typeof parts.subject === 'string' ? oneLine(parts.subject) : '',
    date: date.date,
    dateOffsetMinutes: date.offsetMinutes,
    text,
    html,
    attachments: parts.attachments,
    attachedMessages: parts.attachedMessages,
    headers: readRoutingHeaders(lines),
  };
}
