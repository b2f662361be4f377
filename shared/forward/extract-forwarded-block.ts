import type { ForwardClient } from '../model/log-result.js';
import type { MailAddress } from '../model/parsed-message.js';
import { blockLanguage } from './block-language.js';
import { classifyClient } from './classify-client.js';
import { findQuoteStructures, type QuoteStructure } from './find-quote-structures.js';
import { htmlFragmentFrom } from './html-fragment.js';
import { convertHtmlToText, type HtmlMarker, type HtmlText } from './html-to-text.js';
import { judgeFirstStructure } from './judge-forward-structure.js';
import { parseAddressList, parseSender, toMailAddresses } from './parse-address-list.js';
import { parseForwardDate } from './parse-forward-date.js';
import { classifySubject, stripSubjectPrefixes } from './subject-prefix.js';
import { bodyFromLines, noteFromLines, splitTextLines, type TextLine } from './text-lines.js';

export type ForwardInput = {
  /** The forward's text/plain body. */
  readonly text: string | null;
  /** The forward's text/html body. */
  readonly html: string | null;
  /** The forward's own subject (may be absent or withheld: detection must not need it). */
  readonly subject: string | null;
  /** Zone of the forward's own Date header, minutes east of UTC. */
  readonly dateOffsetMinutes: number | null;
  /** The forward's own Date (ISO-8601), when known: a numeric date in the block that reads both ways is read so
   * that the original is not newer than its forward (`02/10`). */
  readonly forwardDate?: string | null;
};

export type ForwardedBlock = {
  readonly client: ForwardClient;
  /** 0..1 */
  readonly confidence: number;
  /** Address normalised, null when only a name is shown (Exchange senders, F6). */
  readonly from: { readonly name: string; readonly address: string | null };
  /** The date as written. */
  readonly dateText: string;
  /** ISO-8601 UTC instant; a zone-less date is read in `dateOffsetMinutes`. */
  readonly date: string | null;
  readonly subject: string | null;
  /** Addresses normalised ('' name when none); entries without address keep address ''. */
  readonly to: ReadonlyArray<MailAddress>;
  readonly cc: ReadonlyArray<MailAddress>;
  /** The original body as text, without the forwarder's note. */
  readonly text: string;
  /** The original body as HTML when the forward had HTML. */
  readonly html: string | null;
  /** What the forwarder wrote above the block, trimmed. */
  readonly note: string;
};

/**
 * Finds the forwarded-message block a mail client wrote into a forward and reads the original message out of it
 * (F2, F4; docs/performance.md). The text part is read first and the HTML part (converted to text) when the text part
 * has none or is missing. The outermost (newest) block is judged; of a chain of forwards, the innermost block with
 * content of its own is the one returned, with the outermost forwarder's note. Replies, and bodies with no block,
 * give null.
 */
export function extractForwardedBlock(input: ForwardInput): ForwardedBlock | null {
  const html = input.html !== null && input.html.trim() !== '' ? convertHtmlToText(input.html) : null;
  const markers: ReadonlySet<HtmlMarker> = html?.markers ?? new Set();
  const subjectKind = classifySubject(input.subject);
  const sources: TextLine[][] = [];
  if (input.text !== null && input.text.trim() !== '') {
    sources.push(splitTextLines(input.text));
  }
  const htmlLines = html === null ? null : splitTextLines(html.text);
  if (htmlLines !== null) {
    sources.push(htmlLines);
  }
  for (const lines of sources) {
    const structures = findQuoteStructures(lines);
    const first = structures[0];
    const note = first === undefined ? '' : noteFromLines(lines, first.start);
    const judgement = judgeFirstStructure(first, note, subjectKind, markers);
    if (judgement.kind === 'reply') {
      return null;
    }
    if (judgement.kind === 'forward') {
      const original = innermostOriginal(lines, structures, judgement.structure);
      const bodyHtml =
        html === null || htmlLines === null ? null : originalBodyHtml(input.html ?? '', html, htmlLines);
      // A block reached through a chain is labelled by its own shape: the HTML markers are the outer client's.
      const chained = original !== judgement.structure;
      return buildBlock(
        input,
        lines,
        original,
        judgement.confidence,
        note,
        bodyHtml,
        chained ? new Set() : markers,
      );
    }
  }
  return null;
}

