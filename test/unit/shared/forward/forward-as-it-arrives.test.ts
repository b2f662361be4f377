import { describe, expect, it } from 'vitest';
import { extractForwardedBlock, type ForwardInput } from '#shared/forward/extract-forwarded-block.js';

/** A text-only forward sent from a +01:00 zone, subject withheld unless given. */
function textForward(lines: string[], subject: string | null = null): ForwardInput {
  return { text: lines.join('\n'), html: null, subject, dateOffsetMinutes: 60 };
}

describe('header lines as clients fold them (F2)', () => {
  it('joins an indented Subject continuation under the last header line (Outlook on the web)', () => {
    const block = extractForwardedBlock(
      textForward([
        '________________________________',
        'From: Eve Stone <eve@initech.example>',
        'Sent: Monday, March 2, 2026 11:00',
        'To: Ann Lee <ann@corp.example>',
        'Subject: Annual maintenance of the cooling units in buildings A and',
        '   B',
        '',
        'Hello,',
      ]),
    );
    expect(block?.subject).toBe('Annual maintenance of the cooling units in buildings A and B');
    expect(block?.text).toBe('Hello,');
  });

  it("keeps Alpine's Subject after a `Cc:` line ending in a comma, and joins an indented Cc continuation", () => {
    const block = extractForwardedBlock(
      textForward([
        '---------- Forwarded message ----------',
        'Date: Mon, 2 Mar 2026 11:00:00 +0100',
        'From: Eve Stone <eve@initech.example>',
        'To: Ann Lee <ann@corp.example>',
        'Cc: Gus <gus@initech.example>,',
        '    Hal <hal@initech.example>,',
        'Subject: Cooling units',
        '',
        'Hello,',
      ]),
    );
    expect(block?.subject).toBe('Cooling units');
    expect(block?.cc.map((m) => m.address)).toEqual(['gus@initech.example', 'hal@initech.example']);
  });

  it('joins an unindented wrapped Subject only under a line long enough to have been wrapped', () => {
    const wrapped = extractForwardedBlock(
      textForward([
        '-----Original Message-----',
        'From: Eve Stone <eve@initech.example>',
        'Sent: Monday, March 2, 2026 11:00 AM',
        'To: Ann Lee <ann@corp.example>',
        'Subject: Annual maintenance of the cooling units in buildings A, B, C and',
        'D',
        '',
        'Hello,',
      ]),
    );
    expect(wrapped?.subject).toBe('Annual maintenance of the cooling units in buildings A, B, C and D');
    const short = extractForwardedBlock(
      textForward([
        '-----Original Message-----',
        'From: Eve Stone <eve@initech.example>',
        'Sent: Monday, March 2, 2026 11:00 AM',
        'To: Ann Lee <ann@corp.example>',
        'Subject: Cooling',
        'Hello,',
        '',
        'More.',
      ]),
    );
    expect(short?.subject).toBe('Cooling');
    expect(short?.text).toBe('Hello,\n\nMore.');
    // Long, but "Hello," would have fitted on it: not wrapped off it.
    const fits = extractForwardedBlock(
      textForward([
        '-----Original Message-----',
        'From: Eve Stone <eve@initech.example>',
        'Sent: Monday, March 2, 2026 11:00 AM',
        'Subject: Annual maintenance of the cooling units in building A',
        'Hello,',
        '',
        'More.',
      ]),
    );
    expect(fits?.subject).toBe('Annual maintenance of the cooling units in building A');
    expect(fits?.text).toBe('Hello,\n\nMore.');
  });
});

describe('client labels (forward.client)', () => {
  it('does not call an Alpine/Pine forward Gmail: ten dashes both sides, Date first', () => {
    const block = extractForwardedBlock(
      textForward([
        '---------- Forwarded message ----------',
        'Date: Mon, 2 Mar 2026 11:00:00 +0100',
        'From: Eve Stone <eve@initech.example>',
        'To: ann@corp.example',
        'Subject: Cooling units',
        '',
        'Hello,',
      ]),
    );
    expect(block?.client).toBe('generic');
  });

  it('labels a bare French or Dutch block dated "Envoyé"/"Verzonden" Outlook for Windows, "Date" Outlook for Mac', () => {
    const block = (dateLabel: string, date: string): string | undefined =>
      extractForwardedBlock(
        textForward(
          [
            'De : Eve Stone <eve@initech.example>',
            `${dateLabel} : ${date}`,
            'À : Ann Lee <ann@corp.example>',
            'Objet : Maintenance',
            '',
            'Bonjour,',
          ],
          'TR: Maintenance',
        ),
      )?.client;
    expect(block('Envoyé', 'lundi 2 mars 2026 11:00')).toBe('outlook-win');
    expect(block('Verzonden', 'maandag 2 maart 2026 11:00')).toBe('outlook-win');
    expect(block('Date', 'lundi 2 mars 2026 à 11:00')).toBe('outlook-mac');
  });
});

