import { readFileSync } from 'node:fs';
import path from 'node:path';
import { htmlToText } from '#shared/forward/html-to-text.js';
import { ours, squash, tally, theirs, type Mailbox, type Tally } from './extracted.js';

// The quotequail corpus: HTML forwards (fields, note and body as visible text) and HTML replies.

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

export function scoreQuotequail(corpus: string): { ours: Tally; peer: Tally } {
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