/**
 * F2 for a chain of forwards: from the outermost block, passes through every block that only forwards — its body,
 * up to the next forwarded block, is empty (someone forwarding a forward without a word) — and returns the
 * innermost block reached, the first whose body carries content of its own. A block whose sender wrote something
 * (a note, or their own reply: F8) stays the original, and so does a block whose subject says reply ("Re: …"): an
 * empty reply (an attachment sent back) is a message of its own. Reply attributions ("On … wrote:") are never
 * passed into.
 */
function innermostOriginal(
  lines: ReadonlyArray<TextLine>,
  structures: ReadonlyArray<QuoteStructure>,
  outermost: QuoteStructure,
): QuoteStructure {
  let current = outermost;
  for (let k = structures.indexOf(outermost) + 1; k > 0 && k < structures.length; k++) {
    const next = structures[k];
    if (next === undefined || next.marker === 'attribution' || parseSender(next.fields.from ?? '') === null) {
      break;
    }
    const between = lines.slice(current.bodyStart, next.start);
    // A reply with nothing written above its quote (an attachment sent back) is a message of its own.
    if (
      between.some((line) => line.content !== '') ||
      classifySubject(current.fields.subject ?? null) === 'reply'
    ) {
      break;
    }
    current = next;
  }
  return current;
}

/** Reads one judged structure into a `ForwardedBlock`. */
export function buildBlock(
  input: ForwardInput,
  lines: ReadonlyArray<TextLine>,
  structure: QuoteStructure,
  confidence: number,
  note: string,
  html: string | null,
  markers: ReadonlySet<HtmlMarker>,
): ForwardedBlock | null {
  const sender = parseSender(structure.fields.from ?? '');
  if (sender === null) {
    return null;
  }
  const dateText = structure.fields.date ?? '';
  const date =
    dateText === ''
      ? null
      : parseForwardDate(dateText, input.dateOffsetMinutes, {
          language: blockLanguage(structure.labels, dateText),
          reference: input.forwardDate ?? null,
        });
  const subject =
    structure.fields.subject ??
    (structure.marker === 'attribution' && input.subject !== null
      ? stripSubjectPrefixes(input.subject)
      : null);
  const penalty = (sender.address === null ? 0.1 : 0) + (date === null ? 0.1 : 0);
  return {
    client: classifyClient(structure, markers),
    confidence: Math.max(0.1, Math.round((confidence - penalty) * 100) / 100),
    from: sender,
    dateText,
    date,
    subject,
    to: toMailAddresses(parseAddressList(structure.fields.to ?? '')),
    cc: toMailAddresses(parseAddressList(structure.fields.cc ?? '')),
    text: bodyText(lines, structure),
    html,
    note,
  };
}

/** The original body as text: below the header, one quote level removed when the whole body is quoted. */
export function bodyText(lines: ReadonlyArray<TextLine>, structure: QuoteStructure): string {
  const rest = lines.slice(structure.bodyStart).filter((line) => line.content !== '');
  const quotedDeeper = rest.length > 0 && rest.every((line) => line.depth > structure.depth);
  return bodyFromLines(lines, structure.bodyStart, structure.depth + (quotedDeeper ? 1 : 0));
}

/** The original body's HTML: the HTML from where the original's body starts (the innermost of a chain, F2). */
function originalBodyHtml(source: string, html: HtmlText, lines: ReadonlyArray<TextLine>): string | null {
  const structures = findQuoteStructures(lines);
  const outermost = structures[0];
  if (outermost === undefined) {
    return null;
  }
  const first = innermostOriginal(lines, structures, outermost);
  let line = first.bodyStart;
  while (line < lines.length && lines[line]?.content === '') {
    line++;
  }
  const offset = html.lineOffsets[line];
  return offset === undefined ? null : htmlFragmentFrom(source, offset);
}
