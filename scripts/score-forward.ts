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
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import EmailForwardParser from 'email-forward-parser';
import { extractForwardedBlock, type ForwardedBlock } from '../shared/forward/extract-forwarded-block.js';
import { htmlToText } from '../shared/forward/html-to-text.js';
import { readClassCases } from '../test/fixtures/forward-classes/read-cases.js';

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

type Mailbox = { address: string | null; name: string | null };
type Extracted = {
  forwarded: boolean;
  from?: Mailbox;
  subject?: string | null;
  date?: string | null;
  to?: Mailbox[];
  cc?: Mailbox[];
  body?: string;
  message?: string | null;
};

const peer = new EmailForwardParser();

function ours(text: string | null, html: string | null, subject: string | null): Extracted {
  const block = extractForwardedBlock({ text, html, subject, dateOffsetMinutes: null });
  return block === null ? { forwarded: false } : fromBlock(block);
}

function fromBlock(block: ForwardedBlock): Extracted {
  const mailbox = (m: { name: string; address: string | null }): Mailbox => ({
    address: m.address === '' ? null : m.address,
    name: m.name === '' ? null : m.name,
  });
  return {
    forwarded: true,
    from: mailbox(block.from),
    subject: block.subject,
    date: block.dateText,
    to: block.to.map(mailbox),
    cc: block.cc.map(mailbox),
    body: block.text,
    message: block.note === '' ? null : block.note,
  };
}

function theirs(body: string, subject: string | null): Extracted {
  const r = peer.read(body, subject ?? undefined);
  if (!r.forwarded) {
    return { forwarded: false };
  }
  const list = (v: unknown): Mailbox[] =>
    (v == null ? [] : Array.isArray(v) ? v : [v]).map((m: Mailbox) => ({
      address: m.address ?? null,
      name: m.name ?? null,
    }));
  return {
    forwarded: true,
    from: { address: r.email.from.address ?? null, name: r.email.from.name ?? null },
    subject: r.email.subject ?? null,
    date: r.email.date ?? null,
    to: list(r.email.to),
    cc: list(r.email.cc),
    body: r.email.body ?? '',
    message: r.message ?? null,
  };
}

// ---------------------------------------------------------------- forward-parser

type ForwardParserCase = {
  id: string;
  file: string;
  forwarded: boolean;
  outerSubject: string | null;
  upstreamAsserts: string[];
  expected: (Required<Omit<Extracted, 'forwarded'>> & { to: Mailbox[]; cc: Mailbox[] }) | null;
};

function mismatches(c: ForwardParserCase, got: Extracted): string[] {
  if (got.forwarded !== c.forwarded) {
    return [`forwarded=${String(got.forwarded)}`];
  }
  const e = c.expected;
  if (!c.forwarded || e === null) {
    return [];
  }
  const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
  const people = (list: Mailbox[] | undefined): Array<[string | null, string | null]> =>
    (list ?? []).map((m) => [m.address, m.name]);
  const checks: { [field: string]: () => boolean } = {
    from: () => same(people(got.from ? [got.from] : []), people([e.from])),
    subject: () => got.subject === e.subject,
    date: () => got.date === e.date,
    to: () => same(people(got.to), people(e.to)),
    cc: () => same(people(got.cc), people(e.cc)),
    body: () => got.body === e.body,
    message: () => (got.message ?? null) === e.message,
  };
  return c.upstreamAsserts
    .filter((field) => field !== 'forwarded' && checks[field]?.() === false)
    .map((field) => `${field}: ${JSON.stringify((got as Record<string, unknown>)[field])?.slice(0, 120)}`);
}

type Tally = { pass: number; total: number; repliesTaken: number; failures: string[] };
const tally = (): Tally => ({ pass: 0, total: 0, repliesTaken: 0, failures: [] });

function scoreForwardParser(withSubject: boolean): { ours: Tally; peer: Tally } {
  const dir = path.join(corpus, 'forward-parser');
  const { cases } = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as {
    cases: ForwardParserCase[];
  };
  const result = { ours: tally(), peer: tally() };
  for (const c of cases) {
    const body = readFileSync(path.join(dir, c.file), 'utf8');
    const subject = withSubject ? c.outerSubject : null;
    for (const [who, got] of [
      ['ours', ours(body, null, subject)],
      ['peer', theirs(body, subject)],
    ] as const) {
      const t = result[who];
      const wrong = mismatches(c, got);
      t.total++;
      if (wrong.length === 0) {
        t.pass++;
      } else {
        t.failures.push(`${c.id}: ${wrong.join(' | ')}`);
      }
      if (!c.forwarded && got.forwarded) {
        t.repliesTaken++;
      }
    }
  }
  return result;
}

