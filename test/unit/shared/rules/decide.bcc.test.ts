import { describe, expect, it } from 'vitest';
import type { User } from '#shared/model/crm-data.js';
import type { ContactToLink, Decision } from '#shared/model/decision.js';
import type { SkipReason } from '#shared/model/reason-code.js';
import type { Envelope, MailAddress, ParsedMessage } from '#shared/model/parsed-message.js';
import { decide } from '#shared/rules/decide.js';
import {
  acme,
  ann,
  annFrom,
  attachment,
  bccEnvelope,
  bob,
  bobDeals,
  bobLink,
  bobTo,
  bobTopDeals,
  carol,
  carolDeals,
  dave,
  daveDeals,
  dropped,
  expectDecision,
  expectRejected,
  globex,
  ken,
  kenFrom,
  loggedBcc,
  logged,
  MiB,
  mailbox,
  makeFacts,
  makeMessage,
} from './builders.js';

/** The usual association of a mail to bob (B4 + B7). */
const withBob: Partial<Decision> = { contacts: [bobLink], companies: ['acme.example'], deals: bobTopDeals };
const kenOwns: Partial<Decision> = { owner: 'ken@corp.example', ownerId: 2 };

describe('decide: BCC sender (B1)', () => {
  const rejectedSenders: ReadonlyArray<{
    rule: string;
    message: ParsedMessage;
    notices: Decision['notices'];
  }> = [
    {
      rule: 'a stranger outside the account',
      message: makeMessage({ from: [mailbox('mallory@evil.example', 'Mallory')] }),
      notices: [],
    },
    {
      rule: "a stranger whose display name is a user's address",
      message: makeMessage({ from: [mailbox('mallory@evil.example', 'ann@corp.example')] }),
      notices: [],
    },
    {
      rule: 'a stranger whose Sender header is a user (only From counts)',
      message: makeMessage({ from: [mailbox('mallory@evil.example')], sender: annFrom }),
      notices: [],
    },
    {
      rule: 'an internal address that is no user (notified, in English)',
      message: makeMessage({ from: [mailbox('eve@corp.example', 'Eve')] }),
      notices: [{ to: 'eve@corp.example', reason: 'sender-not-user', locale: 'en' }],
    },
    {
      rule: 'a message without From',
      message: makeMessage({ from: [] }),
      notices: [],
    },
  ];

  it.each(rejectedSenders)('B1: rejects $rule with sender-not-user and no owner', ({ message, notices }) => {
    expectRejected(decide(message, bccEnvelope, makeFacts()), {
      reasons: ['sender-not-user'],
      owner: null,
      ownerId: null,
      notices,
    });
  });

  it('B1: rejects a From with two addresses, even when both are users', () => {
    const m = makeMessage({ from: [annFrom, kenFrom] });
    expect(decide(m, bccEnvelope, makeFacts())).toEqual(
      expect.objectContaining({
        status: 'rejected',
        reasons: ['sender-not-user'],
        owner: null,
        ownerId: null,
      }),
    );
  });

  it.each([
    { rule: 'an alias', from: mailbox('a.smith@corp.example', 'Ann Smith') },
    { rule: 'the primary address in another case', from: mailbox('Ann@Corp.EXAMPLE', 'Ann Smith') },
    { rule: 'an alias in another case', from: mailbox('A.Smith@corp.example', 'Ann') },
  ])("B1: accepts $rule of a user; the owner is the user's primary address", ({ from }) => {
    const m = makeMessage({ from: [from] });
    expectDecision(decide(m, bccEnvelope, makeFacts()), loggedBcc(m, withBob));
  });
});

