import { describe, expect, it } from 'vitest';
import type { User } from '#shared/model/crm-data.js';
import type { Decision } from '#shared/model/decision.js';
import type { ReasonCode } from '#shared/model/reason-code.js';
import type { MailAddress, ParsedMessage } from '#shared/model/parsed-message.js';
import { decide } from '#shared/rules/decide.js';
import { identityKeys } from '#shared/rules/identity-keys.js';
import {
  acme,
  ann,
  annFrom,
  attachment,
  bob,
  bobDeals,
  bobLink,
  bobTo,
  bobTopDeals,
  carol,
  carolDeals,
  dropped,
  expectDecision,
  expectRejected,
  forwardNote,
  fwdEnvelope,
  gmailForwardText,
  instant,
  ken,
  kenFrom,
  logged,
  loggedForward,
  MiB,
  mailbox,
  makeFacts,
  makeForward,
  makeMessage,
  originalBody,
  outlookForwardText,
  textWith,
  withoutForward,
} from './builders.js';

const bobSender = { ...bobLink, role: 'sender' as const };

function forwardIdentity(date: string, from = 'bob@acme.example', subject = 'Pricing') {
  return identityKeys({ messageId: null, from, date, subject, direction: 'incoming' });
}

describe('decide: the forwarder (F1)', () => {
  it('F1: logs a Gmail forward by a user as the original, owned by the forwarder', () => {
    expectDecision(decide(makeForward(), fwdEnvelope, makeFacts()), loggedForward());
  });

  const accepted: ReadonlyArray<{
    rule: string;
    from: MailAddress;
    recipient: string;
    expected: Partial<Decision>;
  }> = [
    {
      rule: "ann's alias forwards",
      from: mailbox('a.smith@corp.example', 'Ann'),
      recipient: 'log+fwd@corp.example',
      expected: {},
    },
    {
      rule: 'ann forwards with her token',
      from: annFrom,
      recipient: 'log+fwd.k3x9@corp.example',
      expected: {},
    },
    {
      rule: 'ken forwards without token',
      from: kenFrom,
      recipient: 'log+fwd@corp.example',
      expected: { owner: 'ken@corp.example', ownerId: 2 },
    },
    {
      rule: 'ken forwards with his token',
      from: kenFrom,
      recipient: 'log+fwd.p7q2@corp.example',
      expected: { owner: 'ken@corp.example', ownerId: 2 },
    },
  ];

  it.each(accepted)('F1: logs when $rule', ({ from, recipient, expected }) => {
    expectDecision(
      decide(makeForward({ from: [from] }), { recipient }, makeFacts()),
      loggedForward(expected),
    );
  });

  const rejected: ReadonlyArray<{
    rule: string;
    message: ParsedMessage;
    recipient: string;
    reasons: ReadonlyArray<ReasonCode>;
    notices: Decision['notices'];
  }> = [
    {
      rule: 'a stranger forwards',
      message: makeForward({ from: [mailbox('mallory@evil.example', 'Mallory')] }),
      recipient: 'log+fwd@corp.example',
      reasons: ['sender-not-user'],
      notices: [],
    },
    {
      rule: 'a stranger forwards something that is no forward (F1 comes first)',
      message: makeForward({ from: [mailbox('mallory@evil.example')], text: 'hello' }),
      recipient: 'log+fwd@corp.example',
      reasons: ['sender-not-user'],
      notices: [],
    },
    {
      rule: 'an internal address that is no user forwards',
      message: makeForward({ from: [mailbox('eve@corp.example', 'Eve')] }),
      recipient: 'log+fwd@corp.example',
      reasons: ['sender-not-user'],
      notices: [{ to: 'eve@corp.example', reason: 'sender-not-user', locale: 'en' }],
    },
    {
      rule: "ken forwards with ann's token",
      message: makeForward({ from: [kenFrom] }),
      recipient: 'log+fwd.k3x9@corp.example',
      reasons: ['token-mismatch'],
      notices: [{ to: 'ken@corp.example', reason: 'token-mismatch', locale: 'ja' }],
    },
    {
      rule: 'ann forwards with a token of no user',
      message: makeForward(),
      recipient: 'log+fwd.zzzz@corp.example',
      reasons: ['token-mismatch'],
      notices: [{ to: 'ann@corp.example', reason: 'token-mismatch', locale: 'en' }],
    },
  ];

  it.each(rejected)('F1: rejects when $rule', ({ message, recipient, reasons, notices }) => {
    expectRejected(decide(message, { recipient }, makeFacts()), { reasons, notices });
  });

  it('F1: the owner of a stranger forward is null', () => {
    const d = decide(makeForward({ from: [mailbox('mallory@evil.example')] }), fwdEnvelope, makeFacts());
    expect(d).toEqual(expect.objectContaining({ owner: null, ownerId: null }));
  });
});

