import { readFileSync } from 'node:fs';
import path from 'node:path';
import { htmlToText } from '#shared/forward/html-to-text.js';
import { ours, tally, theirs, type Tally } from './extracted.js';
import { readEml } from './read-eml.js';

// The talon corpus: real replies (.eml and HTML), which must all come back as "no forwarded block".

type TalonCase = { id: string; file: string; format: 'eml' | 'html' };

export function scoreTalon(corpus: string): { ours: Tally; peer: Tally } {
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
