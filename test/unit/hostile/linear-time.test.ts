import { afterAll, describe, expect, it } from 'vitest';
import { isNeverLog, parseNeverLogEntry } from '#shared/address/is-never-log.js';
import { normalizeAddress, normalizeDomain } from '#shared/address/normalize-address.js';
import { toAsciiDomain } from '#shared/address/punycode.js';
import { readStrictMailboxes } from '#shared/address/read-strict-mailboxes.js';
import { blockLanguage } from '#shared/forward/block-language.js';
import { classifyClient } from '#shared/forward/classify-client.js';
import { bodyText, extractForwardedBlock } from '#shared/forward/extract-forwarded-block.js';
import { extractQuotedHistory, hasQuotedMessage } from '#shared/forward/extract-quoted-history.js';
import { findQuoteStructures, type QuoteStructure } from '#shared/forward/find-quote-structures.js';
import { decodeHtmlEntities } from '#shared/forward/html-entities.js';
import { htmlFragmentFrom } from '#shared/forward/html-fragment.js';
import { convertHtmlToText, htmlToText } from '#shared/forward/html-to-text.js';
import { readAttribute, tokenizeHtml } from '#shared/forward/html-tokens.js';
import { isReplyLikeNote } from '#shared/forward/is-reply-like-note.js';
import { judgeFirstStructure } from '#shared/forward/judge-forward-structure.js';
import { monthOfWord } from '#shared/forward/month-names.js';
import { parseAddressList, parseSender } from '#shared/forward/parse-address-list.js';
import { parseAttributionText, readAttribution } from '#shared/forward/parse-attribution.js';
import { parseForwardDate } from '#shared/forward/parse-forward-date.js';
import { foldLabel, readHeaderBlock, readHeaderLine } from '#shared/forward/read-header-block.js';
import { classifySubject, stripSubjectPrefixes } from '#shared/forward/subject-prefix.js';
import { bodyFromLines, noteFromLines, normalizeText, splitTextLines } from '#shared/forward/text-lines.js';
import { unglueHeaderLine } from '#shared/forward/unglue-header-line.js';
import { measureGrowth, type Growth, type GrowthCase } from './growth-ratio.js';

/**
 * C7 (docs/rules.md): every step of processing one message is linear in its size. Every exported function of
 * shared/forward and shared/address that runs a regular expression over text from a message is fed the shapes
 * that make a backtracking regex quadratic — long runs that almost match and then fail at the end, adjacent
 * quantifiers over the same characters, trims of trailing runs, unclosed brackets and quotes, deep quoting — at
 * size n and 4n. The time must grow like the input (about 4×), not like its square (about 16×).
 */

/**
 * 4× the input may cost at most this much more: linear is ~4, quadratic ~16. Not 8: collecting millions of small
 * strings (a replace with a match every few characters) makes some linear steps grow up to ~9× at these sizes.
 */
const MAX_RATIO = 10;

const spaces = (n: number): string => ' '.repeat(n);
const forward = (text: string | null, html: string | null = null) => ({
  text,
  html,
  subject: 'Fwd: offer',
  dateOffsetMinutes: 0,
});
const structure = (from: string): QuoteStructure => ({
  marker: 'none',
  separatorText: '',
  start: 0,
  bodyStart: 1,
  depth: 0,
  fields: { from, date: '1 May 2026 10:00' },
  order: ['from', 'date'],
  glued: false,
  sentLabel: false,
  labels: [],
  conversation: false,
  attribution: null,
});

type Shape = (n: number) => string;
const trailingRun: Shape = (n) => `Hello${spaces(n)}x`;
const dashed: Shape = (n) => `--x${spaces(n)}y`;
const trimRun: Shape = (n) => `Forwarded${' -'.repeat(n)}x`;
const labelRun: Shape = (n) => `From:${spaces(n)}x\u2028y`;
const noAt: Shape = (n) => `From: ${'a'.repeat(n)}\nDate: 1 May 2026\nSubject: x`;
const atRun: Shape = (n) => `From: ${'a@'.repeat(n)}\nDate: 1 May 2026\nSubject: x`;
const deep: Shape = (n) =>
  ['From: a@b.example', 'Date: 1 May 2026', 'Subject: x', 'body'].map((l) => '>'.repeat(n) + l).join('\n');