describe('decide: nothing loggable in a forward (F3)', () => {
  it.each([
    {
      rule: 'a note without any forwarded block',
      text: 'Please log my call with Bob, it went well.',
      html: null,
    },
    { rule: 'no body at all', text: null, html: null },
    { rule: 'an empty text', text: '', html: null },
  ])('F3: rejects $rule with forward-format-unrecognized and tells the forwarder', ({ text, html }) => {
    expectRejected(decide(makeForward({ text, html }), fwdEnvelope, makeFacts()), {
      reasons: ['forward-format-unrecognized'],
      owner: 'ann@corp.example',
      ownerId: 1,
      notices: [{ to: 'ann@corp.example', reason: 'forward-format-unrecognized', locale: 'en' }],
    });
  });

  it("F3: the notice goes to the forwarder in the forwarder's locale", () => {
    const m = makeForward({ from: [kenFrom], text: 'この件を記録してください。' });
    expectRejected(decide(m, fwdEnvelope, makeFacts()), {
      reasons: ['forward-format-unrecognized'],
      owner: 'ken@corp.example',
      ownerId: 2,
      notices: [{ to: 'ken@corp.example', reason: 'forward-format-unrecognized', locale: 'ja' }],
    });
  });
});

describe('decide: the logged original (F5)', () => {
  const zones: ReadonlyArray<{ zone: string; offset: number; utc: string }> = [
    { zone: '+09:00', offset: 540, utc: '2026-03-02T01:15:00.000Z' },
    { zone: '+01:00', offset: 60, utc: '2026-03-02T09:15:00.000Z' },
    { zone: 'UTC', offset: 0, utc: '2026-03-02T10:15:00.000Z' },
    { zone: '-05:00', offset: -300, utc: '2026-03-02T15:15:00.000Z' },
    { zone: '+05:30', offset: 330, utc: '2026-03-02T04:45:00.000Z' },
  ];

  it.each(zones)("F5: dates a zone-less Gmail date in the forward's own zone ($zone)", ({ offset, utc }) => {
    const m = makeForward({ dateOffsetMinutes: offset });
    expectDecision(
      decide(m, fwdEnvelope, makeFacts()),
      loggedForward({ identity: forwardIdentity(utc) }, { date: instant(utc) }),
    );
  });

  it.each(zones)(
    "F5: dates a zone-less Outlook date in the forward's own zone ($zone)",
    ({ offset, utc }) => {
      const m = makeForward({
        dateOffsetMinutes: offset,
        subject: 'FW: Pricing',
        text: outlookForwardText(),
      });
      expectDecision(
        decide(m, fwdEnvelope, makeFacts()),
        loggedForward(
          {
            identity: forwardIdentity(utc),
            forward: {
              client: expect.any(String) as 'outlook-win',
              confidence: expect.any(Number) as number,
              note: forwardNote,
            },
          },
          { date: instant(utc) },
        ),
      );
    },
  );

  it('F2/F5: names an Outlook for Windows header block (From/Sent/To/Subject) outlook-win', () => {
    const m = makeForward({ subject: 'FW: Pricing', text: outlookForwardText() });
    expect(decide(m, fwdEnvelope, makeFacts()).forward).toEqual({
      client: 'outlook-win',
      confidence: expect.any(Number) as number,
      note: forwardNote,
    });
  });

  it('F5: logs the original attachments; one over the limit is dropped and the forwarder told', () => {
    const sheet = attachment('prices.xlsx', 80_000);
    const video = attachment('demo.mp4', 40 * MiB);
    const m = makeForward({ from: [kenFrom], attachments: [sheet, video] });
    expectDecision(
      decide(m, fwdEnvelope, makeFacts()),
      loggedForward({
        owner: 'ken@corp.example',
        ownerId: 2,
        reasons: ['attachment-over-limit'],
        attachments: { logged: [logged(sheet)], dropped: [dropped(video)] },
        notices: [{ to: 'ken@corp.example', reason: 'attachment-over-limit', locale: 'ja' }],
      }),
    );
  });

  it('F5: the logged email is incoming, from the original sender, with the original To and Cc', () => {
    const m = makeForward({
      text: gmailForwardText({ cc: 'Carol Jones <carol@acme.example>, Erin Black <erin@newco.example>' }),
    });
    const d = decide(m, fwdEnvelope, makeFacts());
    expectDecision(d, loggedForward({}, { cc: ['carol@acme.example', 'erin@newco.example'] }));
  });
});