describe('decide: BCC tokens and owner (B2)', () => {
  const sam: User = {
    id: 3,
    email: 'sam@corp.example',
    aliases: ['sales@corp.example'],
    token: 's4m1',
    neverLog: [],
    locale: 'en',
  };
  const annWithShared: User = {
    ...ann,
    aliases: ['a.smith@corp.example', 'sales@corp.example'],
    bccAddress: 'ann+crm-bcc@corp.example',
  };
  // Sam is listed first: the owner of a shared alias is the lowest id, not the first listed.
  const sharedFacts = makeFacts({ users: [sam, ken, annWithShared] });
  const fromSales = mailbox('sales@corp.example', 'Sales team');

  const loggedCases: ReadonlyArray<{
    rule: string;
    recipient: string;
    from: MailAddress;
    expected: Partial<Decision>;
  }> = [
    { rule: "ann's token, from ann", recipient: 'log+bcc.k3x9@corp.example', from: annFrom, expected: {} },
    {
      rule: "ann's token, from ann's alias",
      recipient: 'log+bcc.k3x9@corp.example',
      from: mailbox('a.smith@corp.example'),
      expected: {},
    },
    {
      rule: "ann's token written in upper case",
      recipient: 'LOG+BCC.K3X9@Corp.Example',
      from: annFrom,
      expected: {},
    },
    {
      rule: "ken's token, from ken",
      recipient: 'log+bcc.p7q2@corp.example',
      from: kenFrom,
      expected: kenOwns,
    },
    {
      rule: "ann's personal BCC address, from ann",
      recipient: 'ann+crm-bcc@corp.example',
      from: annFrom,
      expected: {},
    },
    {
      rule: "ann's personal BCC address in upper case, from ann",
      recipient: 'ANN+CRM-BCC@Corp.Example',
      from: annFrom,
      expected: {},
    },
    {
      rule: "no token, from ken's primary address",
      recipient: 'log+bcc@corp.example',
      from: kenFrom,
      expected: kenOwns,
    },
    {
      rule: "a shared alias with sam's token: sam, unambiguously",
      recipient: 'log+bcc.s4m1@corp.example',
      from: fromSales,
      expected: { owner: 'sam@corp.example', ownerId: 3 },
    },
    {
      rule: 'a shared alias without token: the lowest user id, with ambiguous-owner',
      recipient: 'log+bcc@corp.example',
      from: fromSales,
      expected: { reasons: ['ambiguous-owner'] },
    },
  ];

  it.each(loggedCases)('B2: logs with $rule', ({ recipient, from, expected }) => {
    const m = makeMessage({ from: [from] });
    expectDecision(decide(m, { recipient }, sharedFacts), loggedBcc(m, { ...withBob, ...expected }));
  });

  const mismatches: ReadonlyArray<{
    rule: string;
    recipient: string;
    from: MailAddress;
    notices: Decision['notices'];
  }> = [
    {
      rule: "ken sends with ann's token (notified in Japanese)",
      recipient: 'log+bcc.k3x9@corp.example',
      from: kenFrom,
      notices: [{ to: 'ken@corp.example', reason: 'token-mismatch', locale: 'ja' }],
    },
    {
      rule: 'a token that belongs to no user',
      recipient: 'log+bcc.zzzz@corp.example',
      from: annFrom,
      notices: [{ to: 'ann@corp.example', reason: 'token-mismatch', locale: 'en' }],
    },
    {
      rule: 'a stranger with an unknown token (token rules come before B1)',
      recipient: 'log+bcc.zzzz@corp.example',
      from: mailbox('mallory@evil.example'),
      notices: [],
    },
    {
      rule: "a stranger with ann's token (token rules come before B1)",
      recipient: 'log+bcc.k3x9@corp.example',
      from: mailbox('mallory@evil.example'),
      notices: [],
    },
    {
      rule: "ken sends through ann's personal BCC address",
      recipient: 'ann+crm-bcc@corp.example',
      from: kenFrom,
      notices: [{ to: 'ken@corp.example', reason: 'token-mismatch', locale: 'ja' }],
    },
  ];

  it.each(mismatches)('B2: rejects with token-mismatch when $rule', ({ recipient, from, notices }) => {
    const m = makeMessage({ from: [from] });
    expectRejected(decide(m, { recipient }, sharedFacts), { reasons: ['token-mismatch'], notices });
  });

  it('B2: ambiguous-owner comes with a logged status, reasons listing it once', () => {
    const m = makeMessage({ from: [fromSales], cc: [kenFrom] });
    const d = decide(m, { recipient: 'log+bcc@corp.example' }, sharedFacts);
    expect(d.status).toBe('logged');
    expect([...d.reasons].sort()).toEqual(['ambiguous-owner', 'internal-recipient']);
  });

  it('B2/§0: with requireToken, a tokenless address is refused with token-required', () => {
    const facts = makeFacts({ settings: { requireToken: true } });
    expectRejected(decide(makeMessage(), bccEnvelope, facts), { reasons: ['token-required'], notices: [] });
  });

  it('B2/§0: with requireToken, a tokenized address is logged', () => {
    const m = makeMessage();
    const facts = makeFacts({ settings: { requireToken: true } });
    expectDecision(decide(m, { recipient: 'log+bcc.k3x9@corp.example' }, facts), loggedBcc(m, withBob));
  });
});

