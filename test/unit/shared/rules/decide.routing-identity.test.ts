import { describe, expect, it } from 'vitest';
import type { Decision } from '#shared/model/decision.js';
import type { Settings } from '#shared/model/crm-data.js';
import type { DeliveryHeader, Envelope, ParsedMessage } from '#shared/model/parsed-message.js';
import { decide } from '#shared/rules/decide.js';
import { identityKeys } from '#shared/rules/identity-keys.js';
import {
  ann,
  annFrom,
  attachment,
  bobLink,
  bobTo,
  bobTopDeals,
  expectDecision,
  expectRejected,
  fwdEnvelope,
  identityOf,
  ken,
  kenFrom,
  loggedBcc,
  loggedForward,
  MiB,
  mailbox,
  makeFacts,
  makeForward,
  makeMessage,
  outgoingEmail,
  deliveredTo,
  xOriginalTo,
  bccEnvelope,
} from './builders.js';

const bccLogged = (m: ParsedMessage) =>
  loggedBcc(m, { contacts: [bobLink], companies: ['acme.example'], deals: bobTopDeals });

describe('decide: routing (R1)', () => {
  const plain = makeMessage();
  const forward = makeForward();
  const forwardToKenWithHiddenCopy = makeForward({ to: [kenFrom] });

  const cases: ReadonlyArray<{
    rule: string;
    envelope: Envelope;
    message: ParsedMessage;
    route: 'bcc' | 'forward';
    extra?: Partial<Decision>;
  }> = [
    { rule: 'nothing says forward: a BCC log', envelope: {}, message: plain, route: 'bcc' },
    {
      rule: 'the intake delivered it to the BCC address',
      envelope: { recipient: 'log+bcc@corp.example' },
      message: plain,
      route: 'bcc',
    },
    {
      rule: 'the intake delivered it to the forwarding address',
      envelope: { recipient: 'log+fwd@corp.example' },
      message: forward,
      route: 'forward',
    },
    {
      rule: "the intake's route wins over its recipient",
      envelope: { route: 'forward', recipient: 'log+bcc@corp.example' },
      message: forwardToKenWithHiddenCopy,
      route: 'forward',
    },
    {
      rule: "the intake's recipient wins over Delivered-To",
      envelope: { recipient: 'log+bcc@corp.example' },
      message: makeMessage({ headers: { delivery: deliveredTo('log+fwd@corp.example') } }),
      route: 'bcc',
    },
    {
      rule: 'Delivered-To names the forwarding address',
      envelope: {},
      message: makeForward({ to: [kenFrom], headers: { delivery: deliveredTo('log+fwd@corp.example') } }),
      route: 'forward',
    },
    {
      rule: 'Delivered-To names the forwarding address in upper case',
      envelope: {},
      message: makeForward({ to: [kenFrom], headers: { delivery: deliveredTo('LOG+FWD@CORP.EXAMPLE') } }),
      route: 'forward',
    },
    {
      rule: 'X-Original-To names the tokenized forwarding address',
      envelope: {},
      message: makeForward({
        to: [kenFrom],
        headers: { delivery: xOriginalTo('log+fwd.k3x9@corp.example') },
      }),
      route: 'forward',
    },
    {
      rule: 'Delivered-To names the BCC address although Cc holds the forwarding address',
      envelope: {},
      message: makeMessage({
        cc: [mailbox('log+fwd@corp.example')],
        headers: { delivery: deliveredTo('log+bcc@corp.example') },
      }),
      route: 'bcc',
      extra: {
        reasons: ['logging-address'],
        skippedRecipients: [{ email: 'log+fwd@corp.example', reason: 'logging-address' }],
      },
    },
    {
      rule: 'the forwarding address is in To',
      envelope: {},
      message: forward,
      route: 'forward',
    },
    {
      rule: 'the forwarding address is in Cc',
      envelope: {},
      message: makeForward({ to: [kenFrom], cc: [mailbox('log+fwd@corp.example')] }),
      route: 'forward',
    },
    {
      rule: "a user's personal forwarding address is the recipient",
      envelope: { recipient: 'ann+crm-fwd@corp.example' },
      message: forward,
      route: 'forward',
    },
  ];

  const users = [
    { ...ann, bccAddress: 'ann+crm-bcc@corp.example', forwardingAddress: 'ann+crm-fwd@corp.example' },
    ken,
  ];

  it.each(cases)('R1: routes as $route when $rule', ({ envelope, message, route, extra }) => {
    const facts = makeFacts({ users });
    const expected = route === 'bcc' ? bccLogged(message) : loggedForward();
    expectDecision(decide(message, envelope, facts), { ...expected, ...extra });
  });

  it('R1: the route of a log-now intake is log-now', () => {
    const received = makeMessage({
      messageId: '<b1@acme.example>',
      from: [bobTo],
      to: [annFrom],
      subject: 'Pricing',
    });
    const d = decide(received, { route: 'log-now', userEmail: 'ann@corp.example' }, makeFacts());
    expect(d).toEqual(
      expect.objectContaining({
        route: 'log-now',
        status: 'logged',
        owner: 'ann@corp.example',
        ownerId: 1,
        email: expect.objectContaining({ direction: 'incoming', from: 'bob@acme.example' }),
      }),
    );
  });

  it('R1: the token is read from the intake recipient (a BCC token of ken makes ken the owner)', () => {
    const m = makeMessage({ from: [kenFrom] });
    expectDecision(
      decide(m, { recipient: 'log+bcc.p7q2@corp.example' }, makeFacts()),
      loggedBcc(m, {
        owner: 'ken@corp.example',
        ownerId: 2,
        contacts: [bobLink],
        companies: ['acme.example'],
        deals: bobTopDeals,
      }),
    );
  });

  const tokenFromSameAddress: ReadonlyArray<{ rule: string; envelope: Envelope; message: ParsedMessage }> = [
    {
      rule: "the intake's forwarding address carries ken's token",
      envelope: { recipient: 'log+fwd.p7q2@corp.example' },
      message: makeForward(),
    },
    {
      rule: "Delivered-To carries ken's BCC token",
      envelope: {},
      message: makeMessage({ headers: { delivery: deliveredTo('log+bcc.p7q2@corp.example') } }),
    },
    {
      rule: "X-Original-To carries ken's forwarding token",
      envelope: {},
      message: makeForward({
        to: [kenFrom],
        headers: { delivery: xOriginalTo('log+fwd.p7q2@corp.example') },
      }),
    },
    {
      rule: "the forwarding address in Cc carries ken's token",
      envelope: {},
      message: makeForward({ to: [kenFrom], cc: [mailbox('log+fwd.p7q2@corp.example')] }),
    },
  ];

  it.each(tokenFromSameAddress)(
    'R1: reads the token from the routing address when $rule',
    ({ envelope, message }) => {
      // ann sends through ken's token: a mismatch (B2 / F1), whichever address carried the token.
      expectRejected(decide(message, envelope, makeFacts()), {
        reasons: ['token-mismatch'],
        notices: [{ to: 'ann@corp.example', reason: 'token-mismatch', locale: 'en' }],
      });
    },
  );
});