/** Text shapes: what each one breaks is in its name. */
const textShapes: ReadonlyArray<readonly [string, Shape]> = [
  ['trailing-space run then a letter', trailingRun],
  ['dash separator with a space run', dashed],
  ['separator trim run', trimRun],
  ['header label with a space run and a line separator', labelRun],
  ['address-like run without an @', noAt],
  ['@ run', atRun],
  ['deep quoting', deep],
  ['many short lines', (n) => 'a \n'.repeat(n)],
];

/** HTML shapes. */
const htmlShapes: ReadonlyArray<readonly [string, (n: number) => string]> = [
  ['unescaped address run', (n) => `<p>x</p><a${'@a'.repeat(n)}>`],
  ['unclosed address run', (n) => `<p>x</p><a${'@a'.repeat(n)}"`],
  ['address run then a blank', (n) => `<p>x</p><a${'@a'.repeat(n)} x>`],
  ['pre with a space run', (n) => `<pre>x${spaces(n)}y</pre>`],
  ['unmatched closing tags', (n) => `${'<i>'.repeat(n)}${'</b>'.repeat(n)}`],
  ['attribute space runs', (n) => `<div class${spaces(n)}= ${spaces(n)}>x</div>`],
];

const cases: GrowthCase<unknown>[] = [];
function add<T>(name: string, build: (n: number) => T, run: (input: T) => unknown): void {
  cases.push({ name, build, run } as GrowthCase<unknown>);
}

// The entry points, and the line-level steps every text goes through, get every shape.
for (const [shape, make] of textShapes) {
  add(`splitTextLines: ${shape}`, make, (text) => splitTextLines(text));
  add(
    `bodyFromLines: ${shape}`,
    (n) => splitTextLines(make(n)),
    (lines) => bodyFromLines(lines, 0, 1 << 30),
  );
  add(
    `noteFromLines: ${shape}`,
    (n) => splitTextLines(make(n)),
    (lines) => noteFromLines(lines, lines.length),
  );
  add(
    `findQuoteStructures: ${shape}`,
    (n) => splitTextLines(make(n)),
    (lines) => findQuoteStructures(lines),
  );
  add(`extractForwardedBlock: ${shape}`, make, (text) => extractForwardedBlock(forward(text)));
  add(`extractQuotedHistory: ${shape}`, make, (text) => extractQuotedHistory(forward(text), () => false));
  add(`hasQuotedMessage: ${shape}`, make, (text) => hasQuotedMessage(forward(text)));
}

for (const [shape, make] of htmlShapes) {
  add(`tokenizeHtml: ${shape}`, make, (html) => tokenizeHtml(html));
  add(`convertHtmlToText: ${shape}`, make, (html) => convertHtmlToText(html));
  add(`htmlFragmentFrom: ${shape}`, make, (html) => htmlFragmentFrom(html, 0));
  add(`extractForwardedBlock (HTML only): ${shape}`, make, (html) =>
    extractForwardedBlock(forward(null, html)),
  );
  add(`extractQuotedHistory (HTML only): ${shape}`, make, (html) =>
    extractQuotedHistory(forward(null, html), () => false),
  );
}

