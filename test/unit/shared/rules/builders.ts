/**
 * Typed builders for the rule tests (CONTRIBUTING.md): a ParsedMessage, the Facts of a small account, and the
 * pieces of an expected Decision. Everything here is written from docs/rules.md, not from the implementation.
 */
import { expect } from 'vitest';
import { normalizeAddress } from '#shared/address/normalize-address.js';
import { defaultSettings } from '#shared/model/crm-data.js';
import type { Company, Contact, Deal, Facts, Settings, User } from '#shared/model/crm-data.js';
import type { ContactToLink, Decision, EmailToLog } from '#shared/model/decision.js';
import type { BodyPart, EmailSource } from '#shared/model/log-result.js';
import type {
  DeliveryHeader,
  MailAddress,
  ParsedAttachment,
  ParsedMessage,
  RoutingHeaders,
} from '#shared/model/parsed-message.js';
import { identityKeys } from '#shared/rules/identity-keys.js';

export const MiB = 2 ** 20;

// ---------------------------------------------------------------------------------------------------------------
// The account

export const ann: User = {
  id: 1,
  email: 'ann@corp.example',
  name: 'Ann Smith',
  aliases: ['a.smith@corp.example'],
  token: 'k3x9',
  neverLog: [],
  locale: 'en',
};

export const ken: User = {
  id: 2,
  email: 'ken@corp.example',
  name: '佐藤 健',
  aliases: [],
  token: 'p7q2',
  neverLog: [],
  locale: 'ja',
};

export const acme: Company = { domain: 'acme.example', name: 'Acme' };
export const globex: Company = { domain: 'globex.example', name: 'Globex' };

export const bob: Contact = { email: 'bob@acme.example', name: 'Bob', company: 'acme.example' };
export const carol: Contact = { email: 'carol@acme.example', name: 'Carol Jones', company: 'acme.example' };
export const dave: Contact = { email: 'dave@globex.example', name: 'Dave Green', company: 'globex.example' };

function deal(id: string, stage: Deal['stage'], createdAt: string, contacts: ReadonlyArray<string>): Deal {
  return { id, name: `Deal ${id}`, stage, createdAt, contacts };
}

/** Bob's deals: six open (D6, D3, D1, D8, D5, D7 from newest to oldest), one won, one lost, listed shuffled. */
export const bobDeals: ReadonlyArray<Deal> = [
  deal('D1', 'open', '2026-01-02T00:00:00Z', ['bob@acme.example']),
  deal('D2', 'won', '2026-03-10T00:00:00Z', ['bob@acme.example']),
  deal('D3', 'open', '2026-02-15T00:00:00Z', ['bob@acme.example']),
  deal('D4', 'lost', '2026-02-20T00:00:00Z', ['bob@acme.example']),
  deal('D5', 'open', '2025-11-01T00:00:00Z', ['bob@acme.example']),
  deal('D6', 'open', '2026-03-01T00:00:00Z', ['bob@acme.example', 'carol@acme.example']),
  deal('D7', 'open', '2025-06-01T00:00:00Z', ['bob@acme.example']),
  deal('D8', 'open', '2025-12-01T00:00:00Z', ['bob@acme.example']),
];

/** Bob's five most recent open deals, newest first (B7 with the default settings). */
export const bobTopDeals = ['D6', 'D3', 'D1', 'D8', 'D5'];

/** Deals of the other contacts, used by the tests that add them. */
export const carolDeals: ReadonlyArray<Deal> = [
  deal('C1', 'open', '2026-03-05T00:00:00Z', ['carol@acme.example']),
  deal('C2', 'won', '2026-03-06T00:00:00Z', ['carol@acme.example']),
];
export const daveDeals: ReadonlyArray<Deal> = [
  deal('G1', 'open', '2026-02-01T00:00:00Z', ['dave@globex.example']),
];

type FactsOverrides = Partial<Omit<Facts, 'settings'>> & { readonly settings?: Partial<Settings> };