describe('decide: only our own delivery fields route, and only a token proves the owner (R1, B2)', () => {
  const annWithPersonal = {
    ...ann,
    bccAddress: 'ann+crm-bcc@corp.example',
    forwardingAddress: 'ann+crm-fwd@corp.example',
  };
  const facts = (settings: Partial<Settings> = {}) => makeFacts({ users: [annWithPersonal, ken], settings });
  const at = (field: DeliveryHeader['field'], address: string, aboveFirstReceived: boolean) => ({
    field,
    address,
    aboveFirstReceived,
  });
  const outcome = (d: Decision) => ({ status: d.status, route: d.route, reasons: d.reasons, owner: d.owner });
  it.each([
    {
      rule: "ann's personal BCC address with From ann, under requireToken",
      delivery: [at('delivered-to', 'ann+crm-bcc@corp.example', true)],
      settings: { requireToken: true },
      expected: { status: 'rejected', route: 'bcc', reasons: ['token-required'], owner: null },
    },
    {
      rule: 'a real topmost X-Original-To and a forged personal Delivered-To below the first Received',
      delivery: [
        at('x-original-to', 'log+bcc@corp.example', true),
        at('delivered-to', 'ann+crm-bcc@corp.example', false),
      ],
      settings: { requireToken: true },
      expected: { status: 'rejected', route: 'bcc', reasons: ['token-required'], owner: null },
    },
    {
      rule: 'our own non-logging Delivered-To and a forged personal one below the first Received',
      delivery: [
        at('delivered-to', 'log@mail.corp.example', true),
        at('delivered-to', 'ann+crm-bcc@corp.example', false),
      ],
      settings: { requireToken: true },
      expected: { status: 'rejected', route: 'bcc', reasons: ['token-required'], owner: null },
    },
    {
      rule: "a forged Delivered-To with ken's token below the first Received",
      delivery: [at('delivered-to', 'log+bcc.p7q2@corp.example', false)],
      settings: {},
      expected: { status: 'logged', route: 'bcc', reasons: [], owner: 'ann@corp.example' },
    },
    {
      rule: "a topmost X-Original-To with ken's forwarding token above a Delivered-To with ann's BCC token",
      delivery: [
        at('x-original-to', 'log+fwd.p7q2@corp.example', true),
        at('delivered-to', 'log+bcc.k3x9@corp.example', true),
      ],
      settings: {},
      expected: { status: 'rejected', route: 'forward', reasons: ['token-mismatch'], owner: null },
    },
    {
      rule: "ann's token under requireDmarc with no verdict of our server",
      delivery: [at('delivered-to', 'log+bcc.k3x9@corp.example', true)],
      settings: { requireDmarc: true, authServId: 'mx.corp.example' },
      expected: { status: 'rejected', route: 'bcc', reasons: ['dmarc-fail'], owner: null },
    },
    {
      rule: "ann's personal BCC address under requireDmarc with no verdict of our server",
      delivery: [at('delivered-to', 'ann+crm-bcc@corp.example', true)],
      settings: { requireDmarc: true, authServId: 'mx.corp.example' },
      expected: { status: 'rejected', route: 'bcc', reasons: ['dmarc-fail'], owner: null },
    },
    {
      rule: "ann's token under requireToken and requireDmarc, with our server's dmarc=pass",
      delivery: [at('delivered-to', 'log+bcc.k3x9@corp.example', true)],
      settings: { requireToken: true, requireDmarc: true, authServId: 'mx.corp.example' },
      authenticationResults: ['mx.corp.example; dmarc=pass header.from=corp.example'],
      expected: { status: 'logged', route: 'bcc', reasons: [], owner: 'ann@corp.example' },
    },
    {
      rule: "ann's personal BCC address carrying her token, under requireToken",
      delivery: [at('delivered-to', 'ann+crm-bcc.k3x9@corp.example', true)],
      settings: { requireToken: true },
      expected: { status: 'logged', route: 'bcc', reasons: [], owner: 'ann@corp.example' },
    },
    {
      rule: "ann's personal BCC address carrying ken's token, with From ken",
      delivery: [at('delivered-to', 'ann+crm-bcc.p7q2@corp.example', true)],
      settings: { requireToken: true },
      from: [kenFrom],
      expected: { status: 'rejected', route: 'bcc', reasons: ['token-mismatch'], owner: null },
    },
  ])('R1/B2: $rule', ({ delivery, settings, authenticationResults, from, expected }) => {
    const message = makeMessage({
      from: from ?? [annFrom],
      headers: { delivery, authenticationResults: authenticationResults ?? [] },
    });
    expect(outcome(decide(message, {}, facts(settings)))).toEqual(expected);
  });

  it('B2: without requireToken, the personal address still names its user (and From must be theirs)', () => {
    const viaPersonal = { headers: { delivery: deliveredTo('ann+crm-bcc@corp.example') } };
    expect(outcome(decide(makeMessage(viaPersonal), {}, facts()))).toEqual({
      status: 'logged',
      route: 'bcc',
      reasons: [],
      owner: 'ann@corp.example',
    });
    expect(outcome(decide(makeMessage({ ...viaPersonal, from: [kenFrom] }), {}, facts()))).toEqual({
      status: 'rejected',
      route: 'bcc',
      reasons: ['token-mismatch'],
      owner: null,
    });
  });

  it('B1: two From fields (one of them empty) leave no single sender', () => {
    expect(outcome(decide(makeMessage({ fromFieldCount: 2 }), bccEnvelope, facts()))).toEqual({
      status: 'rejected',
      route: 'bcc',
      reasons: ['sender-not-user'],
      owner: null,
    });
  });
});

