import {
  forwardConversationPhrases,
  forwardSeparatorPhrases,
  originalMessagePhrases,
} from './forward-phrases.js';
import type { HeaderField } from './header-labels.js';
import { readAttribution, type Attribution } from './parse-attribution.js';
import { isUsableHeaderBlock, readHeaderBlock, type HeaderFields } from './read-header-block.js';
import type { TextLine } from './text-lines.js';
import { trimRuns } from './trim-runs.js';
import { unglueHeaderLine } from './unglue-header-line.js';

/**
 * What introduces a quoted message: a forward separator ("---------- Forwarded message ---------"), an
 * "Original Message" separator, a rule line (Outlook on the web, `<hr>`), nothing (a bare header block), or a
 * reply attribution ("On … wrote:").
 */
export type QuoteMarker = 'forward' | 'original' | 'rule' | 'none' | 'attribution';

/** One quoted or forwarded message found in a text body. */
export type QuoteStructure = {
  readonly marker: QuoteMarker;
  /** The separator as written, '' when there is none. */
  readonly separatorText: string;
  /** Index of the first line of the structure (its separator, or its first header line). */
  readonly start: number;
  /** Index of the first line after the header (where the quoted body begins). */
  readonly bodyStart: number;
  /** Quote depth of the header lines. */
  readonly depth: number;
  readonly fields: HeaderFields;
  readonly order: ReadonlyArray<HeaderField>;
  /** Yahoo's one-line header. */
  readonly glued: boolean;
  /** The date was labelled "Sent" in the block's language (Outlook for Windows and the web), not "Date". */
  readonly sentLabel: boolean;
  /** The header labels as written, folded: they tell the block's language. */
  readonly labels: ReadonlyArray<string>;
  /** Gmail's "Forwarded conversation": the subject above the rule, the thread's messages below it. */
  readonly conversation: boolean;
  readonly attribution: Attribution | null;
};

/**
 * Finds every quoted or forwarded message structure in a text body, top (newest) first, in one pass: each line is
 * tried as a separator, a header block and an attribution; after a structure the scan resumes below its header.
 */
export function findQuoteStructures(lines: ReadonlyArray<TextLine>): QuoteStructure[] {
  const found: QuoteStructure[] = [];
  let i = 0;
  while (i < lines.length) {
    const structure = readStructureAt(lines, i);
    if (structure === null) {
      i++;
      continue;
    }
    found.push(structure);
    i = Math.max(structure.bodyStart, i + 1);
  }
  return found;
}

function readStructureAt(lines: ReadonlyArray<TextLine>, i: number): QuoteStructure | null {
  const line = lines[i];
  if (line === undefined || line.content === '') {
    return null;
  }
  const separator = readSeparator(line.content);
  if (separator !== null) {
    if (separator.rest !== '') {
      const glued = unglueHeaderLine(separator.rest.slice(0, 4000));
      const fields = Object.fromEntries(glued.map((g) => [g.field, g.value])) as HeaderFields;
      if (fields.from !== undefined && glued.length >= 2) {
        const order = glued.map((g) => g.field);
        return { ...base(separator, i, i + 1, line.depth), fields, order, glued: true };
      }
    }
    if (separator.conversation) {
      return readConversation(lines, i, separator);
    }
    for (let j = i + 1; j < Math.min(lines.length, i + 4); j++) {
      const candidate = lines[j];
      if (candidate === undefined || candidate.content === '') {
        continue;
      }
      const block = readHeaderBlock(lines, j);
      if (block !== null && isUsableHeaderBlock(block, separator.marker === 'forward' ? 2 : 3)) {
        return {
          ...base(separator, i, block.end, block.depth),
          fields: block.fields,
          order: block.order,
          sentLabel: block.sentLabel,
          labels: block.labels,
        };
      }
      break;
    }
    if (separator.marker === 'rule') {
      return null;
    }
  }
  const block = readHeaderBlock(lines, i);
  if (block !== null && isUsableHeaderBlock(block, 3)) {
    return {
      ...base({ marker: 'none', text: '' }, i, block.end, block.depth),
      fields: block.fields,
      order: block.order,
      sentLabel: block.sentLabel,
      labels: block.labels,
    };
  }
  const attribution = readAttribution(lines, i);
  if (attribution !== null) {
    return {
      ...base({ marker: 'attribution', text: '' }, i, attribution.end, attribution.depth),
      fields: {
        from:
          attribution.address === null ? attribution.name : `${attribution.name} <${attribution.address}>`,
        date: attribution.dateText,
      },
      order: ['from', 'date'],
      attribution,
    };
  }
  return null;
}

