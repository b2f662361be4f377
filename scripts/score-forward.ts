/**
 * `npm run score:forward`: scores our forwarded-block extractor against the peer `email-forward-parser` on
 * the shared corpus, read in place from `../shared/corpus` (never copied into the repository):
 *
 * - forward-parser: 206 cases (sender, subject, date text, To, Cc, body, note — the fields its own tests assert),
 *   once with the forwarding mail's subject given and once withheld;
 * - quotequail: HTML forwards (fields, note and body as visible text) and HTML replies;
 * - talon: real replies (`.eml` and HTML), which must all come back as "no forwarded block";
 * - our own classes (`test/fixtures/forward-classes/cases.json`, written for this repository): chains, folded header
 *   lines, Gmail's "Forwarded conversation", subject fallbacks, client labels and dates, one figure per class.
 *
 * Prints one table with our figures and the peer's from the same run, then one line per bar (`ok` / `short`), and
 * exits non-zero when ours falls below a bar. `--verbose` lists our failing cases.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { scoreClasses } from './score-forward/classes.js';
import type { Tally } from './score-forward/extracted.js';
import { scoreForwardParser } from './score-forward/forward-parser.js';
import { scoreQuotequail } from './score-forward/quotequail.js';
import { scoreTalon } from './score-forward/talon.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.resolve(repoRoot, '..', 'shared', 'corpus');
// The peer corpus is not part of the repository: a clone alone cannot score against it, so say so in one line.
for (const part of ['forward-parser', 'quotequail', 'talon']) {
  if (!existsSync(path.join(corpus, part))) {
    console.error(
      `score:forward: the peer corpus is missing (${path.join(corpus, part)}): it sits beside the checkout in CI only.`,
    );
    process.exit(2);
  }
}
const verbose = process.argv.includes('--verbose');

// ---------------------------------------------------------------- report

const withSubject = scoreForwardParser(corpus, true);
const withoutSubject = scoreForwardParser(corpus, false);
const quotequail = scoreQuotequail(corpus);
const talon = scoreTalon(corpus);
const classes = scoreClasses();

const rows: Array<[string, Tally, Tally]> = [
  ['forward-parser, subject given', withSubject.ours, withSubject.peer],
  ['forward-parser, subject withheld', withoutSubject.ours, withoutSubject.peer],
  ['quotequail HTML (forwards + replies)', quotequail.ours, quotequail.peer],
  ['talon replies (must be null)', talon.ours, talon.peer],
];
const cell = (t: Tally): string => `${t.pass}/${t.total}`.padStart(9);
console.log(`${'corpus'.padEnd(40)}${'ours'.padStart(9)}${'peer'.padStart(9)}`);
for (const [name, o, p] of rows) {
  console.log(`${name.padEnd(40)}${cell(o)}${cell(p)}`);
}
const replies = (pick: (r: { ours: Tally; peer: Tally }) => Tally): number =>
  [withSubject, withoutSubject, quotequail, talon].reduce((n, r) => n + pick(r).repliesTaken, 0);
console.log(
  `${'replies taken for forwards'.padEnd(40)}${String(replies((r) => r.ours)).padStart(9)}${String(replies((r) => r.peer)).padStart(9)}`,
);

console.log('');
console.log(`${'our own classes (test/fixtures/forward-classes)'.padEnd(49)}${'ours'.padStart(9)}`);
for (const [name, t] of classes) {
  console.log(`${`  ${name}`.padEnd(49)}${cell(t)}`);
}

if (verbose) {
  for (const [name, o] of [...rows.map(([n, t]) => [n, t] as const), ...classes]) {
    for (const failure of o.failures) {
      console.log(`  [${name}] ${failure}`);
    }
  }
}

const bars: Array<[string, boolean]> = [
  ['forward-parser with subject >= 205/206', withSubject.ours.pass >= 205],
  ['forward-parser without subject >= 186/206', withoutSubject.ours.pass >= 186],
  [`quotequail all cases (${quotequail.ours.total})`, quotequail.ours.pass === quotequail.ours.total],
  ['zero replies taken for forwards', replies((r) => r.ours) === 0],
  ...[...classes].map(([name, t]): [string, boolean] => [
    `our own class ${name}: all cases (${t.total})`,
    t.pass === t.total,
  ]),
];
console.log('');
for (const [bar, met] of bars) {
  console.log(`${met ? 'ok   ' : 'short'} ${bar}`);
}
process.exitCode = bars.every(([, met]) => met) ? 0 : 1;
