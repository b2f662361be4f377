import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBlobStore, type BlobStore } from '../../../electron/core/blob-store.js';
import { parseMime } from '../../../electron/core/parse-mime.js';
import type { Settings } from '#shared/model/crm-data.js';
import type { Envelope, ParsedMessage } from '#shared/model/parsed-message.js';
import { decide } from '#shared/rules/decide.js';
import {
  annFrom,
  bccEnvelope,
  fwdEnvelope,
  makeFacts,
  makeForward,
  makeMessage,
  mailbox,
  deliveredTo,
} from '../shared/rules/builders.js';

/**
 * a stranger who knows the logging addresses must not be able to write into the CRM. Display names
 * and comments never count (B1), Sender and Reply-To grant nothing, token rules come first (B2), and with
 * `requireDmarc` only the account's own server's Authentication-Results verdict counts.
 */

let root: string;
let blobs: BlobStore;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'crm-mail-logger-spoofing-'));
  blobs = createBlobStore(root, { sync: false });
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A raw message from `from` to Bob, parsed by the real MIME adapter. */
async function parsedFrom(from: string, extra = ''): Promise<ParsedMessage> {
  const raw =
    `From: ${from}\r\nTo: Bob <bob@acme.example>\r\nSubject: Pricing\r\nDate: Mon, 02 Mar 2026 10:15:00 +0900\r\n` +
    `Message-ID: <spoof@evil.example>\r\n${extra}\r\nHello Bob.\r\n`;
  const parsed = await parseMime(Buffer.from(raw), { blobs });
  if (!parsed.ok) {
    throw new Error(`test bug: ${parsed.error.detail}`);
  }
  return parsed.value;
}

function outcome(message: ParsedMessage, envelope: Envelope, settings: Partial<Settings> = {}) {
  const d = decide(message, envelope, makeFacts({ settings }));
  return { status: d.status, reasons: d.reasons, owner: d.owner, contacts: d.contacts.map((c) => c.email) };
}

const refused = (reason: string) => ({ status: 'rejected', reasons: [reason], owner: null, contacts: [] });
const loggedByAnn = {
  status: 'logged',
  reasons: [],
  owner: 'ann@corp.example',
  contacts: ['bob@acme.example'],
};

describe('spoofing: requireToken (B2)', () => {
  const requireToken = { requireToken: true };

  it('a stranger who knows the tokenless BCC address cannot log anything, even with a user as From', () => {
    expect(outcome(makeMessage(), bccEnvelope, requireToken)).toEqual(refused('token-required'));
    expect(outcome(makeMessage({ from: [mailbox('x@evil.example')] }), bccEnvelope, requireToken)).toEqual(
      refused('token-required'),
    );
    expect(outcome(makeForward(), fwdEnvelope, requireToken)).toEqual(refused('token-required'));
  });

  it('nor through Delivered-To or a forwarding address written in To', () => {
    const viaHeader = makeMessage({ headers: { delivery: deliveredTo('log+bcc@corp.example') } });
    expect(outcome(viaHeader, {}, requireToken)).toEqual(refused('token-required'));
    const viaTo = makeForward({ to: [mailbox('log+fwd@corp.example')] });
    expect(outcome(viaTo, {}, requireToken)).toEqual(refused('token-required'));
  });

  it('a guessed token is a mismatch; the right token with a stranger as From is a mismatch too', () => {
    expect(outcome(makeMessage(), { recipient: 'log+bcc.guess@corp.example' }, requireToken)).toEqual(
      refused('token-mismatch'),
    );
    const stranger = makeMessage({ from: [mailbox('x@evil.example', 'Ann Smith')] });
    expect(outcome(stranger, { recipient: 'log+bcc.k3x9@corp.example' }, requireToken)).toEqual(
      refused('token-mismatch'),
    );
  });

  it('the user with the token logs as usual', () => {
    expect(outcome(makeMessage(), { recipient: 'log+bcc.k3x9@corp.example' }, requireToken)).toEqual(
      loggedByAnn,
    );
  });
});