describe('identityKeys (R2)', () => {
  const base: Parameters<typeof identityKeys>[0] = {
    messageId: '<m1@corp.example>',
    from: 'bob@acme.example',
    date: '2026-03-02T01:15:00.000Z',
    subject: 'Pricing',
    direction: 'incoming',
  };
  const key = (over: Partial<typeof base> = {}) => identityKeys({ ...base, ...over }).contentKey;

  it('R2: keeps the Message-ID when known, and null when not', () => {
    expect(identityKeys(base).messageId).not.toBeNull();
    expect(identityKeys({ ...base, messageId: null }).messageId).toBeNull();
  });

  it.each([
    { what: 'no Date', date: null },
    { what: 'an unreadable Date', date: 'not a date' },
  ])('R2: a message with $what has no content key, only its Message-ID', ({ date }) => {
    expect(identityKeys({ ...base, date })).toEqual({ messageId: '<m1@corp.example>', contentKey: null });
  });

  it('R2: a message with no Message-ID still has a content key', () => {
    expect(key({ messageId: null })).toEqual(expect.any(String));
    expect(key({ messageId: null })).toBe(key());
  });

  it.each([
    'Re: Pricing',
    'RE: Pricing',
    'Fw: Pricing',
    'FW: Pricing',
    'Fwd: Pricing',
    'Re: Fwd: Pricing',
    'Fwd: Re: Re: Pricing',
  ])('R2: the content key ignores the Re/Fw prefixes of %j', (subject) => {
    expect(key({ subject })).toBe(key());
  });

  it.each([
    { what: 'a different second of the same minute', date: '2026-03-02T01:15:59.000Z' },
    { what: 'the same instant in another zone', date: '2026-03-02T10:15:00+09:00' },
    { what: 'the same instant without milliseconds', date: '2026-03-02T01:15:00Z' },
  ])('R2: the content key is the same for $what', ({ date }) => {
    expect(key({ date })).toBe(key());
  });

  it('R2: the content key ignores the case of the sender address', () => {
    expect(key({ from: 'Bob@Acme.Example' })).toBe(key());
  });

  it.each([
    { what: 'another minute', over: { date: '2026-03-02T01:16:00.000Z' } },
    { what: 'another sender', over: { from: 'carol@acme.example' } },
    { what: 'another subject', over: { subject: 'Pricing v2' } },
    { what: 'the other direction', over: { direction: 'outgoing' as const } },
  ])('R2: the content key differs for $what', ({ over }) => {
    expect(key(over)).not.toBe(key());
  });
});