describe('decide: the logged email (B3)', () => {
  it('B3: logs an outgoing email dated by its Date header, with subject, text, HTML and attachments', () => {
    const pdf = attachment('pricing.pdf', 120_000);
    const png = attachment('logo.png', 4_000);
    const m = makeMessage({
      subject: 'Pricing for 2026',
      date: '2026-03-02T01:15:00.000Z',
      text: 'Hello Bob, see attached.',
      html: '<p>Hello Bob, see attached.</p>',
      attachments: [pdf, png],
    });
    const d = decide(m, bccEnvelope, makeFacts());
    expectDecision(
      d,
      loggedBcc(m, { ...withBob, attachments: { logged: [logged(pdf), logged(png)], dropped: [] } }),
    );
    expect(d.email).toEqual(
      expect.objectContaining({
        direction: 'outgoing',
        from: 'ann@corp.example',
        date: '2026-03-02T01:15:00.000Z',
        source: 'message',
        parts: ['text', 'html'],
        messageId: '<m1@corp.example>',
      }),
    );
  });

  it('B3: a text-only email lists only the text part', () => {
    const m = makeMessage({ text: 'Just text', html: null });
    const d = decide(m, bccEnvelope, makeFacts());
    expectDecision(d, loggedBcc(m, withBob));
    expect(d.email?.parts).toEqual(['text']);
  });

  it('B3: a Japanese subject and body are kept as written', () => {
    const m = makeMessage({ subject: 'お見積もりの件', text: 'ボブ様\n\nお見積もりをお送りします。' });
    expectDecision(decide(m, bccEnvelope, makeFacts()), loggedBcc(m, withBob));
  });
});

