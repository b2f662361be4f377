import { normalizeAddress } from '../address/normalize-address.js';
import type { MailAddress } from '../model/parsed-message.js';
import { trimRuns } from './trim-runs.js';

/** One mailbox read from a header line: the address is normalised, or null when only a name is written. */
export type ReadMailbox = { readonly name: string; readonly address: string | null };

const addressChar = String.raw`[^\s<>()[\]"',;:@]`;
const addressChars = String.raw`${addressChar}+@${addressChar}+\.${addressChar}+`;
/**
 * An address span: `<a@b>`, `[mailto:a@b]`, `(a@b)`, `(<a@b>)` or a bare `a@b`. A bare one starts where its run
 * of address characters starts (the look-behind): tried from every position of a long run without an `@`, it
 * was quadratic (C7).
 */
const spanPattern = new RegExp(
  String.raw`\(<(${addressChars})>\)|<(?:mailto:)?(${addressChars})>|\[mailto:(${addressChars})\]|\((?:mailto:)?(${addressChars})\)|(?<!${addressChar})(${addressChars})`,
  'giu',
);

/**
 * Reads a header value such as `Bob <bob@x>, "Smith, Ann" <ann@y>; carl@z` into mailboxes. Names may contain
 * commas (Outlook writes "Smith, Ann <ann@y>"), so entries are found from their addresses, not by splitting on
 * commas. Outlook's pasted `a@b<mailto:a@b>` forms and "on behalf of" tails are cleaned first. A value without
 * any address (Exchange senders) gives name-only entries split on semicolons.
 */
export function parseAddressList(value: string): ReadMailbox[] {
  // Header values are short; a cap keeps hostile input linear.
  const cleaned = cleanValue(value.slice(0, 4000));
  const spans = [...maskQuotedNames(cleaned).matchAll(spanPattern)];
  if (spans.length === 0) {
    return cleaned
      .split(';')
      .map((part) => cleanName(part, null))
      .filter((name) => name !== '')
      .map((name) => ({ name, address: null }));
  }
  const out: ReadMailbox[] = [];
  let cursor = 0;
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i];
    if (span === undefined || span.index === undefined) {
      continue;
    }
    const next = spans[i + 1];
    const isBare = span[5] !== undefined;
    const between = next?.index !== undefined ? cleaned.slice(span.index + span[0].length, next.index) : null;
    if (isBare && next !== undefined && next[5] === undefined && between !== null && /^\s*$/.test(between)) {
      // `bob@x <bob@x>`: the bare address is the display name of the bracketed one.
      continue;
    }
    const raw = span.slice(1).find((group) => group !== undefined) ?? '';
    const address = normalizeAddress(raw);
    const name = cleanName(cleaned.slice(cursor, span.index), address);
    cursor = span.index + span[0].length;
    out.push({ name, address });
  }
  return out;
}

/** The first mailbox of a From value, or a name-only mailbox when no address is written. */
export function parseSender(value: string): ReadMailbox | null {
  const first = parseAddressList(value)[0];
  return first === undefined || (first.name === '' && first.address === null) ? null : first;
}

/** Mailboxes as `MailAddress` (address '' when only a name is written). */
export function toMailAddresses(mailboxes: ReadonlyArray<ReadMailbox>): MailAddress[] {
  return mailboxes.map((m) => ({ name: m.name, address: m.address ?? '' }));
}

/**
 * Blanks out quoted display names (`"bob@x" <bob@x>`, `'Smith, Ann' <ann@y>`) so that addresses and commas inside
 * them are not taken for entries; positions are kept, so names are still read from the original text.
 */
function maskQuotedNames(value: string): string {
  return value
    .replace(/"[^"]*"/g, (quoted) => '"' + '\u0001'.repeat(quoted.length - 2) + '"')
    .replace(/(?<=^|[\s,;])'[^']*'(?=\s*<)/g, (quoted) => "'" + '\u0001'.repeat(quoted.length - 2) + "'");
}

function cleanValue(value: string): string {
  return (
    value
      .replace(/<mailto:[^>]*>/gi, '')
      // The look-behind starts the blank run where it starts: retried inside a long one, it was quadratic (C7).
      .replace(
        /(?<!\s)\s+(?:on behalf of|im auftrag von|de la part de|en nombre de|per conto di|namens)\s.*$/i,
        '',
      )
      .trim()
  );
}

/** A display name without separators, quotes and brackets; '' when it only repeats the address. */
function cleanName(text: string, address: string | null): string {
  let name = trimRuns(text, ',;', ',;');
  for (let i = 0; i < 3; i++) {
    const unquoted = name.replace(/^(["'«„“”])(.*)(["'»“”])$/u, '$2').trim();
    if (unquoted === name) {
      break;
    }
    name = unquoted;
  }
  name = name.replace(/\\(["\\])/g, '$1').replace(/\s+/g, ' ');
  if (address !== null && normalizeAddress(name) === address) {
    return '';
  }
  return name;
}