describe('decide: the original sender (F6)', () => {
  it('F6: creates a missing original sender from its display name, without company when none matches', () => {
    const m = makeForward({ text: gmailForwardText({ from: 'Dana White <dana@newco.example>' }) });
    expectDecision(
      decide(m, fwdEnvelope, makeFacts()),
      loggedForward(
        {
          contacts: [
            { email: 'dana@newco.example', created: true, role: 'sender', name: 'Dana White', company: null },
          ],
          companies: [],
          deals: [],
          identity: forwardIdentity('2026-03-02T01:15:00.000Z', 'dana@newco.example'),
        },
        { from: 'dana@newco.example', fromName: 'Dana White' },
      ),
    );
  });

  it('F6: creates a Japanese original sender with the name as written', () => {
    const m = makeForward({ text: gmailForwardText({ from: '山田 太郎 <taro@yamada.example>' }) });
    expectDecision(
      decide(m, fwdEnvelope, makeFacts()),
      loggedForward(
        {
          contacts: [
            { email: 'taro@yamada.example', created: true, role: 'sender', name: '山田 太郎', company: null },
          ],
          companies: [],
          deals: [],
          identity: forwardIdentity('2026-03-02T01:15:00.000Z', 'taro@yamada.example'),
        },
        { from: 'taro@yamada.example', fromName: '山田 太郎' },
      ),
    );
  });

  it('F6: neither creates nor associates the Cc people of the original, even existing contacts', () => {
    const m = makeForward({
      text: gmailForwardText({ cc: 'Carol Jones <carol@acme.example>, Erin Black <erin@newco.example>' }),
    });
    const facts = makeFacts({ contacts: [bob, carol], deals: [...bobDeals, ...carolDeals] });
    expectDecision(
      decide(m, fwdEnvelope, facts),
      loggedForward({}, { cc: ['carol@acme.example', 'erin@newco.example'] }),
    );
  });

  const annBlocksAcme: User = { ...ann, neverLog: ['acme.example'] };
  const skipped: ReadonlyArray<{
    rule: string;
    message: ParsedMessage;
    users?: ReadonlyArray<User>;
    neverLog?: ReadonlyArray<string>;
    reason: ReasonCode;
  }> = [
    {
      rule: "the sender's domain is on the account never-log list",
      message: makeForward(),
      neverLog: ['acme.example'],
      reason: 'original-sender-never-log',
    },
    {
      rule: "the sender's address is on the account never-log list",
      message: makeForward(),
      neverLog: ['BOB@acme.example'],
      reason: 'original-sender-never-log',
    },
    {
      rule: "the sender is on the forwarder's personal never-log list",
      message: makeForward(),
      users: [annBlocksAcme, ken],
      reason: 'original-sender-never-log',
    },
    {
      rule: 'the sender is another user',
      message: makeForward({ text: gmailForwardText({ from: '佐藤 健 <ken@corp.example>' }) }),
      reason: 'internal-recipient',
    },
    {
      rule: 'the sender is an internal address that is no user',
      message: makeForward({ text: gmailForwardText({ from: 'Support <support@corp.example>' }) }),
      reason: 'internal-recipient',
    },
  ];

  it.each(skipped)('F6: skips, associating nobody, when $rule', ({ message, users, neverLog, reason }) => {
    const facts = makeFacts({ users: users ?? [ann, ken], neverLog: neverLog ?? [] });
    const d = decide(message, fwdEnvelope, facts);
    expect(d).toEqual(
      expect.objectContaining({
        route: 'forward',
        status: 'skipped',
        owner: 'ann@corp.example',
        ownerId: 1,
        contacts: [],
        companies: [],
        deals: [],
        notices: [],
      }),
    );
    expect(d.reasons[0]).toBe(reason);
  });

  it("F6: another user's personal never-log list does not apply to the forwarder", () => {
    const facts = makeFacts({ users: [ann, { ...ken, neverLog: ['acme.example'] }] });
    expectDecision(decide(makeForward(), fwdEnvelope, facts), loggedForward());
  });

  const bobNamed = { ...bob, name: 'Bob Example' };

  it('F6: matches a sender shown without address to the contact of that unique exact name', () => {
    const m = makeForward({ subject: 'FW: Pricing', text: outlookForwardText({ from: 'Bob Example' }) });
    const d = decide(m, fwdEnvelope, makeFacts({ contacts: [bobNamed, carol] }));
    expect(d).toEqual(
      expect.objectContaining({
        route: 'forward',
        status: 'logged',
        owner: 'ann@corp.example',
        contacts: [{ ...bobSender, name: 'Bob Example' }],
        companies: ['acme.example'],
        deals: bobTopDeals,
      }),
    );
  });

  it.each([
    { rule: 'no contact has that name', contacts: [bob, carol] },
    { rule: 'the only similar name differs in case', contacts: [{ ...bob, name: 'bob example' }] },
    {
      rule: 'two contacts have that name',
      contacts: [bobNamed, { email: 'bob@other.example', name: 'Bob Example', company: null }],
    },
  ])('F6: rejects a sender shown without address when $rule (forward-sender-unknown)', ({ contacts }) => {
    const m = makeForward({ subject: 'FW: Pricing', text: outlookForwardText({ from: 'Bob Example' }) });
    expectRejected(decide(m, fwdEnvelope, makeFacts({ contacts })), {
      reasons: ['forward-sender-unknown'],
      owner: 'ann@corp.example',
      ownerId: 1,
      notices: [{ to: 'ann@corp.example', reason: 'forward-sender-unknown', locale: 'en' }],
    });
  });
});

