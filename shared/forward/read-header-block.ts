import { headerFieldByLabel, longestLabelLength, type HeaderField } from './header-labels.js';
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
  /** The date was labelled "Sent" (Outlook for Windows and the web) rather than "Date" (Outlook for Mac). */
  readonly sentLabel: boolean;
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
 * with an empty value takes the next line as its value, and a lone line between two header lines continues the
 * one before (Outlook wraps long dates and From lines). A repeated field ends the block: it starts the next one.
 */
export function readHeaderBlock(lines: ReadonlyArray<TextLine>, start: number): HeaderBlock | null {
  const first = lines[start];
  if (first === undefined || readHeaderLine(first.content) === null) {
    return null;
  }
  const fields: { [F in HeaderField]?: string } = {};
  const order: HeaderField[] = [];
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
      const continues =
        previous !== undefined &&
        after !== undefined &&
        after.depth === first.depth &&
        readHeaderLine(after.content) !== null;
      if (!continues) {
        break;
      }
      fields[previous] = `${fields[previous] ?? ''} ${line.content}`.trim();
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
    sentLabel ||= header.field === 'date' && header.label === 'sent';
    i++;
  }
  return { start, end: i, depth: first.depth, fields, order, sentLabel };
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