/** Every other exported function that runs a regular expression, with the shapes aimed at its own patterns. */
const each = (
  name: string,
  shapes: ReadonlyArray<(n: number) => string>,
  run: (text: string) => unknown,
): void => shapes.forEach((make, i) => add(`${name}: shape ${i + 1}`, make, run));
each('normalizeText', [trailingRun, deep], (t) => normalizeText(t));
each('readHeaderLine', [labelRun, trailingRun, noAt], (t) => readHeaderLine(t));
each('readHeaderBlock', [labelRun, deep, (n) => `Subject: x\n${'  y\n'.repeat(n)}`], (t) =>
  readHeaderBlock(splitTextLines(t), 0),
);
each('blockLanguage', [(n) => `u${spaces(n)}x`, (n) => 'pon sri '.repeat(n)], (t) =>
  blockLanguage(['šalje', 'od', 'date'], t),
);
each('readAttribution', [trailingRun, atRun], (t) => readAttribution(splitTextLines(`${t}:`), 0));
each('foldLabel', [(n) => `From${spaces(n)}x`, (n) => `${'İ'.repeat(n)}`], (t) => foldLabel(t));
each('unglueHeaderLine', [labelRun, (n) => `From: <a@b.example>${'To: x '.repeat(n)}`], (t) =>
  unglueHeaderLine(t),
);
each(
  'parseAddressList',
  [noAt, atRun, labelRun, (n) => 'a@b.example, '.repeat(n), (n) => `Ann${spaces(n)}x on behalf of y`],
  (t) => parseAddressList(t),
);
each('parseSender', [noAt, atRun], (t) => parseSender(t));
each(
  'parseForwardDate',
  [trailingRun, (n) => `1${spaces(n)}.${spaces(n)}x 10:00`, (n) => `${'1 '.repeat(n)}x`],
  (t) => parseForwardDate(t, 0),
);
each('monthOfWord', [(n) => `${'.'.repeat(n)}x`, (n) => `jan${'.'.repeat(n)}`], (t) => monthOfWord(t));
each(
  'isReplyLikeNote',
  [dashed, trimRun, (n) => `FYI\nThanks${' ,'.repeat(n)}x`, (n) => `Hi${spaces(n)}x`],
  (t) => isReplyLikeNote(t),
);
each('judgeFirstStructure', [dashed, (n) => `FYI\nThanks${' ,'.repeat(n)}x`], (note) =>
  judgeFirstStructure(structure('Ann <a@b.example>'), note, 'plain', new Set()),
);
each('classifyClient', [noAt, atRun, (n) => `[mailto:${'a'.repeat(n)}`], (from) =>
  classifyClient(structure(from), new Set()),
);
each('bodyText', [trailingRun, deep], (t) => bodyText(splitTextLines(t), structure('x')));
each('classifySubject', [trailingRun, (n) => `Re${spaces(n)}x`, (n) => `[${'a'.repeat(n)}`], (t) =>
  classifySubject(t),
);
each(
  'stripSubjectPrefixes',
  [trailingRun, (n) => `Re${spaces(n)}x`, (n) => `Re: ${'[1] '.repeat(n)}x`],
  (t) => stripSubjectPrefixes(t),
);
each(
  'parseAttributionText',
  [
    (n) => `10:00 wrote${':'.repeat(n)}${spaces(n)}x`,
    (n) => `On 1 May 2026 10:00 ${'a@'.repeat(n)}b.example wrote:`,
    (n) => `On 1 May 2026 10:00 "${spaces(n)}"x <a@b.example> wrote:`,
    (n) => `On 1 May 2026 10:00 ${'Ann '.repeat(n)}<a@b.example> wrote:`,
    (n) => `On 1 May 2026 10:00 Ann <a@b.example>${' ,'.repeat(n)}x wrote:`,
    (n) => `On 1 May 2026 10:00 <${'a@'.repeat(n)} wrote:`,
  ],
  (t) => parseAttributionText(t),
);
each(
  'readAttribute',
  [(n) => `class${spaces(n)}= ${spaces(n)}`, (n) => ` class="${'a'.repeat(n)}`, (n) => ' class'.repeat(n)],
  (t) => readAttribute(t, 'class'),
);
each(
  'decodeHtmlEntities',
  [(n) => '&#'.repeat(n), (n) => `&${'a'.repeat(n)}`, (n) => '&amp'.repeat(n)],
  (t) => decodeHtmlEntities(t),
);
each('htmlToText', [(n) => `<pre>x${spaces(n)}y</pre>`, (n) => `<a${'@a'.repeat(n)}>`], (t) => htmlToText(t));
each(
  'normalizeAddress',
  [
    (n) => `'${'@'.repeat(n)}"x'`,
    (n) => `a@${'ü'.repeat(n)}.example`,
    (n) => `${'<a>'.repeat(n)}${spaces(n)}x`,
    (n) => `"${'a'.repeat(n)}`,
    atRun,
  ],
  (t) => normalizeAddress(t),
);
each('normalizeDomain', [(n) => `${'ü'.repeat(n)}.example`, (n) => `[${'1:'.repeat(n)}`], (t) =>
  normalizeDomain(t),
);
each('toAsciiDomain', [(n) => `${'üé'.repeat(n)}.example`, (n) => 'ü.'.repeat(n)], (t) => toAsciiDomain(t));
each('parseNeverLogEntry', [(n) => `*.${'ü'.repeat(n)}`, (n) => `'${'@'.repeat(n)}"x'`], (t) =>
  parseNeverLogEntry(t),
);
each('isNeverLog', [(n) => `'${'@'.repeat(n)}"x'`, (n) => `a@${'ü'.repeat(n)}.example`], (t) =>
  isNeverLog(t, ['x.example']),
);
each(
  'readStrictMailboxes',
  [
    (n) => `${'('.repeat(n)}a${')'.repeat(n)} a@b.example`,
    (n) => `"${'a'.repeat(n)}`,
    (n) => `${'a.'.repeat(n)}@b.example`,
    (n) => `Ann${' Ann'.repeat(n)} <a@b.example>`,
  ],
  (t) => readStrictMailboxes(t),
);

