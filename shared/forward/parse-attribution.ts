import { normalizeAddress } from '../address/normalize-address.js';
import { attributionLeads, attributionVerbs } from './forward-phrases.js';
import type { TextLine } from './text-lines.js';

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

const addressSpan =
  /\(?<([^<>\s]+@[^<>\s]+)>\)?|\(([^()\s]+@[^()\s]+)\)|\[mailto:([^\]\s]+)\]|([^\s<>()"'«»„”,;:]+@[^\s<>()"'«»„”,;:]+\.[^\s<>()"'«»„”,;:]+)/u;
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
const quotedName = /(["'«„“])\s*([^"'«»„“”]+?)\s*(["'»“”])\s*$/u;

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
  const hasVerb = verbAtEnd.test(text.replace(/[:：]\s*$/, ''));
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
  const dateText = `${rest} ${after}`
    .replace(leadPattern, ' ')
    .replace(verbPattern, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,:;-]+|[\s,:;-]+$/g, '')
    .trim();
  if (dateText === '' || (name === '' && address === null)) {
    return null;
  }
  return { name, address, dateText };
}

/** The display name just before the address: a quoted name, or the words back to a comma, a digit or a filler. */
function splitName(before: string): { name: string; rest: string } {
  const trimmed = before.replace(/\s+$/, '');
  const quoted = quotedName.exec(trimmed);
  if (quoted !== null) {
    return { name: (quoted[2] ?? '').trim(), rest: trimmed.slice(0, quoted.index) };
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
    nameWords.unshift(word);
    words.pop();
  }
  return { name: nameWords.join(' ').trim(), rest: words.join(' ') };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