describe('decide: company and deals of the original sender (F7)', () => {
  it("F7: brings the sender's primary company and its open deals, as many as the setting says", () => {
    expectDecision(
      decide(makeForward(), fwdEnvelope, makeFacts({ settings: { dealsPerContact: 3 } })),
      loggedForward({ deals: ['D6', 'D3', 'D1'] }),
    );
  });

  it('F7: links a new sender to the company of its domain', () => {
    const m = makeForward({ text: gmailForwardText({ from: 'Cathy Brown <cathy@acme.example>' }) });
    expectDecision(
      decide(m, fwdEnvelope, makeFacts()),
      loggedForward(
        {
          contacts: [
            {
              email: 'cathy@acme.example',
              created: true,
              role: 'sender',
              name: 'Cathy Brown',
              company: 'acme.example',
            },
          ],
          companies: ['acme.example'],
          deals: [],
          identity: forwardIdentity('2026-03-02T01:15:00.000Z', 'cathy@acme.example'),
        },
        { from: 'cathy@acme.example', fromName: 'Cathy Brown' },
      ),
    );
  });

  it('F7: a new sender on a free-mail domain gets no company', () => {
    const m = makeForward({ text: gmailForwardText({ from: 'Jane Doe <jane.doe@gmail.com>' }) });
    const facts = makeFacts({ companies: [acme, { domain: 'gmail.com', name: 'Google Mail' }] });
    expectDecision(
      decide(m, fwdEnvelope, facts),
      loggedForward(
        {
          contacts: [
            { email: 'jane.doe@gmail.com', created: true, role: 'sender', name: 'Jane Doe', company: null },
          ],
          companies: [],
          deals: [],
          identity: forwardIdentity('2026-03-02T01:15:00.000Z', 'jane.doe@gmail.com'),
        },
        { from: 'jane.doe@gmail.com', fromName: 'Jane Doe' },
      ),
    );
  });
});