describe('decide: recipients (B4)', () => {
  const link = (
    email: string,
    created: boolean,
    role: ContactToLink['role'],
    name: string,
    company: string | null,
  ) => ({
    email,
    created,
    role,
    name,
    company,
  });

  const associations: ReadonlyArray<{
    rule: string;
    to: ReadonlyArray<MailAddress>;
    cc?: ReadonlyArray<MailAddress>;
    expected: Partial<Decision>;
  }> = [
    { rule: 'uses an existing To contact, with its CRM name and company', to: [bobTo], expected: withBob },
    {
      rule: 'matches an existing contact whatever the case of the address',
      to: [mailbox('Bob@ACME.example', 'Bobby')],
      expected: withBob,
    },
    {
      rule: 'creates a missing To recipient from its display name',
      to: [mailbox('cathy@acme.example', 'Cathy Brown')],
      expected: {
        contacts: [link('cathy@acme.example', true, 'to', 'Cathy Brown', 'acme.example')],
        companies: ['acme.example'],
      },
    },
    {
      rule: 'keeps the family-name-first order of a Japanese display name',
      to: [mailbox('taro@yamada.example', '山田 太郎')],
      expected: { contacts: [link('taro@yamada.example', true, 'to', '山田 太郎', null)] },
    },
    {
      rule: 'creates a missing Cc recipient with the cc role',
      to: [bobTo],
      cc: [mailbox('dana@newco.example', 'Dana White')],
      expected: {
        ...withBob,
        contacts: [bobLink, link('dana@newco.example', true, 'cc', 'Dana White', null)],
      },
    },
    {
      rule: 'lists To recipients in header order, then Cc',
      to: [mailbox('dana@newco.example', 'Dana White'), bobTo],
      cc: [mailbox('erin@newco.example', 'Erin Black')],
      expected: {
        ...withBob,
        contacts: [
          link('dana@newco.example', true, 'to', 'Dana White', null),
          bobLink,
          link('erin@newco.example', true, 'cc', 'Erin Black', null),
        ],
      },
    },
    {
      rule: 'associates an address in both To and Cc once, as to',
      to: [bobTo],
      cc: [mailbox('BOB@acme.example', 'Bob Example')],
      expected: withBob,
    },
  ];

  it.each(associations)('B4: $rule', ({ to, cc, expected }) => {
    const m = makeMessage({ to, cc: cc ?? [] });
    expectDecision(decide(m, bccEnvelope, makeFacts()), loggedBcc(m, expected));
  });

  it('B4: creates nobody for a To entry without a usable address (group syntax, garbage)', () => {
    const m = makeMessage({
      to: [mailbox('', 'undisclosed-recipients'), bobTo, mailbox('not an address', 'Garbage')],
    });
    const d = decide(m, bccEnvelope, makeFacts());
    expect(d).toEqual(
      expect.objectContaining({ status: 'logged', contacts: [bobLink], companies: ['acme.example'] }),
    );
  });

  const pat: User = {
    id: 4,
    email: 'pat@partner.example',
    aliases: [],
    token: null,
    neverLog: [],
    locale: 'en',
  };
  const annPersonal: User = {
    ...ann,
    neverLog: ['friend@home.example', 'family.example'],
    bccAddress: 'ann+crm-bcc@corp.example',
    forwardingAddress: 'ann+crm-fwd@corp.example',
  };
  const skipFacts = makeFacts({
    users: [annPersonal, ken, pat],
    neverLog: ['competitor.example', '*.rival.example', 'noreply@vendor.example', '*@press.example'],
  });

  const skipped: ReadonlyArray<{ rule: string; address: string; reason: SkipReason }> = [
    { rule: 'the BCC address', address: 'log+bcc@corp.example', reason: 'logging-address' },
    { rule: 'the tokenized BCC address', address: 'log+bcc.k3x9@corp.example', reason: 'logging-address' },
    { rule: 'the forwarding address', address: 'log+fwd@corp.example', reason: 'logging-address' },
    {
      rule: "ken's tokenized forwarding address",
      address: 'LOG+FWD.P7Q2@corp.example',
      reason: 'logging-address',
    },
    { rule: "a user's personal BCC address", address: 'ann+crm-bcc@corp.example', reason: 'logging-address' },
    {
      rule: "a user's personal forwarding address",
      address: 'ann+crm-fwd@corp.example',
      reason: 'logging-address',
    },
    { rule: 'another user', address: 'ken@corp.example', reason: 'internal-recipient' },
    { rule: 'another user in upper case', address: 'KEN@CORP.EXAMPLE', reason: 'internal-recipient' },
    { rule: "the sender's own alias", address: 'a.smith@corp.example', reason: 'internal-recipient' },
    {
      rule: 'a user outside the internal domains',
      address: 'pat@partner.example',
      reason: 'internal-recipient',
    },
    {
      rule: 'an internal-domain address that is no user',
      address: 'support@corp.example',
      reason: 'internal-recipient',
    },
    { rule: 'an account never-log domain', address: 'spy@competitor.example', reason: 'never-log' },
    { rule: 'an account never-log sub-domain pattern', address: 'x@eu.rival.example', reason: 'never-log' },
    { rule: 'an account never-log address', address: 'noreply@vendor.example', reason: 'never-log' },
    { rule: 'an account never-log *@domain', address: 'desk@press.example', reason: 'never-log' },
    { rule: "the sender's personal never-log address", address: 'friend@home.example', reason: 'never-log' },
    { rule: "the sender's personal never-log domain", address: 'mum@family.example', reason: 'never-log' },
  ];

  it.each(skipped)('B4: skips $rule ($reason), never creating or associating it', ({ address, reason }) => {
    for (const place of ['to', 'cc'] as const) {
      const other = mailbox(address, 'Someone');
      const m = makeMessage(place === 'to' ? { to: [bobTo, other] } : { to: [bobTo], cc: [other] });
      expectDecision(
        decide(m, bccEnvelope, skipFacts),
        loggedBcc(m, {
          ...withBob,
          reasons: [reason],
          skippedRecipients: [{ email: address.toLowerCase(), reason }],
        }),
      );
    }
  });

  it("B4/§0: a user's personal never-log list applies to that user's mail only", () => {
    const m = makeMessage({ from: [kenFrom], to: [mailbox('friend@home.example', 'Friend')] });
    expectDecision(
      decide(m, bccEnvelope, skipFacts),
      loggedBcc(m, {
        ...kenOwns,
        contacts: [link('friend@home.example', true, 'to', 'Friend', null)],
      }),
    );
  });

  it('B4: lists every skipped recipient once, in header order, and reasons once each', () => {
    const m = makeMessage({
      to: [mailbox('ken@corp.example'), bobTo, mailbox('spy@competitor.example')],
      cc: [mailbox('log+bcc@corp.example'), mailbox('support@corp.example'), mailbox('ken@corp.example')],
    });
    const d = decide(m, bccEnvelope, skipFacts);
    expectDecision(
      d,
      loggedBcc(m, {
        ...withBob,
        reasons: ['internal-recipient', 'never-log', 'logging-address'],
        skippedRecipients: [
          { email: 'ken@corp.example', reason: 'internal-recipient' },
          { email: 'spy@competitor.example', reason: 'never-log' },
          { email: 'log+bcc@corp.example', reason: 'logging-address' },
          { email: 'support@corp.example', reason: 'internal-recipient' },
        ],
      }),
    );
    // The email itself still shows every To and Cc recipient as written.
    expect(d.email?.to).toEqual(['ken@corp.example', 'bob@acme.example', 'spy@competitor.example']);
    expect(d.email?.cc).toEqual(['log+bcc@corp.example', 'support@corp.example', 'ken@corp.example']);
  });
});