function base(
  separator: { marker: QuoteMarker; text: string },
  start: number,
  bodyStart: number,
  depth: number,
): Omit<QuoteStructure, 'fields' | 'order'> {
  return {
    marker: separator.marker,
    separatorText: separator.text,
    start,
    bodyStart,
    depth,
    glued: false,
    sentLabel: false,
    labels: [],
    conversation: false,
    attribution: null,
  };
}

/** The next line from `from` with content, within `within` lines, or -1. */
function nextContentLine(lines: ReadonlyArray<TextLine>, from: number, within: number): number {
  for (let j = from; j < Math.min(lines.length, from + within); j++) {
    if (lines[j]?.content !== '') {
      return j;
    }
  }
  return -1;
}

/**
 * Gmail's "Forwarded conversation": the thread's only Subject line stands between the separator and a dashed rule,
 * and each message of the thread follows with its own From/Date/To header (the first is the thread's original).
 * The subject above the rule is the original's, not part of the forwarder's note.
 */
function readConversation(
  lines: ReadonlyArray<TextLine>,
  i: number,
  separator: { marker: QuoteMarker; text: string },
): QuoteStructure | null {
  const subjectAt = nextContentLine(lines, i + 1, 3);
  const subjectBlock = subjectAt < 0 ? null : readHeaderBlock(lines, subjectAt);
  const subject = subjectBlock?.fields.subject;
  if (subjectBlock === null || subject === undefined) {
    return null;
  }
  const ruleAt = nextContentLine(lines, subjectBlock.end, 3);
  const rule = ruleAt < 0 ? '' : (lines[ruleAt]?.content ?? '');
  const headerAt = /^-{4,}$/.test(rule) ? nextContentLine(lines, ruleAt + 1, 4) : -1;
  const block = headerAt < 0 ? null : readHeaderBlock(lines, headerAt);
  if (block === null || !isUsableHeaderBlock(block, 2)) {
    return null;
  }
  return {
    ...base(separator, i, block.end, block.depth),
    fields: { ...block.fields, subject: block.fields.subject ?? subject },
    order: ['subject', ...block.order.filter((field) => field !== 'subject')],
    sentLabel: block.sentLabel,
    labels: [...subjectBlock.labels, ...block.labels],
    conversation: true,
  };
}

/** A separator line, with any header text glued after it (Yahoo). */
function readSeparator(
  content: string,
): { marker: QuoteMarker; text: string; rest: string; conversation: boolean } | null {
  if (/^[_\-—]{10,}$/.test(content)) {
    return { marker: 'rule', text: content, rest: '', conversation: false };
  }
  const dashed = readDashedPhrase(content);
  const phrase = (dashed?.phrase ?? trimRuns(content, '*>_-', '*:：_-')).toLowerCase().replace(/\u0307/g, '');
  if (forwardConversationPhrases.includes(phrase)) {
    return { marker: 'forward', text: content, rest: '', conversation: true };
  }
  const marker = phraseMarker(phrase);
  if (marker === null) {
    return null;
  }
  return { marker, text: content, rest: dashed?.rest ?? '', conversation: false };
}

const isDash = (c: string): boolean => c === '-' || c === '=';
const isBlank = (c: string): boolean => c !== '' && c.trim() === '';

/**
 * A phrase between runs of two or more dashes or equals signs (`----- Forwarded Message -----`), with the text
 * after the closing run (Yahoo glues its header there). An index scan: the regex it replaces,
 * `^[-=]{2,}\s*([^-=].*?)\s*[-=]{2,}\s*(.*)$`, retried its blank runs at every position of a long line that has
 * no closing run, which is quadratic (C7).
 */
function readDashedPhrase(content: string): { phrase: string; rest: string } | null {
  let i = 0;
  while (isDash(content.charAt(i))) {
    i++;
  }
  while (i >= 2 && isBlank(content.charAt(i))) {
    i++;
  }
  if (i < 2 || i >= content.length || isDash(content.charAt(i))) {
    return null;
  }
  let close = i + 1;
  while (
    close + 1 < content.length &&
    !(isDash(content.charAt(close)) && isDash(content.charAt(close + 1)))
  ) {
    close++;
  }
  if (close + 1 >= content.length) {
    return null;
  }
  let after = close;
  while (isDash(content.charAt(after))) {
    after++;
  }
  return { phrase: content.slice(i, close).trimEnd(), rest: content.slice(after).trimStart() };
}

function phraseMarker(phrase: string): QuoteMarker | null {
  const matches = (known: string): boolean =>
    phrase === known || (phrase.startsWith(known) && /^[\s/(|:-]/u.test(phrase.slice(known.length)));
  if (forwardSeparatorPhrases.some(matches)) {
    return 'forward';
  }
  return originalMessagePhrases.some(matches) ? 'original' : null;
}