describe('decide: a chain of forwards (F2)', () => {
  /** Tom, outside the account, forwards Bob's mail to Ann without a word; Ann forwards that on. */
  const tomsForward = (inner: string, tomsNote = ''): string =>
    `${forwardNote}\n\n` +
    '---------- Forwarded message ---------\n' +
    'From: Tom Weber <tom@partner.example>\n' +
    'Date: Mon, Mar 2, 2026 at 10:40 AM\n' +
    'Subject: Fwd: Pricing\n' +
    'To: Ann Smith <ann@corp.example>\n\n' +
    tomsNote +
    inner;

  it("F2: logs Bob's mail, not Tom's forward of it, with Ann's note", () => {
    const message = makeForward({
      subject: 'Fwd: Fwd: Pricing',
      text: tomsForward(gmailForwardText({ note: '' })),
    });
    expectDecision(decide(message, fwdEnvelope, makeFacts()), loggedForward());
  });

  it('F2: logs Tom when Tom wrote a note of his own above the forward', () => {
    const message = makeForward({
      subject: 'Fwd: Fwd: Pricing',
      text: tomsForward(gmailForwardText({ note: '' }), 'Ann, we can beat this price.\n'),
    });
    const decision = decide(message, fwdEnvelope, makeFacts());
    expect(decision.email?.from).toBe('tom@partner.example');
  });

  it("F8: a forward-only forward of Ann's own reply still logs the newest quoted message from someone else", () => {
    const ownReply =
      '---------- Forwarded message ---------\n' +
      'From: Ann Smith <ann@corp.example>\n' +
      'Date: Mon, Mar 2, 2026 at 11:00 AM\n' +
      'Subject: Re: Pricing\n' +
      'To: Bob Example <bob@acme.example>\n\n' +
      'Thanks Bob, the price list is attached.\n\n' +
      'On Mon, Mar 2, 2026 at 10:15 AM Bob Example <bob@acme.example> wrote:\n' +
      '> Could you send the pricing for 50 seats?\n';
    const message = makeForward({ subject: 'Fwd: Fwd: Re: Pricing', text: tomsForward(ownReply) });
    const decision = decide(message, fwdEnvelope, makeFacts());
    expect(decision.email).toMatchObject({ from: 'bob@acme.example', source: 'quoted-history' });
  });
});

