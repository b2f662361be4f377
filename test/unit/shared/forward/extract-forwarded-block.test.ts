import { describe, expect, it } from 'vitest';
import { extractForwardedBlock, type ForwardInput } from '#shared/forward/extract-forwarded-block.js';

/** A text-only forward, subject withheld unless given, sent from a +01:00 zone. */
function textForward(text: string, subject: string | null = null): ForwardInput {
  return { text, html: null, subject, dateOffsetMinutes: 60 };
}

const offerBody = 'Hello Ann,\n\nPlease find our offer for the renewal attached.\n\nBob';

describe('extractForwardedBlock: Gmail (text)', () => {
  it('F2: reads the original sender, date, subject, To, Cc, body and note of an English forward', () => {
    const text = [
      'FYI, see below.',
      '',
      '---------- Forwarded message ---------',
      'From: Bob Smith <Bob.Smith@Acme.example>',
      'Date: Tue, Mar 3, 2026 at 4:05 PM',
      'Subject: Renewal offer',
      'To: Ann Lee <ann@corp.example>',
      'Cc: "Carl, Jr." <carl@acme.example>, dana@acme.example',
      '',
      offerBody,
      '',
    ].join('\n');
    expect(extractForwardedBlock(textForward(text, 'Fwd: Renewal offer'))).toEqual({
      client: 'gmail',
      confidence: 0.97,
      from: { name: 'Bob Smith', address: 'bob.smith@acme.example' },
      dateText: 'Tue, Mar 3, 2026 at 4:05 PM',
      date: '2026-03-03T15:05:00.000Z',
      subject: 'Renewal offer',
      to: [{ name: 'Ann Lee', address: 'ann@corp.example' }],
      cc: [
        { name: 'Carl, Jr.', address: 'carl@acme.example' },
        { name: '', address: 'dana@acme.example' },
      ],
      text: offerBody,
      html: null,
      note: 'FYI, see below.',
    });
  });

  it('F2: reads a German Gmail forward (Von, localised date) without needing the subject', () => {
    const text = [
      '---------- Forwarded message ---------',
      'Von: Bob Smith <bob@acme.example>',
      'Date: Di., 3. März 2026 um 16:05 Uhr',
      'Subject: Angebot',
      'To: <ann@corp.example>',
      '',
      'Guten Tag,',
    ].join('\n');
    const block = extractForwardedBlock(textForward(text));
    expect(block).toMatchObject({
      client: 'gmail',
      from: { name: 'Bob Smith', address: 'bob@acme.example' },
      dateText: 'Di., 3. März 2026 um 16:05 Uhr',
      date: '2026-03-03T15:05:00.000Z',
      subject: 'Angebot',
      to: [{ name: '', address: 'ann@corp.example' }],
      text: 'Guten Tag,',
      note: '',
    });
  });
});

describe('extractForwardedBlock: Outlook on the web / 365 (text)', () => {
  it('F2: reads the block under the rule line, Sent read as the date in the forward zone', () => {
    const text = [
      'Logging this one.',
      '',
      '________________________________',
      'From: Bob Smith <bob@acme.example>',
      'Sent: Tuesday, March 3, 2026 16:05',
      'To: ann@corp.example <ann@corp.example>; Carl <carl@acme.example>',
      'Subject: Renewal offer',
      '',
      offerBody,
    ].join('\n');
    expect(extractForwardedBlock(textForward(text, 'FW: Renewal offer'))).toEqual({
      client: 'outlook-web',
      confidence: 0.9,
      from: { name: 'Bob Smith', address: 'bob@acme.example' },
      dateText: 'Tuesday, March 3, 2026 16:05',
      date: '2026-03-03T15:05:00.000Z',
      subject: 'Renewal offer',
      to: [
        { name: '', address: 'ann@corp.example' },
        { name: 'Carl', address: 'carl@acme.example' },
      ],
      cc: [],
      text: offerBody,
      html: null,
      note: 'Logging this one.',
    });
  });
});