describe('decide: duplicates (R2)', () => {
  const m = makeMessage();
  const identity = identityOf(outgoingEmail(m));

  function duplicateOf(message: ParsedMessage, duplicate: string | null) {
    return {
      ...loggedBcc(message),
      status: 'duplicate' as const,
      duplicateOf: duplicate,
    };
  }

  it('R2: a message whose Message-ID was logged is a duplicate naming the earlier messageId', () => {
    const facts = makeFacts({ logged: [{ key: identity.messageId!, messageId: '<m1@corp.example>' }] });
    expectDecision(decide(m, {}, facts), duplicateOf(m, '<m1@corp.example>'));
  });

  it('R2: a message whose content key was logged is a duplicate, even under another Message-ID', () => {
    const facts = makeFacts({ logged: [{ key: identity.contentKey!, messageId: '<earlier@corp.example>' }] });
    expectDecision(decide(m, {}, facts), duplicateOf(m, '<earlier@corp.example>'));
  });

  it('R2: a message with no Message-ID is recognised by its content key', () => {
    const noId = makeMessage({ messageId: null });
    const noIdIdentity = identityOf(outgoingEmail(noId));
    expect(noIdIdentity.contentKey).toBe(identity.contentKey);
    const facts = makeFacts({ logged: [{ key: noIdIdentity.contentKey!, messageId: null }] });
    expectDecision(decide(noId, {}, facts), duplicateOf(noId, null));
  });

  it('R2: two undated messages with one subject and different Message-IDs and recipients are two emails', () => {
    const first = makeMessage({ messageId: '<undated-1@corp.example>', date: null, dateOffsetMinutes: null });
    const second = makeMessage({
      messageId: '<undated-2@corp.example>',
      date: null,
      dateOffsetMinutes: null,
      to: [mailbox('dave@globex.example', 'Dave Green')],
    });
    const firstDecision = decide(first, {}, makeFacts());
    expect(firstDecision.identity).toEqual({ messageId: '<undated-1@corp.example>', contentKey: null });
    const logged = [firstDecision.identity.messageId, firstDecision.identity.contentKey]
      .filter((key): key is string => key !== null)
      .map((key) => ({ key, messageId: '<undated-1@corp.example>' }));
    expect(decide(second, {}, makeFacts({ logged }))).toEqual(
      expect.objectContaining({
        status: 'logged',
        identity: { messageId: '<undated-2@corp.example>', contentKey: null },
      }),
    );
  });

  it('R2: a logged key of another email does not make a duplicate', () => {
    const facts = makeFacts({ logged: [{ key: 'some-other-key', messageId: '<other@corp.example>' }] });
    expectDecision(decide(m, {}, facts), bccLogged(m));
  });

  it('R2: a duplicate associates nothing, drops nothing and sends no notice', () => {
    const withBig = makeMessage({ attachments: [attachment('big.zip', 31 * MiB)] });
    const facts = makeFacts({ logged: [{ key: identity.messageId!, messageId: '<m1@corp.example>' }] });
    expectDecision(decide(withBig, {}, facts), duplicateOf(withBig, '<m1@corp.example>'));
  });

  it("R2: a stranger's message is rejected (B1), not reported as a duplicate", () => {
    const stranger = makeMessage({ from: [mailbox('mallory@evil.example', 'Mallory')] });
    const strangerIdentity = identityOf(outgoingEmail(stranger));
    const facts = makeFacts({
      logged: [
        { key: strangerIdentity.messageId!, messageId: '<m1@corp.example>' },
        { key: strangerIdentity.contentKey!, messageId: '<m1@corp.example>' },
      ],
    });
    expectRejected(decide(stranger, {}, facts), {
      reasons: ['sender-not-user'],
      owner: null,
      ownerId: null,
      notices: [],
    });
  });

  it('R2: a token mismatch is rejected (B2), not reported as a duplicate', () => {
    const facts = makeFacts({ logged: [{ key: identity.messageId!, messageId: '<m1@corp.example>' }] });
    expectRejected(decide(m, { recipient: 'log+bcc.p7q2@corp.example' }, facts), {
      reasons: ['token-mismatch'],
      notices: [{ to: 'ann@corp.example', reason: 'token-mismatch', locale: 'en' }],
    });
  });

  it('R2: a forward of an email already logged (by content key) is a duplicate', () => {
    const forwardIdentity = loggedForward().identity;
    const facts = makeFacts({
      logged: [{ key: forwardIdentity.contentKey!, messageId: '<b1@acme.example>' }],
    });
    expect(decide(makeForward(), fwdEnvelope, facts)).toEqual(
      expect.objectContaining({
        route: 'forward',
        status: 'duplicate',
        duplicateOf: '<b1@acme.example>',
        reasons: [],
        owner: 'ann@corp.example',
        ownerId: 1,
        contacts: [],
        companies: [],
        deals: [],
        attachments: { logged: [], dropped: [] },
        notices: [],
      }),
    );
  });

  it("R2: a log-now keeps the message's own Message-ID, so a later forward of it is a duplicate", () => {
    const received = makeMessage({
      messageId: '<b1@acme.example>',
      from: [bobTo],
      to: [annFrom],
      subject: 'Pricing',
    });
    const logNow = decide(received, { route: 'log-now', userEmail: 'ann@corp.example' }, makeFacts());
    expect(logNow.identity).toEqual(
      identityKeys({
        messageId: '<b1@acme.example>',
        from: 'bob@acme.example',
        date: '2026-03-02T01:15:00.000Z',
        subject: 'Pricing',
        direction: 'incoming',
      }),
    );
    const facts = makeFacts({
      logged: [{ key: logNow.identity.contentKey!, messageId: '<b1@acme.example>' }],
    });
    expect(decide(makeForward(), fwdEnvelope, facts)).toEqual(
      expect.objectContaining({ status: 'duplicate', duplicateOf: '<b1@acme.example>' }),
    );
  });
});
