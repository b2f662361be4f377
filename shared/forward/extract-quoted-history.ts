import type { ForwardClient } from '../model/log-result.js';
import type { MailAddress } from '../model/parsed-message.js';
import { classifyClient } from './classify-client.js';
import type { ForwardInput } from './extract-forwarded-block.js';
import { findQuoteStructures, type QuoteStructure } from './find-quote-structures.js';
import { htmlToText } from './html-to-text.js';
import { parseAddressList, parseSender, toMailAddresses } from './parse-address-list.js';
import { parseForwardDate } from './parse-forward-date.js';
import { stripSubjectPrefixes } from './subject-prefix.js';
import { bodyFromLines, splitTextLines, type TextLine } from './text-lines.js';

export type QuotedMessage = {
  readonly from: { readonly name: string; readonly address: string };
  /** ISO-8601 UTC instant. */
  readonly date: string;
  readonly dateText: string;
  readonly subject: string | null;
  readonly to: ReadonlyArray<MailAddress>;
  readonly cc: ReadonlyArray<MailAddress>;
  readonly text: string;
  readonly html: string | null;
  readonly client: ForwardClient;
  readonly confidence: number;
};

/**
 * F8: the newest quoted message (an Outlook header block, a forwarded block, or an "On <date>, <name>
 * <address> wrote:" attribution, in any supported language) whose sender is not one of `isOwnAddress`, with an
 * address and a readable date. Used when the newest message that reached the forwarding address is the
 * forwarder's own (a forward of their own reply, or a reply with the forwarding address in Cc). Null when no
 * quoted message qualifies (`forward-of-own-message`).
 */
export function extractQuotedHistory(
  input: ForwardInput,
  isOwnAddress: (normalisedAddress: string) => boolean,
): QuotedMessage | null {
  return firstQuotedFromOthers(listQuotedHistory(input, isOwnAddress), isOwnAddress);
}

/**
 * Quoted messages read per body at most by `listQuotedHistory` without an owner test: what F8 needs is the newest
 * one from outside the account, and a thread quotes a few dozen messages, not thousands.
 */
export const MAX_QUOTED_MESSAGES = 100;

/**
 * The quoted messages `extractQuotedHistory` chooses from, newest first: every one with an address and a readable
 * date, up to the first that `isOwnAddress` refuses (all of them, up to `MAX_QUOTED_MESSAGES` per body, when no
 * test is given). Plain data: a parse worker reads them, the thread that has the account's addresses chooses.
 */
export function listQuotedHistory(
  input: ForwardInput,
  isOwnAddress?: (normalisedAddress: string) => boolean,
): QuotedMessage[] {
  const found: QuotedMessage[] = [];
  for (const lines of textSources(input)) {
    const structures = findQuoteStructures(lines);
    let read = 0;
    for (const [index, structure] of structures.entries()) {
      if (isOwnAddress === undefined && read >= MAX_QUOTED_MESSAGES) {
        break;
      }
      const message = readQuotedMessage(
        input,
        lines,
        structure,
        structures[index + 1]?.start ?? lines.length,
      );
      if (message === null) {
        continue;
      }
      found.push(message);
      read++;
      if (isOwnAddress !== undefined && !isOwnAddress(message.from.address)) {
        return found;
      }
    }
  }
  return found;
}

/** The newest quoted message whose sender is not one of the account's (F8), or null. */
export function firstQuotedFromOthers(
  quoted: ReadonlyArray<QuotedMessage>,
  isOwnAddress: (normalisedAddress: string) => boolean,
): QuotedMessage | null {
  return quoted.find((message) => !isOwnAddress(message.from.address)) ?? null;
}

/**
 * Whether the body quotes any earlier message at all (a header block or an attribution, usable or not): what
 * tells F8's "the newest message is the forwarder's own reply" apart from F3's "nothing recognisable".
 */
export function hasQuotedMessage(input: ForwardInput): boolean {
  return textSources(input).some((lines) => findQuoteStructures(lines).length > 0);
}

function textSources(input: ForwardInput): TextLine[][] {
  const sources: TextLine[][] = [];
  if (input.text !== null && input.text.trim() !== '') {
    sources.push(splitTextLines(input.text));
  }
  if (input.html !== null && input.html.trim() !== '') {
    sources.push(splitTextLines(htmlToText(input.html)));
  }
  return sources;
}

function readQuotedMessage(
  input: ForwardInput,
  lines: ReadonlyArray<TextLine>,
  structure: QuoteStructure,
  end: number,
): QuotedMessage | null {
  const sender = parseSender(structure.fields.from ?? '');
  const dateText = structure.fields.date ?? '';
  const date = parseForwardDate(dateText, input.dateOffsetMinutes, { reference: input.forwardDate ?? null });
  if (sender === null || sender.address === null || date === null) {
    return null;
  }
  const isAttribution = structure.marker === 'attribution';
  const subject =
    structure.fields.subject ??
    (isAttribution && input.subject !== null ? stripSubjectPrefixes(input.subject) : null);
  return {
    from: { name: sender.name, address: sender.address },
    date,
    dateText,
    subject,
    to: toMailAddresses(parseAddressList(structure.fields.to ?? '')),
    cc: toMailAddresses(parseAddressList(structure.fields.cc ?? '')),
    text: quotedBody(lines.slice(0, end), structure),
    html: null,
    client: isAttribution ? 'quoted-reply' : classifyClient(structure, new Set()),
    confidence: isAttribution ? 0.7 : 0.8,
  };
}

/** The quoted message's own text: the quoted lines right below its attribution or header, one level removed. */
function quotedBody(lines: ReadonlyArray<TextLine>, structure: QuoteStructure): string {
  let firstText = structure.bodyStart;
  while (firstText < lines.length && lines[firstText]?.content === '') {
    firstText++;
  }
  const first = lines[firstText];
  if (first === undefined || first.depth <= structure.depth) {
    return bodyFromLines(lines, structure.bodyStart, structure.depth);
  }
  let end = firstText;
  while (
    end < lines.length &&
    ((lines[end]?.depth ?? 0) > structure.depth || lines[end]?.raw.trim() === '')
  ) {
    end++;
  }
  return bodyFromLines(lines.slice(0, end), firstText, structure.depth + 1);
}