describe('extractForwardedBlock: Outlook for Windows (text)', () => {
  it('F6: keeps an Exchange sender shown without an address as a name-only sender', () => {
    const text = [
      '-----Original Message-----',
      'From: Bob Smith',
      'Sent: 03 March 2026 16:05',
      'To: Ann Lee',
      'Subject: Renewal offer',
      '',
      offerBody,
    ].join('\n');
    expect(extractForwardedBlock(textForward(text, 'FW: Renewal offer'))).toMatchObject({
      client: 'outlook-win',
      from: { name: 'Bob Smith', address: null },
      to: [{ name: 'Ann Lee', address: '' }],
      date: '2026-03-03T15:05:00.000Z',
      text: offerBody,
    });
  });

  it('F2: reads "[mailto:]" addresses of a header block with no separator', () => {
    const text = [
      'From: Smith, Bob [mailto:bob@acme.example]',
      'Sent: Tuesday, March 03, 2026 4:05 PM',
      'To: Lee, Ann',
      'Cc: Carl [mailto:carl@acme.example]',
      'Subject: Renewal offer',
      '',
      offerBody,
    ].join('\n');
    expect(extractForwardedBlock(textForward(text))).toMatchObject({
      client: 'outlook-win',
      from: { name: 'Smith, Bob', address: 'bob@acme.example' },
      cc: [{ name: 'Carl', address: 'carl@acme.example' }],
      date: '2026-03-03T15:05:00.000Z',
    });
  });
});

describe('extractForwardedBlock: Outlook for Mac (French, bare block)', () => {
  it('F2: reads De/Date/À/Cc/Objet at the top of the body', () => {
    const text = [
      'De : Bob Smith <bob@acme.example>',
      'Date : mardi, 3 mars 2026 à 16:05',
      'À : Ann Lee <ann@corp.example>',
      'Objet : Offre de renouvellement',
      'Bonjour Ann,',
    ].join('\n');
    expect(extractForwardedBlock(textForward(text))).toMatchObject({
      client: 'outlook-mac',
      from: { name: 'Bob Smith', address: 'bob@acme.example' },
      dateText: 'mardi, 3 mars 2026 à 16:05',
      date: '2026-03-03T15:05:00.000Z',
      subject: 'Offre de renouvellement',
      text: 'Bonjour Ann,',
    });
  });
});

describe('extractForwardedBlock: Apple Mail (text)', () => {
  it('F2: reads a quoted "Begin forwarded message:" block and unquotes the body', () => {
    const text = [
      'Have a look.',
      '',
      '> Begin forwarded message:',
      '>',
      '> From: Bob Smith <bob@acme.example>',
      '> Subject: Renewal offer',
      '> Date: 3 March 2026 at 16:05:09 CET',
      '> To: ann@corp.example',
      '>',
      '> Hello Ann,',
      '>',
      '> Bob',
    ].join('\n');
    expect(extractForwardedBlock(textForward(text))).toEqual({
      client: 'apple-mail',
      confidence: 0.97,
      from: { name: 'Bob Smith', address: 'bob@acme.example' },
      dateText: '3 March 2026 at 16:05:09 CET',
      date: '2026-03-03T15:05:09.000Z',
      subject: 'Renewal offer',
      to: [{ name: '', address: 'ann@corp.example' }],
      cc: [],
      text: 'Hello Ann,\n\nBob',
      html: null,
      note: 'Have a look.',
    });
  });
});

describe('extractForwardedBlock: Thunderbird (Polish)', () => {
  it('F2: reads the Subject-first table of a Polish forward', () => {
    const text = [
      '--- Treść przekazanej wiadomości ---',
      'Temat: \tOferta',
      'Data: \tTue, 3 Mar 2026 16:05:09 +0100',
      'Nadawca: \tBob Smith <bob@acme.example>',
      'Adresat: \tann@corp.example',
      '',
      'Dzień dobry,',
    ].join('\n');
    expect(extractForwardedBlock(textForward(text))).toMatchObject({
      client: 'thunderbird',
      from: { name: 'Bob Smith', address: 'bob@acme.example' },
      subject: 'Oferta',
      date: '2026-03-03T15:05:09.000Z',
      text: 'Dzień dobry,',
    });
  });
});

describe('extractForwardedBlock: Yahoo (German, one-line header)', () => {
  it('F2: splits the header Yahoo glues onto the separator line', () => {
    const text = [
      '   ----- Weitergeleitete Nachricht ----- Von: Bob Smith <bob@acme.example>An: "ann@corp.example" <ann@corp.example>Gesendet: Dienstag, 3. März 2026, 16:05:09 MEZBetreff: Angebot',
      ' Guten Tag,',
    ].join('\n');
    expect(extractForwardedBlock(textForward(text))).toMatchObject({
      client: 'yahoo',
      from: { name: 'Bob Smith', address: 'bob@acme.example' },
      to: [{ name: '', address: 'ann@corp.example' }],
      dateText: 'Dienstag, 3. März 2026, 16:05:09 MEZ',
      date: '2026-03-03T15:05:09.000Z',
      subject: 'Angebot',
      text: 'Guten Tag,',
    });
  });
});