// ---------------------------------------------------------------- quotequail (HTML forwards and replies)

type QuotequailCase = {
  id: string;
  forwarded: boolean;
  expected: {
    from: Mailbox;
    to: Mailbox[];
    subject: string;
    date: string;
    noteText?: string | null;
    noteHtmlFile?: string;
    bodyText?: string;
    bodyHtmlFile?: string;
  } | null;
};

const squash = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();

function scoreQuotequail(): { ours: Tally; peer: Tally } {
  const dir = path.join(corpus, 'quotequail');
  const { cases } = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as {
    cases: QuotequailCase[];
  };
  const result = { ours: tally(), peer: tally() };
  for (const c of cases) {
    const html = readFileSync(path.join(dir, 'tests', 'files', `${c.id}.html`), 'utf8');
    const e = c.expected;
    const visible = (file: string | undefined, text: string | null | undefined): string =>
      squash(file === undefined ? text : htmlToText(readFileSync(path.join(dir, file), 'utf8')));
    for (const [who, got] of [
      ['ours', ours(null, html, null)],
      ['peer', theirs(htmlToText(html), null)],
    ] as const) {
      const t = result[who];
      const wrong: string[] = [];
      if (got.forwarded !== c.forwarded) {
        wrong.push(`forwarded=${String(got.forwarded)}`);
      } else if (e != null) {
        const fromOk = got.from?.address === e.from.address && got.from?.name === e.from.name;
        const toOk = JSON.stringify(got.to) === JSON.stringify(e.to);
        const bodyOk =
          e.bodyText === undefined && e.bodyHtmlFile === undefined
            ? true
            : squash(got.body) === visible(e.bodyHtmlFile, e.bodyText);
        const noteOk = squash(got.message) === visible(e.noteHtmlFile, e.noteText);
        const checks = {
          from: fromOk,
          to: toOk,
          subject: got.subject === e.subject,
          date: got.date === e.date,
          body: bodyOk,
          note: noteOk,
        };
        wrong.push(
          ...Object.entries(checks)
            .filter(([, ok]) => !ok)
            .map(([field]) => field),
        );
      }
      t.total++;
      if (wrong.length === 0) {
        t.pass++;
      } else {
        t.failures.push(`${c.id}: ${wrong.join(' | ')}`);
      }
      if (!c.forwarded && got.forwarded) {
        t.repliesTaken++;
      }
    }
  }
  return result;
}

// ---------------------------------------------------------------- talon (replies: never forwards)

type TalonCase = { id: string; file: string; format: 'eml' | 'html' };

function scoreTalon(): { ours: Tally; peer: Tally } {
  const dir = path.join(corpus, 'talon');
  const { cases } = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as {
    cases: TalonCase[];
  };
  const result = { ours: tally(), peer: tally() };
  for (const c of cases) {
    const raw = readFileSync(path.join(dir, c.file));
    const mail =
      c.format === 'eml' ? readEml(raw) : { text: null, html: raw.toString('utf8'), subject: null };
    for (const [who, got] of [
      ['ours', ours(mail.text, mail.html, mail.subject)],
      ['peer', theirs(mail.text ?? htmlToText(mail.html ?? ''), mail.subject)],
    ] as const) {
      const t = result[who];
      t.total++;
      if (got.forwarded) {
        t.repliesTaken++;
        t.failures.push(`${c.id}: taken for a forward`);
      } else {
        t.pass++;
      }
    }
  }
  return result;
}

/**
 * A minimal MIME reader for talon's `.eml` fixtures: the first text/plain and text/html parts (quoted-printable or
 * base64, any charset Node's TextDecoder knows) and the decoded Subject. mailparser is reserved to
 * electron/core/parse-mime.ts by the import-boundary rule, and the scorer needs no more than this.
 */
function readEml(raw: Buffer): { text: string | null; html: string | null; subject: string | null } {
  const found: { text: string | null; html: string | null } = { text: null, html: null };
  const top = splitEntity(raw.toString('latin1'));
  walk(top.headers, top.body, found);
  const subject = top.headers.get('subject');
  return { ...found, subject: subject === undefined ? null : decodeWords(subject) };
}

