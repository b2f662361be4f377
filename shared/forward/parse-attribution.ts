import { normalizeAddress } from '../address/normalize-address.js';
import { attributionLeads, attributionVerbs } from './forward-phrases.js';
import type { TextLine } from './text-lines.js';
import { trimRuns } from './trim-runs.js';

/** A reply attribution ("On 3 May 2026, Bob <bob@x> wrote:") read into its parts. */
export type Attribution = {
  /** Index of the first attribution line. */
  readonly start: number;
  /** Index just after the attribution. */
  readonly end: number;
  readonly depth: number;
  readonly name: string;
  readonly address: string | null;
  readonly dateText: string;
};

// No `@` in a local part, and a bare address starts where its run of address characters starts: with either, a
// run of `a@a@a@…` or of address characters without an `@` was retried from every position (C7).
const addressSpan =
  /\(?<([^<>\s@]+@[^<>\s]+)>\)?|\(([^()\s@]+@[^()\s]+)\)|\[mailto:([^\]\s]+)\]|(?<![^\s<>()"'«»„”,;:@])([^\s<>()"'«»„”,;:@]+@[^\s<>()"'«»„”,;:@]+\.[^\s<>()"'«»„”,;:@]+)/u;
const verbPattern = new RegExp(
  String.raw`(?<![\p{L}])(?:${attributionVerbs.map(escapeRegExp).join('|')})(?![\p{L}])`,
  'giu',
);
const leadPattern = new RegExp(
  String.raw`^\s*(?:${attributionLeads.map(escapeRegExp).join('|')})(?![\p{L}])`,
  'iu',
);
const fillerPattern = new RegExp(
  `^(?:${[...attributionLeads, ...attributionVerbs].map(escapeRegExp).join('|')})$`,
  'iu',
);
const verbAtEnd = new RegExp(String.raw`(?:${attributionVerbs.map(escapeRegExp).join('|')})[^\p{L}]*$`, 'iu');

/**
 * Reads the attribution that starts at line `start`, joining up to three lines (Gmail wraps "wrote:" onto its own
 * line). An attribution ends with a colon and either names a "wrote" verb of a supported language or carries an
 * address and a time; mail.ru's "<date> от <name> <address>:" and Yandex's "<date>, "<name>" <address>:" are
 * covered by the second rule.
 */
export function readAttribution(lines: ReadonlyArray<TextLine>, start: number): Attribution | null {
  const first = lines[start];
  if (first === undefined || first.content === '') {
    return null;
  }
  let text = '';
  for (let end = start; end < Math.min(lines.length, start + 3); end++) {
    const line = lines[end];
    if (line === undefined || line.content === '' || line.depth !== first.depth) {
      return null;
    }
    text = `${text} ${line.content}`.trim();
    if (!/[:：]$/.test(text) || text.length > 300) {
      continue;
    }
    const parsed = parseAttributionText(text);
    return parsed === null ? null : { start, end: end + 1, depth: first.depth, ...parsed };
  }
  return null;
}

/** Splits an attribution line into sender name, address and the date as written. */
export function parseAttributionText(
  text: string,
): { name: string; address: string | null; dateText: string } | null {
  const hasVerb = verbAtEnd.test(withoutFinalColon(text));
  const hasTime = /\d{1,2}[:.]\d{2}/.test(text);
  const span = addressSpan.exec(text);
  if (!hasTime || (!hasVerb && span === null)) {
    return null;
  }
  if (!hasVerb && !/\d{4}|\d{1,2}[./]\d{1,2}[./]\d{2}/.test(text)) {
    return null;
  }
  const address = span === null ? null : normalizeAddress(span.slice(1).find((g) => g !== undefined) ?? '');
  const before = span === null ? text.replace(verbAtEnd, '') : text.slice(0, span.index);
  const after = span === null ? '' : text.slice(span.index + span[0].length);
  const { name, rest } = splitName(before);
  const dateText = trimRuns(
    `${rest} ${after}`
      .replace(leadPattern, ' ')
      .replace(verbPattern, ' ')
      .replace(/\s{2,}|[^\S ]/g, ' '),
    ',:;-',
    ',:;-',
  );
  if (dateText === '' || (name === '' && address === null)) {
    return null;
  }
  return { name, address, dateText };
}

/** The display name just before the address: a quoted name, or the words back to a comma, a digit or a filler. */
function splitName(before: string): { name: string; rest: string } {
  const trimmed = before.trimEnd();
  const quoted = readQuotedNameAtEnd(trimmed);
  if (quoted !== null) {
    return { name: quoted.name, rest: trimmed.slice(0, quoted.index) };
  }
  const words = trimmed.split(/\s+/);
  const nameWords: string[] = [];
  while (words.length > 0) {
    const word = words[words.length - 1] ?? '';
    const bare = word.replace(/[,;]$/, '');
    const isFiller = fillerPattern.test(bare);
    if (bare === '' || /\d/.test(bare) || /^(?:am|pm|uhr)$/i.test(bare) || isFiller || word.endsWith(',')) {
      break;
    }
    nameWords.push(word);
    words.pop();
  }
  // Pushed and reversed: unshift per word is quadratic in a name of many words (C7).
  return { name: nameWords.reverse().join(' ').trim(), rest: words.join(' ') };
}

const openingQuotes = '"\'«„“';
const closingQuotes = '"\'»“”';
const anyQuote = '"\'«»„“”';

/**
 * A quoted name that ends `text` (`… "Bob Smith"`): the name between the last quote and the quote before it,
 * which must open. An index scan for `/(["'«„“])\s*([^"'«»„“”]+?)\s*(["'»“”])\s*$/u`, whose three blank runs
 * around a lazy group were retried against each other, cubic in a long blank run (C7).
 */
function readQuotedNameAtEnd(text: string): { name: string; index: number } | null {
  const close = text.length - 1;
  if (close < 0 || !closingQuotes.includes(text.charAt(close))) {
    return null;
  }
  let open = close - 1;
  while (open >= 0 && !anyQuote.includes(text.charAt(open))) {
    open--;
  }
  if (open < 0 || open === close - 1 || !openingQuotes.includes(text.charAt(open))) {
    return null;
  }
  return { name: text.slice(open + 1, close).trim(), index: open };
}

/** `text` without a final colon and the blanks after it (by index: `/[:：]\s*$/` is quadratic on `::::…   x`). */
function withoutFinalColon(text: string): string {
  const trimmed = text.trimEnd();
  return trimmed.endsWith(':') || trimmed.endsWith('：') ? trimmed.slice(0, -1) : text;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