/** Facts of the default account: users ann and ken, contact bob at acme.example, and bob's deals. */
export function makeFacts(overrides: FactsOverrides = {}): Facts {
  const { settings, ...rest } = overrides;
  return {
    users: [ann, ken],
    contacts: [bob],
    companies: [acme],
    deals: bobDeals,
    neverLog: [],
    logged: [],
    ...rest,
    settings: { ...defaultSettings, ...settings },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Messages

export function mailbox(address: string, name = ''): MailAddress {
  return { name, address };
}

export const annFrom = mailbox('ann@corp.example', 'Ann Smith');
export const kenFrom = mailbox('ken@corp.example', '佐藤 健');
export const bobTo = mailbox('bob@acme.example', 'Bob Example');

export const noHeaders: RoutingHeaders = {
  delivery: [],
  autoSubmitted: null,
  precedence: null,
  listId: null,
  returnPath: null,
  authenticationResults: [],
};

/** Delivered-To fields written at final delivery (above the first Received, R1), topmost first. */
export function deliveredTo(...addresses: ReadonlyArray<string>): DeliveryHeader[] {
  return addresses.map((address) => ({ field: 'delivered-to', address, aboveFirstReceived: true }));
}

/** X-Original-To fields written at final delivery (above the first Received, R1), topmost first. */
export function xOriginalTo(...addresses: ReadonlyArray<string>): DeliveryHeader[] {
  return addresses.map((address) => ({ field: 'x-original-to', address, aboveFirstReceived: true }));
}

type MessageOverrides = Partial<Omit<ParsedMessage, 'headers'>> & {
  readonly headers?: Partial<RoutingHeaders>;
};

/** Ann's outgoing "Pricing" mail to Bob, sent 2026-03-02 10:15 +09:00, text only, no attachments. */
export function makeMessage(overrides: MessageOverrides = {}): ParsedMessage {
  const { headers, ...rest } = overrides;
  return {
    messageId: '<m1@corp.example>',
    from: [annFrom],
    fromFieldCount: 1,
    sender: null,
    replyTo: [],
    to: [bobTo],
    cc: [],
    bcc: [],
    subject: 'Pricing',
    date: '2026-03-02T01:15:00.000Z',
    dateOffsetMinutes: 540,
    text: 'Hello Bob,\n\nHere is our pricing.\n\nAnn',
    html: null,
    attachments: [],
    attachedMessages: [],
    ...rest,
    headers: { ...noHeaders, ...headers },
  };
}

/** An attachment with a stable, made-up digest. */
export function attachment(filename: string, size: number): ParsedAttachment {
  const hex = Array.from(filename, (c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('');
  return {
    filename,
    contentType: 'application/octet-stream',
    size,
    sha256: hex.padEnd(64, '0').slice(0, 64),
  };
}

export function logged(a: ParsedAttachment): { filename: string; size: number; sha256: string } {
  return { filename: a.filename, size: a.size, sha256: a.sha256 };
}

export function dropped(a: ParsedAttachment): {
  filename: string;
  size: number;
  reason: 'attachment-over-limit';
} {
  return { filename: a.filename, size: a.size, reason: 'attachment-over-limit' };
}

// --- Forwards (F*) ---------------------------------------------------------------------------------------------

export const forwardNote = 'Please log this.';
export const originalBody = 'Could you send the pricing for 50 seats?\n\nBest,\nBob';

/** A plain English Gmail text forward of Bob's "Pricing" (10:15 AM, zone-less). */
export function gmailForwardText(
  opts: { from?: string; date?: string; cc?: string; note?: string; body?: string } = {},
): string {
  const cc = opts.cc === undefined ? '' : `Cc: ${opts.cc}\n`;
  return (
    `${opts.note ?? forwardNote}\n\n` +
    '---------- Forwarded message ---------\n' +
    `From: ${opts.from ?? 'Bob Example <bob@acme.example>'}\n` +
    `Date: ${opts.date ?? 'Mon, Mar 2, 2026 at 10:15 AM'}\n` +
    'Subject: Pricing\n' +
    'To: Ann Smith <ann@corp.example>\n' +
    cc +
    '\n' +
    `${opts.body ?? originalBody}\n`
  );
}

/** A plain English Outlook (Windows) text forward of the same message. */
export function outlookForwardText(opts: { from?: string } = {}): string {
  return (
    `${forwardNote}\n\n` +
    `From: ${opts.from ?? 'Bob Example <bob@acme.example>'}\n` +
    'Sent: Monday, March 2, 2026 10:15 AM\n' +
    'To: Ann Smith <ann@corp.example>\n' +
    'Subject: Pricing\n' +
    '\n' +
    `${originalBody}\n`
  );
}

/** Ann forwards to the forwarding address at 11:00 +09:00; the body is a Gmail forward unless overridden. */
export function makeForward(overrides: MessageOverrides = {}): ParsedMessage {
  return makeMessage({
    messageId: '<fwd1@corp.example>',
    to: [mailbox('log+fwd@corp.example')],
    subject: 'Fwd: Pricing',
    date: '2026-03-02T02:00:00.000Z',
    dateOffsetMinutes: 540,
    text: gmailForwardText(),
    ...overrides,
  });
}

export const fwdEnvelope = { recipient: 'log+fwd@corp.example' } as const;
export const bccEnvelope = { recipient: 'log+bcc@corp.example' } as const;

// ---------------------------------------------------------------------------------------------------------------
// Expected decisions

/** Matches any ISO-8601 string naming the same instant (the spec fixes the instant, not the spelling). */
export function instant(iso: string): string {
  const ms = Date.parse(iso);
  const matcher = {
    asymmetricMatch: (actual: unknown) => typeof actual === 'string' && Date.parse(actual) === ms,
    toString: () => `Instant<${iso}>`,
    toAsymmetricMatcher: () => `Instant<${iso}>`,
    getExpectedType: () => 'string',
  };
  return matcher as unknown as string;
}

/** Matches a string containing every `has` and none of `hasNot`. */
export function textWith(has: ReadonlyArray<string>, hasNot: ReadonlyArray<string> = []): string {
  const matcher = {
    asymmetricMatch: (actual: unknown) =>
      typeof actual === 'string' &&
      has.every((s) => actual.includes(s)) &&
      hasNot.every((s) => !actual.includes(s)),
    toString: () => `TextWith<${JSON.stringify(has)} without ${JSON.stringify(hasNot)}>`,
    toAsymmetricMatcher: () => `TextWith<${JSON.stringify(has)} without ${JSON.stringify(hasNot)}>`,
    getExpectedType: () => 'string',
  };
  return matcher as unknown as string;
}

function norm(address: string): string {
  const n = normalizeAddress(address);
  if (n === null) {
    throw new Error(`test bug: not an address: ${address}`);
  }
  return n;
}

function partsOf(m: ParsedMessage): BodyPart[] {
  const parts: BodyPart[] = [];
  if (m.text !== null) {
    parts.push('text');
  }
  if (m.html !== null) {
    parts.push('html');
  }
  return parts;
}

/** The EmailToLog of an outgoing message logged as itself (B3). */
export function outgoingEmail(m: ParsedMessage): EmailToLog {
  const from = m.from[0];
  if (from === undefined) {
    throw new Error('test bug: no From');
  }
  return {
    direction: 'outgoing',
    from: norm(from.address),
    fromName: from.name,
    to: m.to.map((a) => norm(a.address)),
    cc: m.cc.map((a) => norm(a.address)),
    subject: m.subject,
    date: m.date,
    source: 'message' satisfies EmailSource,
    parts: partsOf(m),
    text: m.text,
    html: m.html,
    messageId: m.messageId,
  };
}

/** The identity (R2) of an email, from the fields it is logged with. */
export function identityOf(email: Pick<EmailToLog, 'messageId' | 'from' | 'date' | 'subject' | 'direction'>) {
  return identityKeys({
    messageId: email.messageId,
    from: email.from,
    date: email.date,
    subject: email.subject,
    direction: email.direction,
  });
}

/** A logged decision with nothing associated, owned by ann: tests spread what they expect on top. */
export function baseDecision(): Decision {
  return {
    route: 'bcc',
    status: 'logged',
    reasons: [],
    owner: 'ann@corp.example',
    ownerId: 1,
    contacts: [],
    skippedRecipients: [],
    companies: [],
    deals: [],
    attachments: { logged: [], dropped: [] },
    notices: [],
    identity: { messageId: null, contentKey: null },
  };
}

/** The whole expected decision for an outgoing message logged as itself (B3), ann as owner by default. */
export function loggedBcc(m: ParsedMessage, rest: Partial<Decision> = {}): Decision {
  const email = outgoingEmail(m);
  return {
    ...baseDecision(),
    email,
    identity: identityOf(email),
    ...rest,
  };
}

export const bobLink: ContactToLink = {
  email: 'bob@acme.example',
  created: false,
  role: 'to',
  name: 'Bob',
  company: 'acme.example',
};

/** `reasons` is a set with an order convention; whole-Decision comparisons sort both sides. */
export function sortedReasons<T extends { readonly reasons: ReadonlyArray<string> }>(d: T): T {
  return { ...d, reasons: [...d.reasons].sort() };
}

/** Assert a whole Decision (CONTRIBUTING.md: one toEqual), reasons compared as a set. */
export function expectDecision(actual: Decision, expected: Decision): void {
  expect(sortedReasons(actual)).toEqual(sortedReasons(expected));
}

/** Assert the parts of a rejected Decision that the spec fixes. */
export function expectRejected(
  actual: Decision,
  expected: Pick<Decision, 'reasons' | 'notices'> & Partial<Decision>,
): void {
  expect(sortedReasons(actual)).toEqual(
    expect.objectContaining({
      status: 'rejected',
      contacts: [],
      companies: [],
      deals: [],
      ...sortedReasons(expected),
    }),
  );
}

/** The whole expected decision for Bob's "Pricing" forwarded by ann as a Gmail text forward (F1, F5). */
export function loggedForward(rest: Partial<Decision> = {}, email: Partial<EmailToLog> = {}): Decision {
  const expectedEmail: EmailToLog = {
    direction: 'incoming',
    from: 'bob@acme.example',
    fromName: 'Bob Example',
    to: ['ann@corp.example'],
    cc: [],
    subject: 'Pricing',
    date: instant('2026-03-02T01:15:00Z'),
    source: 'forwarded-block',
    parts: ['text'],
    text: textWith(['Could you send the pricing for 50 seats?'], [forwardNote]),
    html: null,
    messageId: null,
    ...email,
  };
  return {
    ...baseDecision(),
    route: 'forward',
    email: expectedEmail,
    forward: { client: 'gmail', confidence: expect.any(Number) as number, note: forwardNote },
    contacts: [{ ...bobLink, role: 'sender' }],
    companies: ['acme.example'],
    deals: bobTopDeals,
    identity: identityKeys({
      messageId: null,
      from: expectedEmail.from,
      date: '2026-03-02T01:15:00.000Z',
      subject: 'Pricing',
      direction: 'incoming',
    }),
    ...rest,
  };
}

/** Drops `forward` from a decision, for sources whose forward summary the spec does not fix (F8, F9). */
export function withoutForward(d: Decision): Decision {
  return { ...d, forward: undefined };
}