describe('chains of forwards (F2)', () => {
  const eveMail = [
    '---------- Forwarded message ---------',
    'From: Eve Stone <eve@initech.example>',
    'Date: Mon, Mar 2, 2026 at 11:00 AM',
    'Subject: Cooling units',
    'To: Gus <gus@partner.example>',
    '',
    'Hello Gus, the quote is attached.',
  ];

  it('passes through a forward that only forwards, to the innermost block, with the outer note', () => {
    const block = extractForwardedBlock(
      textForward(
        [
          'For the Initech account.',
          '',
          '________________________________',
          'From: Gus <gus@partner.example>',
          'Sent: Tuesday, March 3, 2026 09:00',
          'To: Ann Lee <ann@corp.example>',
          'Subject: Fwd: Cooling units',
          '',
          '',
          ...eveMail,
        ],
        'FW: Fwd: Cooling units',
      ),
    );
    expect(block).toMatchObject({
      client: 'gmail',
      from: { address: 'eve@initech.example' },
      subject: 'Cooling units',
      date: '2026-03-02T10:00:00.000Z',
      text: 'Hello Gus, the quote is attached.',
      note: 'For the Initech account.',
    });
  });

  it('keeps an intermediate block whose sender wrote something of their own', () => {
    const block = extractForwardedBlock(
      textForward([
        '---------- Forwarded message ---------',
        'From: Gus <gus@partner.example>',
        'Date: Tue, Mar 3, 2026 at 9:00 AM',
        'Subject: Fwd: Cooling units',
        'To: Ann Lee <ann@corp.example>',
        '',
        'Ann, we can beat this.',
        '',
        ...eveMail,
      ]),
    );
    expect(block?.from.address).toBe('gus@partner.example');
    expect(block?.subject).toBe('Fwd: Cooling units');
  });
});

describe("Gmail's forwarded conversation", () => {
  it('takes the Subject above the rule as the original subject, and the first message as the original', () => {
    const block = extractForwardedBlock(
      textForward([
        'Thread below.',
        '',
        '---------- Forwarded conversation ----------',
        'Subject: Cooling units',
        '------------------------',
        '',
        'From: Eve Stone <eve@initech.example>',
        'Date: Mon, Mar 2, 2026 at 11:00 AM',
        'To: Ann Lee <ann@corp.example>',
        '',
        'Quote attached.',
      ]),
    );
    expect(block).toMatchObject({
      client: 'gmail',
      from: { address: 'eve@initech.example' },
      subject: 'Cooling units',
      note: 'Thread below.',
      text: 'Quote attached.',
    });
  });
});

describe('subject fallbacks', () => {
  it("reads Outlook for Mac's attribution as a forward under a Pine-style `(fwd)` subject, without the marker", () => {
    const block = extractForwardedBlock(
      textForward(
        ['On 3/2/26, 11:00 AM, "Eve Stone" <eve@initech.example> wrote:', '', '    Quote attached.'],
        'Cooling units (fwd)',
      ),
    );
    expect(block?.from.address).toBe('eve@initech.example');
    expect(block?.subject).toBe('Cooling units');
  });
});

describe('chains in HTML (F2, F4)', () => {
  it("reads a Gmail HTML forward of a forward from the innermost block, the original's HTML body with it", () => {
    const attr = (from: string, address: string, date: string, subject: string, to: string): string =>
      '<div dir="ltr" class="gmail_attr">---------- Forwarded message ---------<br>' +
      `From: <strong class="gmail_sendername">${from}</strong> <span>&lt;${address}&gt;</span><br>` +
      `Date: ${date}<br>Subject: ${subject}<br>To: ${to}<br></div><br><br>`;
    const html =
      '<div dir="ltr">Please log.<br><br><div class="gmail_quote">' +
      attr(
        'Gus',
        'gus@partner.example',
        'Tue, Mar 3, 2026 at 9:00 AM',
        'Fwd: Cooling units',
        'ann@corp.example',
      ) +
      '<div dir="ltr"><br><br><div class="gmail_quote">' +
      attr(
        'Eve Stone',
        'eve@initech.example',
        'Mon, Mar 2, 2026 at 11:00 AM',
        'Cooling units',
        'gus@partner.example',
      ) +
      '<div dir="ltr">Quote <b>attached</b>.</div></div></div></div></div>';
    const block = extractForwardedBlock({ text: null, html, subject: null, dateOffsetMinutes: 60 });
    expect(block).toMatchObject({
      client: 'gmail',
      from: { address: 'eve@initech.example' },
      subject: 'Cooling units',
      text: 'Quote attached.',
      html: '<div dir="ltr">Quote <b>attached</b>.</div>',
      note: 'Please log.',
    });
  });
});

describe('a chain is not a reply', () => {
  it('keeps an empty reply (an attachment sent back) as the original, not the message it quotes', () => {
    const block = extractForwardedBlock(
      textForward(
        [
          '________________________________',
          'From: Eve Stone <eve@initech.example>',
          'Sent: Tuesday, March 3, 2026 09:00',
          'To: Ann Lee <ann@corp.example>',
          'Subject: RE: Cooling units',
          '',
          '________________________________',
          'From: Ann Lee <ann@corp.example>',
          'Sent: Monday, March 2, 2026 11:00',
          'To: Eve Stone <eve@initech.example>',
          'Subject: Cooling units',
          '',
          'Could you send the signed quote back?',
        ],
        'FW: RE: Cooling units',
      ),
    );
    expect(block?.from.address).toBe('eve@initech.example');
    expect(block?.subject).toBe('RE: Cooling units');
  });
});