const measured: Growth[] = [];

afterAll(() => {
  const rows = measured.map(
    (g) =>
      `${g.ratio.toFixed(2).padStart(6)}  n=${String(g.n).padEnd(7)} ${g.ms.toFixed(1).padStart(7)} ms  ${g.name}`,
  );
  console.log(`Growth of time for 4x input (linear ~4, quadratic ~16):\n${rows.join('\n')}`);
});

describe('linear time over hostile input (C7)', () => {
  it('the measure itself catches a quadratic function (one of three measurements above the bound)', () => {
    const pairs = (text: string): number => {
      let equal = 0;
      for (let i = 0; i < text.length; i++) {
        for (let j = 0; j < text.length; j++) {
          equal += text.charCodeAt(i) === text.charCodeAt(j) ? 1 : 0;
        }
      }
      return equal;
    };
    // Load on a shared machine can inflate the small size's every sample once in a while (9.8 seen in CI), so the
    // canary takes the highest of three single measurements: a measure that cannot tell 16 from 4 fails all three.
    const canary = { name: 'quadratic canary', build: (n: number) => 'ab'.repeat(n), run: pairs };
    const ratios: number[] = [];
    while (ratios.length < 3 && !ratios.some((ratio) => ratio > MAX_RATIO)) {
      ratios.push(measureGrowth(canary).ratio);
    }
    expect(Math.max(...ratios), `ratios measured: ${ratios.join(', ')}`).toBeGreaterThan(MAX_RATIO);
  });

  it.each(cases.map((kase) => [kase.name, kase] as const))(
    '%s grows linearly',
    (_name, kase) => {
      const growth = measureGrowth(kase, MAX_RATIO);
      measured.push(growth);
      expect(
        growth.ratio,
        `${kase.name}: ${growth.ratio.toFixed(1)}x for 4x input at n=${growth.n}`,
      ).toBeLessThan(MAX_RATIO);
    },
    120_000,
  );
});
