import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractForwardedBlock } from '#shared/forward/extract-forwarded-block.js';

/**
 * the forward extractor reads text written by strangers. It must never throw and always return — on
 * random text and HTML, and on adversarial bodies up to 200 KB built from the very phrases it looks for. The
 * big inputs run in a worker thread that is terminated when it does not answer within a generous budget: a
 * hang detector, not a speed assertion.
 */

const fragments = [
  '---------- Forwarded message ---------\n',
  '-----Original Message-----\n',
  'Begin forwarded message:\n\n',
  '-------- Message transféré --------\n',
  '---------- 転送されたメッセージ ----------\n',
  'From: Bob Example <bob@acme.example>\n',
  'From: ',
  'Sent: Monday, March 2, 2026 10:15 AM\n',
  'Date: Mon, Mar 2, 2026 at 10:15 AM\n',
  'Subject: Pricing\n',
  'To: ann@corp.example\n',
  'Cc: ',
  'On Mon, Mar 2, 2026 at 10:15 AM Bob <bob@acme.example> wrote:\n',
  '> ',
  '>>>>>>>>>>',
  '\n',
  '\r\n',
  ' ',
  '<',
  '>',
  '@',
  '"',
  'Bob <',
  '<blockquote type="cite">',
  '<div class="gmail_quote">',
  '<div id="divRplyFwdMsg">',
  '<hr>',
  '<br>',
  '</div>',
  '&amp;',
  '&#',
  '<!--',
  '<b>From:</b> ',
  'lorem ipsum dolor sit amet ',
];
const body = fc.array(fc.constantFrom(...fragments), { maxLength: 300 }).map((parts) => parts.join(''));

describe('extractForwardedBlock (properties)', () => {
  it('never throws on random text and HTML, or on bodies made of forward phrases', () => {
    fc.assert(
      fc.property(
        fc.option(fc.oneof(fc.string(), body), { nil: null }),
        fc.option(fc.oneof(fc.string(), body), { nil: null }),
        fc.option(fc.string(), { nil: null }),
        (text, html, subject) => {
          const block = extractForwardedBlock({ text, html, subject, dateOffsetMinutes: 540 });
          if (block !== null) {
            expect(block.confidence).toBeGreaterThan(0);
            expect(block.confidence).toBeLessThanOrEqual(1);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('extractForwardedBlock on adversarial bodies up to 200 KB (hang detector)', () => {
  let worker: Worker;
  beforeAll(() => {
    // The worker is TypeScript: load it through tsx's API, since a worker does not inherit vitest's loader.
    const script = new URL('./extract-forward-worker.ts', import.meta.url).href;
    const tsx = import.meta.resolve('tsx/esm/api');
    worker = new Worker(
      `import(${JSON.stringify(tsx)}).then(({ tsImport }) => tsImport(${JSON.stringify(script)}, ${JSON.stringify(script)}))`,
      { eval: true },
    );
  });
  afterAll(async () => {
    await worker.terminate();
  });

  function extractInWorker(input: { text: string | null; html: string | null; subject: string | null }) {
    return new Promise<{ ok: boolean; error?: string }>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(new Error(`no answer within 20 s for a ${JSON.stringify(input).length}-character input`)),
        20_000,
      );
      worker.once('message', (answer: { ok: boolean; error?: string }) => {
        clearTimeout(timer);
        resolve(answer);
      });
      worker.postMessage(input);
    });
  }

  const size = 200_000;
  const repeated = (unit: string) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  const adversarial: Array<[string, string]> = [
    ['one line without a break', repeated('x')],
    ['word characters and dots without an @', repeated('a.b_c-d')],
    ['forward separators only', repeated('---------- Forwarded message ---------\n')],
    ['header labels only', repeated('From: Sent: Date: To: Subject: Cc:\n')],
    ['From lines with unclosed angles', repeated('From: Bob <bob@acme.example\n')],
    ['attribution lines', repeated('On Mon, Mar 2, 2026 at 10:15 AM Bob <bob@acme.example> wrote:\n')],
    ['quote markers', repeated('>')],
    ['deep quote levels', repeated('> > > > > > > > > > quoted\n')],
    ['at signs', repeated('@')],
    ['angle brackets', repeated('<')],
    ['quotes', repeated('"a" ')],
    ['white space', repeated(' \t')],
    ['nested blockquotes', repeated('<blockquote type="cite">')],
    ['unclosed tags', repeated('<div class="gmail_quote x')],
    ['unclosed comments', repeated('<!--')],
    ['entity soup', repeated('&#x1F600;&#99999999;&bogus;&amp')],
  ];

  for (const [name, text] of adversarial) {
    it(`returns for ${name} as text and as HTML`, { timeout: 60_000 }, async () => {
      expect(await extractInWorker({ text, html: null, subject: 'Fwd: x' })).toEqual({ ok: true });
      expect(await extractInWorker({ text: null, html: text, subject: 'Fwd: x' })).toEqual({ ok: true });
    });
  }

  it('returns for random 200 KB bodies made of forward phrases', { timeout: 120_000 }, async () => {
    const samples = fc.sample(
      fc
        .array(fc.constantFrom(...fragments), { minLength: 8000, maxLength: 8000 })
        .map((p) => p.join('').slice(0, size)),
      { numRuns: 10, seed: 6 },
    );
    for (const text of samples) {
      expect(await extractInWorker({ text, html: null, subject: null })).toEqual({ ok: true });
      expect(await extractInWorker({ text: null, html: text, subject: 'Fwd: x' })).toEqual({ ok: true });
    }
  });
});