describe('spoofing: display names, comments, Sender and Reply-To never count (B1)', () => {
  const cases = [
    '"ann@corp.example" <x@evil.example>',
    'x@evil.example (ann@corp.example)',
    'ann@corp.example <x@evil.example>',
    'ann@corp.example(x)evil.example',
    'ann@corp.example evil.example',
    'Ann <ann@corp.example> x@evil.example',
    '=?utf-8?Q?ann=40corp=2Eexample?= <x@evil.example>',
    '"ann@corp.example x"@evil.example',
    'Team: ann@corp.example;',
  ];
  for (const from of cases) {
    it(`From: ${from} is not ann`, async () => {
      expect(outcome(await parsedFrom(from), bccEnvelope)).toEqual(refused('sender-not-user'));
    });
  }

  it('a user address as comment or display name around the user address itself is harmless', async () => {
    expect(outcome(await parsedFrom('ann@corp.example (x@evil.example)'), bccEnvelope)).toEqual(loggedByAnn);
    expect(outcome(await parsedFrom('"x@evil.example" <ann@corp.example>'), bccEnvelope)).toEqual(
      loggedByAnn,
    );
  });

  it('Sender and Reply-To naming a user grant nothing', async () => {
    const message = await parsedFrom(
      'Mallory <x@evil.example>',
      'Sender: Ann Smith <ann@corp.example>\r\nReply-To: ann@corp.example\r\n',
    );
    expect(message.sender?.address).toBe('ann@corp.example');
    expect(outcome(message, bccEnvelope)).toEqual(refused('sender-not-user'));
  });
});

describe('spoofing: requireDmarc trusts only the account own server (beyond, dmarc-fail)', () => {
  const dmarc = { requireDmarc: true, authServId: 'mx.corp.example' };
  const withResults = (...authenticationResults: string[]) =>
    makeMessage({ headers: { authenticationResults } });

  it('logs a message our server passed', () => {
    const message = withResults('mx.corp.example; spf=pass; dmarc=pass (p=reject) header.from=corp.example');
    expect(outcome(message, bccEnvelope, dmarc)).toEqual(loggedByAnn);
  });

  it('refuses a pass written by another server (the sender can write any header)', () => {
    const message = withResults('mx.evil.example; dmarc=pass header.from=corp.example');
    expect(outcome(message, bccEnvelope, dmarc)).toEqual(refused('dmarc-fail'));
  });

  it('refuses a forged pass with our authserv-id listed below our own verdict', () => {
    const message = withResults(
      'mx.corp.example; dmarc=fail (p=reject) header.from=corp.example',
      'mx.corp.example; dmarc=pass header.from=corp.example',
    );
    expect(outcome(message, bccEnvelope, dmarc)).toEqual(refused('dmarc-fail'));
  });

  it('refuses dmarc=fail, no header at all, and a pass for another From domain', () => {
    expect(
      outcome(withResults('mx.corp.example; dmarc=fail header.from=corp.example'), bccEnvelope, dmarc),
    ).toEqual(refused('dmarc-fail'));
    expect(outcome(withResults(), bccEnvelope, dmarc)).toEqual(refused('dmarc-fail'));
    expect(
      outcome(withResults('mx.corp.example; dmarc=pass header.from=evil.example'), bccEnvelope, dmarc),
    ).toEqual(refused('dmarc-fail'));
  });

  it('fails closed when no authserv-id is configured', () => {
    const message = withResults('mx.corp.example; dmarc=pass header.from=corp.example');
    expect(outcome(message, bccEnvelope, { requireDmarc: true, authServId: null })).toEqual(
      refused('dmarc-fail'),
    );
  });

  it('B2: applies to tokenized addresses too (every route), and a token with a pass is logged', () => {
    expect(outcome(withResults(), { recipient: 'log+bcc.k3x9@corp.example' }, dmarc)).toEqual(
      refused('dmarc-fail'),
    );
    const passed = withResults('mx.corp.example; dmarc=pass header.from=corp.example');
    expect(outcome(passed, { recipient: 'log+bcc.k3x9@corp.example' }, dmarc)).toEqual(loggedByAnn);
  });

  it('still needs From to be a user after a pass', () => {
    const message = makeMessage({
      from: [mailbox('x@corp.example')],
      headers: { authenticationResults: ['mx.corp.example; dmarc=pass header.from=corp.example'] },
    });
    expect(outcome(message, bccEnvelope, dmarc)).toEqual(refused('sender-not-user'));
    expect(annFrom.address).toBe('ann@corp.example');
  });
});