describe('decide: Bcc recipients (B5)', () => {
  it('B5: never creates nor associates Bcc recipients, even existing contacts', () => {
    const m = makeMessage({
      to: [bobTo],
      bcc: [mailbox('carol@acme.example', 'Carol Jones'), mailbox('dana@newco.example', 'Dana White')],
    });
    expectDecision(
      decide(m, bccEnvelope, makeFacts({ contacts: [bob, carol], deals: [...bobDeals, ...carolDeals] })),
      loggedBcc(m, {
        ...withBob,
        reasons: ['bcc-recipient'],
        skippedRecipients: [
          { email: 'carol@acme.example', reason: 'bcc-recipient' },
          { email: 'dana@newco.example', reason: 'bcc-recipient' },
        ],
      }),
    );
  });
});

describe('decide: Bcc recipients bring nothing (B5)', () => {
  it("B5: a Bcc contact's company and deals are not associated", () => {
    const m = makeMessage({ to: [bobTo], bcc: [mailbox('dave@globex.example', 'Dave')] });
    const facts = makeFacts({
      contacts: [bob, dave],
      companies: [acme, globex],
      deals: [...bobDeals, ...daveDeals],
    });
    expectDecision(
      decide(m, bccEnvelope, facts),
      loggedBcc(m, {
        ...withBob,
        reasons: ['bcc-recipient'],
        skippedRecipients: [{ email: 'dave@globex.example', reason: 'bcc-recipient' }],
      }),
    );
  });
});

describe('decide: nothing left to log (B6)', () => {
  const cases: ReadonlyArray<{
    rule: string;
    message: ParsedMessage;
    reasons: Decision['reasons'];
    skippedRecipients: Decision['skippedRecipients'];
  }> = [
    {
      rule: 'only users are recipients',
      message: makeMessage({ to: [kenFrom], cc: [mailbox('a.smith@corp.example')] }),
      reasons: ['no-loggable-recipients', 'internal-recipient'],
      skippedRecipients: [
        { email: 'ken@corp.example', reason: 'internal-recipient' },
        { email: 'a.smith@corp.example', reason: 'internal-recipient' },
      ],
    },
    {
      rule: 'only Bcc recipients',
      message: makeMessage({ to: [], bcc: [bobTo] }),
      reasons: ['no-loggable-recipients', 'bcc-recipient'],
      skippedRecipients: [{ email: 'bob@acme.example', reason: 'bcc-recipient' }],
    },
    {
      rule: 'only never-log and logging addresses',
      message: makeMessage({
        to: [mailbox('spy@competitor.example')],
        cc: [mailbox('log+bcc@corp.example')],
      }),
      reasons: ['no-loggable-recipients', 'never-log', 'logging-address'],
      skippedRecipients: [
        { email: 'spy@competitor.example', reason: 'never-log' },
        { email: 'log+bcc@corp.example', reason: 'logging-address' },
      ],
    },
    {
      rule: 'no recipient at all',
      message: makeMessage({ to: [] }),
      reasons: ['no-loggable-recipients'],
      skippedRecipients: [],
    },
  ];

  it.each(cases)(
    'B6: skips with no-loggable-recipients when $rule',
    ({ message, reasons, skippedRecipients }) => {
      const facts = makeFacts({ neverLog: ['competitor.example'] });
      const d = decide(message, bccEnvelope, facts);
      expectDecision(d, loggedBcc(message, { status: 'skipped', reasons, skippedRecipients }));
      // The status's own reason comes first.
      expect(d.reasons[0]).toBe('no-loggable-recipients');
      expect(d.reasons).toHaveLength(reasons.length);
    },
  );
});