describe('extractForwardedBlock: Japanese', () => {
  it('F2: reads 転送メッセージ with 差出人/送信日時/宛先/CC/件名 and a zone-less Japanese date', () => {
    const text = [
      'ご確認ください。',
      '',
      '-------- 転送メッセージ --------',
      '差出人: 山田 太郎 <taro.yamada@acme.example>',
      '送信日時: 2026年1月2日 15:04',
      '宛先: 佐藤 花子 <hanako@corp.example>',
      'CC: 鈴木 一郎 <ichiro@acme.example>',
      '件名: お見積もりの件',
      '',
      'いつもお世話になっております。',
    ].join('\n');
    const block = extractForwardedBlock({ text, html: null, subject: null, dateOffsetMinutes: 540 });
    expect(block).toMatchObject({
      from: { name: '山田 太郎', address: 'taro.yamada@acme.example' },
      dateText: '2026年1月2日 15:04',
      date: '2026-01-02T06:04:00.000Z',
      to: [{ name: '佐藤 花子', address: 'hanako@corp.example' }],
      cc: [{ name: '鈴木 一郎', address: 'ichiro@acme.example' }],
      subject: 'お見積もりの件',
      text: 'いつもお世話になっております。',
      note: 'ご確認ください。',
    });
  });

  it('F2: reads full-width colons (件名：) in a HubSpot-style Japanese block', () => {
    const text = [
      '---------- メッセージを転送 ---------',
      '送信元：Taro <taro@acme.example>',
      '日付：2026年1月2日金曜日 15:04:05 +0900',
      '件名：見積もり',
      '送信先：hanako@corp.example',
      '',
      '本文',
    ].join('\n');
    expect(extractForwardedBlock(textForward(text))).toMatchObject({
      from: { name: 'Taro', address: 'taro@acme.example' },
      date: '2026-01-02T06:04:05.000Z',
      subject: '見積もり',
      text: '本文',
    });
  });
});

describe('extractForwardedBlock: zone-less dates', () => {
  const text = [
    '---------- Forwarded message ---------',
    'From: Bob <bob@acme.example>',
    'Date: Tue, Mar 3, 2026 at 9:00 AM',
    'Subject: Offer',
    '',
    'Body',
  ].join('\n');

  it('F2: reads a date without a zone in the zone of the forward', () => {
    const east = extractForwardedBlock({ text, html: null, subject: null, dateOffsetMinutes: 540 });
    const west = extractForwardedBlock({ text, html: null, subject: null, dateOffsetMinutes: -300 });
    expect([east?.date, west?.date]).toEqual(['2026-03-03T00:00:00.000Z', '2026-03-03T14:00:00.000Z']);
  });

  it('F2: reads it as UTC when the forward has no zone, and keeps a written zone as written', () => {
    const zoned = text.replace('9:00 AM', '9:00 AM GMT+2');
    expect(extractForwardedBlock({ text, html: null, subject: null, dateOffsetMinutes: null })?.date).toBe(
      '2026-03-03T09:00:00.000Z',
    );
    expect(
      extractForwardedBlock({ text: zoned, html: null, subject: null, dateOffsetMinutes: -300 })?.date,
    ).toBe('2026-03-03T07:00:00.000Z');
  });
});

describe('extractForwardedBlock: nested forwards', () => {
  it('F2: returns the outermost (newest) block, with the older one kept in its body', () => {
    const text = [
      '---------- Forwarded message ---------',
      'From: Carl <carl@acme.example>',
      'Date: Wed, Mar 4, 2026 at 10:00 AM',
      'Subject: Fwd: Offer',
      'To: <ann@corp.example>',
      '',
      'Carl says: see below.',
      '',
      '---------- Forwarded message ---------',
      'From: Bob <bob@acme.example>',
      'Date: Tue, Mar 3, 2026 at 9:00 AM',
      'Subject: Offer',
      '',
      'Original text',
    ].join('\n');
    const block = extractForwardedBlock(textForward(text));
    expect(block?.from).toEqual({ name: 'Carl', address: 'carl@acme.example' });
    expect(block?.subject).toBe('Fwd: Offer');
    expect(block?.text.startsWith('Carl says: see below.')).toBe(true);
    expect(block?.text.endsWith('Original text')).toBe(true);
  });
});

