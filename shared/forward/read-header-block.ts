import { headerFieldByLabel, longestLabelLength, sentDateLabels, type HeaderField } from './header-labels.js';
import type { TextLine } from './text-lines.js';

/** The header lines of a forwarded or quoted message, as written. */
export type HeaderFields = { readonly [F in HeaderField]?: string };

export type HeaderBlock = {
  /** Index of the first header line. */
  readonly start: number;
  /** Index just after the last header line. */
  readonly end: number;
  readonly depth: number;
  readonly fields: HeaderFields;
  /** The fields in the order written (clients differ: Thunderbird starts with Subject, Gmail with From). */
  readonly order: ReadonlyArray<HeaderField>;
  /**
   * The date was labelled "Sent" in the block's language ("Sent", "Envoyé", "Gesendet": Outlook for Windows and the
   * web) rather than "Date" ("Date", "Datum": Outlook for Mac).
   */
  readonly sentLabel: boolean;
  /** The labels as written, folded (`šalje`, `poslano`): they tell the block's language. */
  readonly labels: ReadonlyArray<string>;
};

const labelPattern = /^\*{0,2}([^:：*]{1,40}?)\*{0,2}\s*[:：]\*{0,2}/u;

/** A `Label: value` line (`*From:* x`, `Von: x`, `件名：x`), or null. */
export function readHeaderLine(content: string): { field: HeaderField; value: string; label: string } | null {
  // Only the label is matched: the value is the rest of the line. A `\s*(.*)$` tail was quadratic on a long blank
  // run before a line separator (U+2028), which `.` does not match (C7).
  const match = labelPattern.exec(content.slice(0, 200));
  if (match === null) {
    return null;
  }
  const label = foldLabel(match[1] ?? '');
  if (label.length > longestLabelLength) {
    return null;
  }
  const field = headerFieldByLabel.get(label);
  return field === undefined ? null : { field, value: content.slice(match[0].length).trim(), label };
}

/**
 * Reads the header block that starts at line `start`: consecutive `Label: value` lines at one quote depth. A label
 * with an empty value takes the next line as its value. A line that is not a header line continues the one before
 * as each client folds it:
 * - indented deeper than the block's first line (Alpine, Pine, Thunderbird and Gmail fold with leading blanks);
 * - a lone line between two header lines (Outlook wraps long dates, From and To lines without indenting);
 * - the last line of the block, under a header line it was wrapped off: the line above is long and the first word
 *   would not have fitted on it (Outlook's plain text wraps a long Subject near 76 characters, without indenting).
 * A continuation never starts with a known label: such a line is a header line of its own (Alpine's `Cc: a,`
 * followed by `Subject:`). A repeated field ends the block: it starts the next one.
 */
export function readHeaderBlock(lines: ReadonlyArray<TextLine>, start: number): HeaderBlock | null {
  const first = lines[start];
  if (first === undefined || readHeaderLine(first.content) === null) {
    return null;
  }
  const fields: { [F in HeaderField]?: string } = {};
  const order: HeaderField[] = [];
  const labels: string[] = [];
  let sentLabel = false;
  let i = start;
  while (i < lines.length) {
    const line = lines[i];
    if (line === undefined || line.depth !== first.depth || line.content === '') {
      break;
    }
    const header = readHeaderLine(line.content);
    if (header === null) {
      const previous = order[order.length - 1];
      const after = lines[i + 1];
      const before = lines[i - 1];
      const afterIsHeader =
        after !== undefined && after.depth === first.depth && readHeaderLine(after.content) !== null;
      const endsBlock = after === undefined || after.content === '' || after.depth !== first.depth;
      const continues =
        previous !== undefined &&
        (afterIsHeader ||
          indentOf(line) > indentOf(first) ||
          (endsBlock && before !== undefined && wasWrapped(before.content, line.content)));
      if (!continues) {
        break;
      }
      // Appended, not re-trimmed: trimming the value at each of many folded lines would be quadratic (C7).
      const sofar = fields[previous] ?? '';
      fields[previous] = sofar === '' ? line.content : `${sofar} ${line.content}`;
      i++;
      continue;
    }
    if (fields[header.field] !== undefined) {
      break;
    }
    let value = header.value;
    const next = lines[i + 1];
    if (value === '' && next !== undefined && next.content !== '' && readHeaderLine(next.content) === null) {
      value = next.content;
      i++;
    }
    fields[header.field] = value;
    order.push(header.field);
    labels.push(header.label);
    sentLabel ||= header.field === 'date' && sentDateLabels.has(header.label);
    i++;
  }
  return { start, end: i, depth: first.depth, fields, order, sentLabel, labels };
}

/** Clients wrap plain text at 72 to 78 characters (Outlook at 76): a word that fits within 72 was not wrapped. */
const wrapWidth = 72;

/**
 * Whether `line` is the rest of `before`, wrapped by the client: `before` is long, and the first word of `line`
 * would not have fitted on it.
 */
function wasWrapped(before: string, line: string): boolean {
  const space = line.indexOf(' ');
  const firstWord = space < 0 ? line.length : space;
  return before.length >= 60 && before.length + 1 + firstWord > wrapWidth;
}

/** The blanks in front of a line's content, after its quote marks (and the one blank that follows them). */
function indentOf(line: TextLine): number {
  let at = 0;
  if (line.depth > 0) {
    for (let seen = 0; seen < line.depth && at < line.raw.length; at++) {
      if (line.raw.charAt(at) === '>') {
        seen++;
      }
    }
    if (line.raw.charAt(at) === ' ' || line.raw.charAt(at) === '\t') {
      at++;
    }
  }
  let end = at;
  while (line.raw.charAt(end) === ' ' || line.raw.charAt(end) === '\t') {
    end++;
  }
  return end - at;
}

/** Lower-cases a label as the vocabulary is written (Turkish "İ" lower-cases to "i" plus a combining dot). */
export function foldLabel(label: string): string {
  return label
    .trim()
    .toLowerCase()
    .replace(/\u0307/g, '')
    .replace(/\s+/g, ' ');
}

/** A block that names a sender and at least `minimumFields` fields in all (From, Date, To, Subject …). */
export function isUsableHeaderBlock(block: HeaderBlock, minimumFields: number): boolean {
  return (
    block.fields.from !== undefined &&
    block.order.length >= minimumFields &&
    (block.fields.date !== undefined || block.fields.subject !== undefined)
  );
}
