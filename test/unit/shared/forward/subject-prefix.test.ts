import { describe, expect, it } from 'vitest';
import { forwardSubjectPrefixes, replySubjectPrefixes } from '#shared/forward/forward-phrases.js';
import { stripSubjectPrefixes } from '#shared/forward/subject-prefix.js';
import { decide } from '#shared/rules/decide.js';
import { identityKeys, normalizeSubject } from '#shared/rules/identity-keys.js';
import {
  annFrom,
  bobTo,
  forwardNote,
  fwdEnvelope,
  mailbox,
  makeFacts,
  makeForward,
  makeMessage,
  originalBody,
} from '../rules/builders.js';

/** Bob's "Pricing" of 2026-03-02 10:15 +09:00 as R2 keys it, however it reached the store. */
const pricingKey = identityKeys({
  messageId: null,
  from: 'bob@acme.example',
  date: '2026-03-02T01:15:00.000Z',
  subject: 'Pricing',
  direction: 'incoming',
}).contentKey;

/** Each way decide() reads the subject of Bob's mail, given that subject as the mail client wrote it. */
const paths: ReadonlyArray<{ path: string; keyOf: (subject: string) => string | null }> = [
  { path: 'the R2 normaliser itself', keyOf: (subject) => keyOf(subject) },
  {
    path: 'log-now of the message itself',
    keyOf: (subject) =>
      decide(
        makeMessage({ messageId: null, from: [bobTo], to: [annFrom], subject }),
        { route: 'log-now', userEmail: 'ann@corp.example' },
        makeFacts(),
      ).identity.contentKey,
  },
  {
    path: 'a forwarded block naming the subject',
    keyOf: (subject) =>
      decide(
        makeForward({
          text:
            `${forwardNote}\n\n---------- Forwarded message ---------\n` +
            'From: Bob Example <bob@acme.example>\nDate: Mon, Mar 2, 2026 at 10:15 AM\n' +
            `Subject: ${subject}\nTo: Ann Smith <ann@corp.example>\n\n${originalBody}\n`,
        }),
        fwdEnvelope,
        makeFacts(),
      ).identity.contentKey,
  },
  {
    path: "a forward whose block has no subject (the forward's own subject)",
    keyOf: (subject) =>
      decide(
        makeForward({
          subject: `Fwd: ${subject}`,
          text:
            `${forwardNote}\n\n---------- Forwarded message ---------\n` +
            'From: Bob Example <bob@acme.example>\nDate: Mon, Mar 2, 2026 at 10:15 AM\n' +
            `To: Ann Smith <ann@corp.example>\n\n${originalBody}\n`,
        }),
        fwdEnvelope,
        makeFacts(),
      ).identity.contentKey,
  },
  {
    path: 'a quoted reply attribution (F8)',
    keyOf: (subject) =>
      decide(
        makeMessage({
          to: [bobTo],
          cc: [mailbox('log+fwd@corp.example')],
          subject,
          date: '2026-03-02T02:00:00.000Z',
          text:
            'Thanks Bob.\n\nOn Mon, Mar 2, 2026 at 10:15 AM Bob Example <bob@acme.example> wrote:\n' +
            '> Could you send the pricing for 50 seats?\n',
        }),
        fwdEnvelope,
        makeFacts(),
      ).identity.contentKey,
  },
];

function keyOf(subject: string): string | null {
  return identityKeys({
    messageId: null,
    from: 'bob@acme.example',
    date: '2026-03-02T01:15:00.000Z',
    subject,
    direction: 'incoming',
  }).contentKey;
}

const subjects = [
  'Re: Pricing',
  'RIF: Pricing',
  'Ответ: Pricing',
  'ILT: Pricing',
  'YNT: Pricing',
  'AW: WG: Pricing',
  'TR: Pricing',
  'SV: Pricing',
  '回复: Pricing',
  '転送: Pricing',
  '返信：Pricing',
  'ＲＥ：Pricing',
  'Re[2]: Fwd: Pricing',
  'Pricing (fwd)',
  'Fwd: Pricing [Fwd]',
];

describe('stripSubjectPrefixes (R2: one subject normaliser)', () => {
  it.each(paths.flatMap(({ path, keyOf: key }) => subjects.map((subject) => ({ path, key, subject }))))(
    'R2: $path keys $subject as the plain subject',
    ({ key, subject }) => {
      expect(key(subject)).toBe(pricingKey);
    },
  );

  it.each([...forwardSubjectPrefixes, ...replySubjectPrefixes])(
    'R2: strips the prefix %j, in any case, before any other',
    (prefix) => {
      expect(stripSubjectPrefixes(`${prefix}: Re: Pricing`)).toBe('Pricing');
      expect(normalizeSubject(`${prefix.toUpperCase()}: Pricing`)).toBe('pricing');
    },
  );

  it('strips trailing forward markers, and only those', () => {
    expect(stripSubjectPrefixes('Pricing (fwd)')).toBe('Pricing');
    expect(stripSubjectPrefixes('Re: Pricing (FWD) (fwd)')).toBe('Pricing');
    expect(stripSubjectPrefixes('Pricing [WG]')).toBe('Pricing');
    expect(stripSubjectPrefixes('Pricing (draft)')).toBe('Pricing (draft)');
    expect(stripSubjectPrefixes('Pricing (see fwd)')).toBe('Pricing (see fwd)');
  });

  it('R2: keeps a word that only looks like a prefix, and a subject that is nothing but prefixes', () => {
    expect(stripSubjectPrefixes('Rebate: Pricing')).toBe('Rebate: Pricing');
    expect(normalizeSubject('Fwd:')).toBe('');
  });
});