describe("decide: the forwarder's own message (F8)", () => {
  const bobQuoted =
    'On Mon, Mar 2, 2026 at 10:15 AM Bob Example <bob@acme.example> wrote:\n' +
    '> Could you send the pricing for 50 seats?\n' +
    '>\n' +
    '> Best,\n' +
    '> Bob\n';

  const ownReply = 'Thanks Bob, the price list is attached.\n\n' + bobQuoted;

  /** A Gmail forward of ann's own reply to Bob. */
  const forwardOfOwnReply = makeForward({
    subject: 'Fwd: Re: Pricing',
    date: '2026-03-02T02:30:00.000Z',
    text:
      `${forwardNote}\n\n` +
      '---------- Forwarded message ---------\n' +
      'From: Ann Smith <ann@corp.example>\n' +
      'Date: Mon, Mar 2, 2026 at 11:00 AM\n' +
      'Subject: Re: Pricing\n' +
      'To: Bob Example <bob@acme.example>\n\n' +
      ownReply,
  });

  /** Ann's reply to Bob with the forwarding address in Cc. */
  const replyWithForwardingCc = (text: string) =>
    makeMessage({
      messageId: '<r1@corp.example>',
      to: [bobTo],
      cc: [mailbox('log+fwd@corp.example')],
      subject: 'Re: Pricing',
      date: '2026-03-02T02:00:00.000Z',
      dateOffsetMinutes: 540,
      text,
    });

  const loggedQuote = {
    route: 'forward',
    status: 'logged',
    reasons: [],
    owner: 'ann@corp.example',
    ownerId: 1,
    email: expect.objectContaining({
      direction: 'incoming',
      from: 'bob@acme.example',
      fromName: 'Bob Example',
      date: instant('2026-03-02T01:15:00Z'),
      source: 'quoted-history',
      subject: expect.stringContaining('Pricing') as string,
      text: textWith(['Could you send the pricing for 50 seats?'], ['Thanks Bob', forwardNote]),
      messageId: null,
    }) as unknown,
    contacts: [bobSender],
    companies: ['acme.example'],
    deals: bobTopDeals,
    attachments: { logged: [], dropped: [] },
    notices: [],
  };

  const logs: ReadonlyArray<{ rule: string; message: ParsedMessage; envelope: { recipient?: string } }> = [
    { rule: 'a forward of their own reply', message: forwardOfOwnReply, envelope: fwdEnvelope },
    {
      rule: 'a reply with the forwarding address in Cc',
      message: replyWithForwardingCc(ownReply),
      envelope: fwdEnvelope,
    },
    {
      rule: 'a reply with the forwarding address in Cc, routed by the Cc alone',
      message: replyWithForwardingCc(ownReply),
      envelope: {},
    },
    {
      rule: 'a reply quoting their own earlier reply that quotes Bob',
      message: replyWithForwardingCc(
        'One more thing: prices include VAT.\n\n' +
          'On Mon, Mar 2, 2026 at 11:00 AM Ann Smith <ann@corp.example> wrote:\n' +
          '> Thanks Bob, the price list is attached.\n' +
          '>\n' +
          '> On Mon, Mar 2, 2026 at 10:15 AM Bob Example <bob@acme.example> wrote:\n' +
          '>> Could you send the pricing for 50 seats?\n' +
          '>>\n' +
          '>> Best,\n' +
          '>> Bob\n',
      ),
      envelope: fwdEnvelope,
    },
    {
      rule: 'their own reply forwarded as an attachment (F9 of an own message)',
      message: makeForward({
        subject: 'FW: Re: Pricing',
        text: forwardNote,
        html: null,
        attachments: [],
        attachedMessages: [
          makeMessage({
            messageId: '<r0@corp.example>',
            to: [bobTo],
            subject: 'Re: Pricing',
            date: '2026-03-02T02:00:00.000Z',
            dateOffsetMinutes: 540,
            text: ownReply,
          }),
        ],
      }),
      envelope: fwdEnvelope,
    },
    {
      rule: 'a reply quoting Bob under an Outlook header block',
      message: replyWithForwardingCc(
        'Thanks Bob, the price list is attached.\n\n' +
          '________________________________\n' +
          'From: Bob Example <bob@acme.example>\n' +
          'Sent: Monday, March 2, 2026 10:15 AM\n' +
          'To: Ann Smith <ann@corp.example>\n' +
          'Subject: Pricing\n\n' +
          'Could you send the pricing for 50 seats?\n',
      ),
      envelope: fwdEnvelope,
    },
  ];

  it.each(logs)('F8: logs the newest quoted message from someone else in $rule', ({ message, envelope }) => {
    const d = decide(message, envelope, makeFacts());
    expect(d).toEqual(expect.objectContaining(loggedQuote));
    expect(d.identity).toEqual(
      forwardIdentity('2026-03-02T01:15:00.000Z', 'bob@acme.example', d.email?.subject ?? 'Pricing'),
    );
  });

  const rejects: ReadonlyArray<{ rule: string; message: ParsedMessage }> = [
    {
      rule: 'a forward of their own new message, quoting nobody',
      message: makeForward({
        text: gmailForwardText({
          from: 'Ann Smith <ann@corp.example>',
          body: 'Hello Bob, here is our pricing.',
        }),
      }),
    },
    {
      rule: 'a forward of their own message sent from their alias',
      message: makeForward({
        text: gmailForwardText({
          from: 'A. Smith <a.smith@corp.example>',
          body: 'Hello Bob, here is our pricing.',
        }),
      }),
    },
    {
      rule: 'a reply whose quote attribution has no address',
      message: replyWithForwardingCc(
        'Thanks Bob.\n\nOn Mon, Mar 2, 2026 at 10:15 AM Bob Example wrote:\n> Could you send the pricing?\n',
      ),
    },
  ];

  it.each(rejects)('F8: rejects $rule with forward-of-own-message and tells the forwarder', ({ message }) => {
    expectRejected(decide(message, fwdEnvelope, makeFacts()), {
      reasons: ['forward-of-own-message'],
      owner: 'ann@corp.example',
      ownerId: 1,
      notices: [{ to: 'ann@corp.example', reason: 'forward-of-own-message', locale: 'en' }],
    });
  });
});