describe('decide: companies and deals (B7)', () => {
  it('B7: brings the five most recent open deals, newest first, never won or lost ones', () => {
    expectDecision(decide(makeMessage(), bccEnvelope, makeFacts()), loggedBcc(makeMessage(), withBob));
  });

  it.each([
    { dealsPerContact: 2, deals: ['D6', 'D3'] },
    { dealsPerContact: 1, deals: ['D6'] },
    { dealsPerContact: 10, deals: ['D6', 'D3', 'D1', 'D8', 'D5', 'D7'] },
  ])('B7: the number of deals per contact is a setting ($dealsPerContact)', ({ dealsPerContact, deals }) => {
    const m = makeMessage();
    expectDecision(
      decide(m, bccEnvelope, makeFacts({ settings: { dealsPerContact } })),
      loggedBcc(m, { ...withBob, deals }),
    );
  });

  it('B7: companies and deals follow contact order, each once', () => {
    const m = makeMessage({
      to: [mailbox('carol@acme.example', 'Carol'), bobTo],
      cc: [mailbox('dave@globex.example', 'Dave')],
    });
    const facts = makeFacts({
      contacts: [bob, carol, dave],
      companies: [acme, globex],
      deals: [...bobDeals, ...carolDeals, ...daveDeals],
    });
    expectDecision(
      decide(m, bccEnvelope, facts),
      loggedBcc(m, {
        contacts: [
          {
            email: 'carol@acme.example',
            created: false,
            role: 'to',
            name: 'Carol Jones',
            company: 'acme.example',
          },
          bobLink,
          {
            email: 'dave@globex.example',
            created: false,
            role: 'cc',
            name: 'Dave Green',
            company: 'globex.example',
          },
        ],
        companies: ['acme.example', 'globex.example'],
        // carol: C1, D6; bob: D6 (already there), D3, D1, D8, D5; dave: G1.
        deals: ['C1', 'D6', 'D3', 'D1', 'D8', 'D5', 'G1'],
      }),
    );
  });

  it('B7: an existing contact without company brings no company but still its deals', () => {
    const solo = { email: 'solo@indie.example', name: 'Solo', company: null };
    const m = makeMessage({ to: [mailbox('solo@indie.example', 'Solo Person')] });
    const facts = makeFacts({
      contacts: [bob, solo],
      deals: [
        ...bobDeals,
        {
          id: 'S1',
          name: 'Solo deal',
          stage: 'open',
          createdAt: '2026-01-01T00:00:00Z',
          contacts: [solo.email],
        },
      ],
    });
    expectDecision(
      decide(m, bccEnvelope, facts),
      loggedBcc(m, {
        contacts: [{ email: 'solo@indie.example', created: false, role: 'to', name: 'Solo', company: null }],
        deals: ['S1'],
      }),
    );
  });

  const newContactCompanies: ReadonlyArray<{
    rule: string;
    address: string;
    companies: ReadonlyArray<{ domain: string; name: string }>;
    freeMailDomains: ReadonlyArray<string>;
    company: string | null;
  }> = [
    {
      rule: 'is linked to the company of its domain',
      address: 'cathy@acme.example',
      companies: [acme],
      freeMailDomains: [],
      company: 'acme.example',
    },
    {
      rule: 'gets no company when none has its domain (none is created)',
      address: 'dana@newco.example',
      companies: [acme],
      freeMailDomains: [],
      company: null,
    },
    {
      rule: 'is not linked to a company on a built-in free-mail domain',
      address: 'jane.doe@gmail.com',
      companies: [acme, { domain: 'gmail.com', name: 'Google Mail' }],
      freeMailDomains: [],
      company: null,
    },
    {
      rule: 'is not linked to a company on an extra free-mail domain of the settings',
      address: 'jane@extra-free-mail.example',
      companies: [acme, { domain: 'extra-free-mail.example', name: 'Extra' }],
      freeMailDomains: ['extra-free-mail.example'],
      company: null,
    },
    {
      rule: 'is linked to that same domain when the settings do not call it free mail',
      address: 'jane@extra-free-mail.example',
      companies: [acme, { domain: 'extra-free-mail.example', name: 'Extra' }],
      freeMailDomains: [],
      company: 'extra-free-mail.example',
    },
  ];

  it.each(['gmail.com', 'yahoo.co.jp', 'outlook.com', 'hotmail.com', 'icloud.com'])(
    'B7: a new contact on the common free-mail domain %s gets no company',
    (domain) => {
      const m = makeMessage({ to: [mailbox(`someone@${domain}`, 'New Person')] });
      const facts = makeFacts({ companies: [acme, { domain, name: domain }] });
      expectDecision(
        decide(m, bccEnvelope, facts),
        loggedBcc(m, {
          contacts: [
            { email: `someone@${domain}`, created: true, role: 'to', name: 'New Person', company: null },
          ],
        }),
      );
    },
  );

  it('B7: sorts deals by create date as instants, whatever zone each date is written in', () => {
    const m = makeMessage();
    const facts = makeFacts({
      deals: [
        // 2026-02-28T23:00Z, written in +09:00: older than Z2 although its text sorts later.
        {
          id: 'Z1',
          name: 'Zoned',
          stage: 'open',
          createdAt: '2026-03-01T08:00:00+09:00',
          contacts: [bob.email],
        },
        { id: 'Z2', name: 'Utc', stage: 'open', createdAt: '2026-02-28T23:30:00Z', contacts: [bob.email] },
      ],
    });
    expectDecision(decide(m, bccEnvelope, facts), loggedBcc(m, { ...withBob, deals: ['Z2', 'Z1'] }));
  });

  it.each(newContactCompanies)(
    'B7: a new contact $rule',
    ({ address, companies, freeMailDomains, company }) => {
      const m = makeMessage({ to: [mailbox(address, 'New Person')] });
      const facts = makeFacts({ companies, settings: { freeMailDomains } });
      expectDecision(
        decide(m, bccEnvelope, facts),
        loggedBcc(m, {
          contacts: [{ email: address, created: true, role: 'to', name: 'New Person', company }],
          companies: company === null ? [] : [company],
        }),
      );
    },
  );
});