describe('extractForwardedBlock: subject independence', () => {
  const gmail = [
    '---------- Forwarded message ---------',
    'From: Bob <bob@acme.example>',
    'Date: Tue, Mar 3, 2026 at 9:00 AM',
    'Subject: Offer',
    '',
    'Body',
  ].join('\n');

  it('finds an explicit forwarded block whatever the subject says, or without one', () => {
    const subjects = [null, 'Offer', 'Re: Offer', 'Fwd: Offer', 'WG: Offer', 'TR: Offer', 'edited by hand'];
    const found = subjects.map((subject) => extractForwardedBlock(textForward(gmail, subject))?.from.address);
    expect(found).toEqual(subjects.map(() => 'bob@acme.example'));
  });

  it('reads an Outlook 2019 "On … wrote:" forward only when the subject says it is a forward', () => {
    const text = 'On 03/03/2026 16:05, "Bob Smith" <bob@acme.example> wrote:\n\n    Hello Ann,\n';
    expect(extractForwardedBlock(textForward(text, 'FW: Offer'))).toMatchObject({
      client: 'outlook-mac',
      from: { name: 'Bob Smith', address: 'bob@acme.example' },
      dateText: '03/03/2026 16:05',
      date: '2026-03-03T15:05:00.000Z',
      subject: 'Offer',
      text: 'Hello Ann,',
    });
    expect(extractForwardedBlock(textForward(text))).toBeNull();
  });
});

describe('extractForwardedBlock: replies are not forwards', () => {
  const cases: Array<[string, string, string | null]> = [
    [
      'Gmail reply',
      'Sounds good.\n\nOn Tue, Mar 3, 2026 at 9:00 AM Bob Smith <bob@acme.example>\nwrote:\n\n> Can we meet?\n',
      null,
    ],
    [
      'Apple Mail reply',
      'Yes!\n\n> On 3 Mar 2026, at 09:00, Bob Smith <bob@acme.example> wrote:\n>\n> Can we meet?\n',
      'Re: Meeting',
    ],
    [
      'Thunderbird reply without address',
      'Fine by me.\n\nOn 03/03/2026 09:00, Bob Smith wrote:\n> Can we meet?\n',
      null,
    ],
    [
      'German reply',
      'Passt.\n\nAm 03.03.2026 um 09:00 schrieb Bob Smith <bob@acme.example>:\n> Können wir uns treffen?\n',
      null,
    ],
    [
      'Outlook reply with a Re: subject',
      'Agreed.\n\n________________________________\nFrom: Bob <bob@acme.example>\nSent: Tuesday, March 3, 2026 09:00\nTo: Ann <ann@corp.example>\nSubject: Meeting\n\nCan we meet?\n',
      'RE: Meeting',
    ],
    [
      'Outlook reply signed like a letter, subject withheld',
      'Hi Bob,\n\nTuesday works.\n\nThanks,\nAnn\n\nFrom: Bob <bob@acme.example>\nSent: Tuesday, March 3, 2026 09:00\nTo: Ann <ann@corp.example>\nSubject: Meeting\n\nCan we meet?\n',
      null,
    ],
  ];
  it.each(cases)('%s gives null', (_name, text, subject) => {
    expect(extractForwardedBlock(textForward(text, subject))).toBeNull();
  });

  it('F3: a body with no quoted message gives null', () => {
    expect(extractForwardedBlock(textForward('Just a note, nothing forwarded.'))).toBeNull();
    expect(
      extractForwardedBlock({ text: null, html: null, subject: 'Fwd: x', dateOffsetMinutes: 0 }),
    ).toBeNull();
  });
});

describe('extractForwardedBlock: hostile input', () => {
  it('stays linear on long runs of header-like and attribution-like lines', () => {
    const text =
      'From: a\n'.repeat(20_000) + 'On 1/2/2026 10:00, x y\n'.repeat(5_000) + 'To: ' + 'a.'.repeat(50_000);
    const started = Date.now();
    extractForwardedBlock(textForward(text));
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