describe('decide: a message forwarded as an attachment (F9)', () => {
  const pdf = attachment('quote.pdf', 150_000);
  const original = makeMessage({
    messageId: '<orig-1@acme.example>',
    from: [bobTo],
    to: [annFrom],
    cc: [mailbox('Carol@Acme.example', 'Carol Jones'), mailbox('erin@newco.example', 'Erin Black')],
    subject: 'Pricing',
    date: '2026-03-02T01:15:00.000Z',
    dateOffsetMinutes: 540,
    text: originalBody,
    html: '<p>Could you send the pricing for 50 seats?</p><p>Best,<br>Bob</p>',
    attachments: [pdf],
  });

  const asAttachment = (over: Partial<ParsedMessage> = {}) =>
    makeForward({
      subject: 'FW: Pricing',
      text: forwardNote,
      html: null,
      attachments: [],
      attachedMessages: [original],
      ...over,
    });

  const expectedF9 = (rest: Partial<Decision> = {}): Decision =>
    withoutForward({
      ...loggedForward(),
      email: {
        direction: 'incoming',
        from: 'bob@acme.example',
        fromName: 'Bob Example',
        to: ['ann@corp.example'],
        cc: ['carol@acme.example', 'erin@newco.example'],
        subject: 'Pricing',
        date: instant('2026-03-02T01:15:00.000Z'),
        source: 'attached-message',
        parts: ['text', 'html'],
        text: originalBody,
        html: original.html,
        messageId: '<orig-1@acme.example>',
      },
      attachments: { logged: [logged(pdf)], dropped: [] },
      identity: identityKeys({
        messageId: '<orig-1@acme.example>',
        from: 'bob@acme.example',
        date: '2026-03-02T01:15:00.000Z',
        subject: 'Pricing',
        direction: 'incoming',
      }),
      ...rest,
    });

  it('F9: logs the attached original with its exact headers and Message-ID, owned by the forwarder', () => {
    const facts = makeFacts({ contacts: [bob, carol], deals: [...bobDeals, ...carolDeals] });
    expectDecision(withoutForward(decide(asAttachment(), fwdEnvelope, facts)), expectedF9());
  });

  it("F9: B8 applies to the original's attachments, the notice going to the forwarder", () => {
    const huge = attachment('huge.iso', 31 * MiB);
    const m = asAttachment({
      from: [kenFrom],
      attachedMessages: [{ ...original, attachments: [pdf, huge] }],
    });
    expectDecision(
      withoutForward(decide(m, fwdEnvelope, makeFacts())),
      expectedF9({
        owner: 'ken@corp.example',
        ownerId: 2,
        reasons: ['attachment-over-limit'],
        attachments: { logged: [logged(pdf)], dropped: [dropped(huge)] },
        notices: [{ to: 'ken@corp.example', reason: 'attachment-over-limit', locale: 'ja' }],
      }),
    );
  });

  it('F9: a stranger forwarding an attached message is rejected (F1)', () => {
    const m = asAttachment({ from: [mailbox('mallory@evil.example')] });
    expectRejected(decide(m, fwdEnvelope, makeFacts()), {
      reasons: ['sender-not-user'],
      owner: null,
      ownerId: null,
      notices: [],
    });
  });

  it('F9: an attached original already logged (by its Message-ID) is a duplicate', () => {
    const key = expectedF9().identity.messageId;
    const facts = makeFacts({ logged: [{ key: key ?? '', messageId: '<orig-1@acme.example>' }] });
    expect(decide(asAttachment(), fwdEnvelope, facts)).toEqual(
      expect.objectContaining({
        status: 'duplicate',
        duplicateOf: '<orig-1@acme.example>',
        contacts: [],
        companies: [],
        deals: [],
      }),
    );
  });
});