function splitEntity(entity: string): { headers: Map<string, string>; body: string } {
  const sep = /\r?\n\r?\n/.exec(entity);
  const head = sep === null ? entity : entity.slice(0, sep.index);
  const body = sep === null ? '' : entity.slice(sep.index + sep[0].length);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      const name = line.slice(0, colon).trim().toLowerCase();
      if (!headers.has(name)) {
        headers.set(name, line.slice(colon + 1).trim());
      }
    }
  }
  return { headers, body };
}

function walk(
  headers: Map<string, string>,
  body: string,
  found: { text: string | null; html: string | null },
): void {
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary !== undefined) {
    for (const part of body.split(`--${boundary}`).slice(1)) {
      if (part.startsWith('--')) {
        break;
      }
      const entity = splitEntity(part.replace(/^\r?\n/, ''));
      walk(entity.headers, entity.body, found);
    }
    return;
  }
  const key = /^text\/html/i.test(type) ? 'html' : /^text\/plain/i.test(type) ? 'text' : null;
  if (key === null || found[key] !== null) {
    return;
  }
  const charset = /charset="?([^";\s]+)"?/i.exec(type)?.[1] ?? 'utf-8';
  const encoding = (headers.get('content-transfer-encoding') ?? '').toLowerCase();
  found[key] = decodeCharset(decodeTransfer(body, encoding), charset);
}

function decodeTransfer(body: string, encoding: string): Buffer {
  if (encoding === 'base64') {
    return Buffer.from(body.replace(/\s+/g, ''), 'base64');
  }
  if (encoding === 'quoted-printable') {
    const soft = body.replace(/=\r?\n/g, '');
    return Buffer.from(
      soft.replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
      'latin1',
    );
  }
  return Buffer.from(body, 'latin1');
}

function decodeCharset(bytes: Buffer, charset: string): string {
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return bytes.toString('utf8');
  }
}

function decodeWords(value: string): string {
  return value.replace(
    /=\?([^?]+)\?([bqBQ])\?([^?]*)\?=/g,
    (_, charset: string, kind: string, data: string) => {
      const bytes =
        kind.toLowerCase() === 'b'
          ? Buffer.from(data, 'base64')
          : decodeTransfer(data.replace(/_/g, ' '), 'quoted-printable');
      return decodeCharset(bytes, charset);
    },
  );
}

// ---------------------------------------------------------------- our own classes (docs/rules.md F2)

function scoreClasses(): Map<string, Tally> {
  const cases = readClassCases();
  const byClass = new Map<string, Tally>();
  for (const c of cases) {
    const input = {
      text: c.text.join('\n'),
      html: null,
      subject: c.subject,
      dateOffsetMinutes: c.dateOffsetMinutes,
      forwardDate: c.forwardDate ?? null,
    };
    const block = extractForwardedBlock(input);
    const e = c.expected;
    const wrong: string[] = [];
    if (block === null) {
      wrong.push('forwarded=false');
    } else {
      const checks: Array<[string, boolean, unknown]> = [
        ['from', e.from === undefined || block.from.address === e.from, block.from.address],
        ['subject', e.subject === undefined || block.subject === e.subject, block.subject],
        ['date', e.date === undefined || block.date === e.date, block.date],
        [
          'cc',
          e.cc === undefined || JSON.stringify(block.cc.map((m) => m.address)) === JSON.stringify(e.cc),
          block.cc.map((m) => m.address),
        ],
        ['note', e.note === undefined || block.note === e.note, block.note],
        ['client', e.client === undefined || block.client === (e.client ?? 'generic'), block.client],
      ];
      wrong.push(
        ...checks.filter(([, ok]) => !ok).map(([field, , got]) => `${field}: ${JSON.stringify(got)}`),
      );
    }
    const t = byClass.get(c.class) ?? tally();
    byClass.set(c.class, t);
    t.total++;
    if (wrong.length === 0) {
      t.pass++;
    } else {
      t.failures.push(`${c.id}: ${wrong.join(' | ')}`);
    }
  }
  return byClass;
}

// ---------------------------------------------------------------- report

const withSubject = scoreForwardParser(true);
const withoutSubject = scoreForwardParser(false);
const quotequail = scoreQuotequail();
const talon = scoreTalon();
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