describe('decide: attachments (B8)', () => {
  const small = attachment('notes.txt', 2_000);
  const exact = attachment('exactly-30mb.zip', 30 * MiB);
  const big = attachment('too-big.zip', 30 * MiB + 1);

  it('B8: drops an attachment over 30 MiB, logs the email and the rest, and tells the sender', () => {
    const m = makeMessage({ attachments: [small, big, exact] });
    expectDecision(
      decide(m, bccEnvelope, makeFacts()),
      loggedBcc(m, {
        ...withBob,
        reasons: ['attachment-over-limit'],
        attachments: { logged: [logged(small), logged(exact)], dropped: [dropped(big)] },
        notices: [{ to: 'ann@corp.example', reason: 'attachment-over-limit', locale: 'en' }],
      }),
    );
  });

  it('B8: the limit is a setting in MB of 2^20 bytes', () => {
    const oneMiB = attachment('one.bin', MiB);
    const over = attachment('over.bin', MiB + 1);
    const m = makeMessage({ attachments: [oneMiB, over] });
    expectDecision(
      decide(m, bccEnvelope, makeFacts({ settings: { attachmentLimitMB: 1 } })),
      loggedBcc(m, {
        ...withBob,
        reasons: ['attachment-over-limit'],
        attachments: { logged: [logged(oneMiB)], dropped: [dropped(over)] },
        notices: [{ to: 'ann@corp.example', reason: 'attachment-over-limit', locale: 'en' }],
      }),
    );
  });

  it("B8: the notice goes to the sender in the sender's locale", () => {
    const m = makeMessage({ from: [kenFrom], attachments: [big] });
    expectDecision(
      decide(m, { recipient: 'log+bcc.p7q2@corp.example' } satisfies Envelope, makeFacts()),
      loggedBcc(m, {
        ...withBob,
        ...kenOwns,
        reasons: ['attachment-over-limit'],
        attachments: { logged: [], dropped: [dropped(big)] },
        notices: [{ to: 'ken@corp.example', reason: 'attachment-over-limit', locale: 'ja' }],
      }),
    );
  });
});
