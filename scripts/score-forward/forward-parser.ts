import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ours, tally, theirs, type Extracted, type Mailbox, type Tally } from './extracted.js';

/** The forward-parser corpus: 206 forwards, with the forwarding mail's subject given or withheld. */

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

export function scoreForwardParser(corpus: string, withSubject: boolean): { ours: Tally; peer: Tally } {
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
