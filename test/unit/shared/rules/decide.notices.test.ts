import { describe, expect, it } from 'vitest';
import type { Decision } from '#shared/model/decision.js';
import type { Envelope, ParsedMessage, RoutingHeaders } from '#shared/model/parsed-message.js';
import { decide } from '#shared/rules/decide.js';
import {
  attachment,
  bccEnvelope,
  bobLink,
  bobTopDeals,
  dropped,
  expectDecision,
  fwdEnvelope,
  gmailForwardText,
  kenFrom,
  loggedBcc,
  loggedForward,
  MiB,
  mailbox,
  makeFacts,
  makeForward,
  makeMessage,
} from './builders.js';

const noForwardBlock = 'Please log my call with Bob.';

describe('decide: who is told (N1)', () => {
  const cases: ReadonlyArray<{
    rule: string;
    message: ParsedMessage;
    envelope: Envelope;
    notices: Decision['notices'];
    requireToken?: boolean;
  }> = [
    {
      rule: 'sender-not-user goes to an internal From, in English when it is no user',
      message: makeMessage({ from: [mailbox('eve@corp.example', 'Eve')] }),
      envelope: bccEnvelope,
      notices: [{ to: 'eve@corp.example', reason: 'sender-not-user', locale: 'en' }],
    },
    {
      rule: 'sender-not-user goes to the normalised internal From',
      message: makeMessage({ from: [mailbox('Eve@CORP.example', 'Eve')] }),
      envelope: bccEnvelope,
      notices: [{ to: 'eve@corp.example', reason: 'sender-not-user', locale: 'en' }],
    },
    {
      rule: 'sender-not-user is never sent outside the account',
      message: makeMessage({ from: [mailbox('mallory@evil.example', 'Mallory')] }),
      envelope: bccEnvelope,
      notices: [],
    },
    {
      rule: 'sender-not-user is never sent to an internal Reply-To of an outside From',
      message: makeMessage({
        from: [mailbox('mallory@evil.example')],
        replyTo: [mailbox('eve@corp.example')],
      }),
      envelope: bccEnvelope,
      notices: [],
    },
    {
      rule: 'sender-not-user is never sent to an internal Sender of an outside From',
      message: makeMessage({ from: [mailbox('mallory@evil.example')], sender: mailbox('eve@corp.example') }),
      envelope: bccEnvelope,
      notices: [],
    },
    {
      rule: "token-mismatch goes to the internal From, in that user's locale",
      message: makeMessage({ from: [kenFrom] }),
      envelope: { recipient: 'log+bcc.k3x9@corp.example' },
      notices: [{ to: 'ken@corp.example', reason: 'token-mismatch', locale: 'ja' }],
    },
    {
      rule: 'token-mismatch goes to an internal From that is no user, in English',
      message: makeMessage({ from: [mailbox('eve@corp.example')] }),
      envelope: { recipient: 'log+bcc.k3x9@corp.example' },
      notices: [{ to: 'eve@corp.example', reason: 'token-mismatch', locale: 'en' }],
    },
    {
      rule: 'token-mismatch is never sent outside the account',
      message: makeMessage({ from: [mailbox('mallory@evil.example')] }),
      envelope: { recipient: 'log+bcc.k3x9@corp.example' },
      notices: [],
    },
    {
      rule: 'forward-format-unrecognized goes to the forwarder in Japanese',
      message: makeForward({ from: [kenFrom], text: noForwardBlock }),
      envelope: fwdEnvelope,
      notices: [{ to: 'ken@corp.example', reason: 'forward-format-unrecognized', locale: 'ja' }],
    },
    {
      rule: 'forward-of-own-message goes to the forwarder',
      message: makeForward({
        text: gmailForwardText({
          from: 'Ann Smith <ann@corp.example>',
          body: 'Hello Bob, here is our pricing.',
        }),
      }),
      envelope: fwdEnvelope,
      notices: [{ to: 'ann@corp.example', reason: 'forward-of-own-message', locale: 'en' }],
    },
    {
      rule: 'token-required is not a notice reason',
      message: makeMessage(),
      envelope: { recipient: 'log+bcc@corp.example', route: 'bcc' },
      notices: [],
      requireToken: true,
    },
    {
      rule: 'no-loggable-recipients is not a notice reason',
      message: makeMessage({ to: [kenFrom] }),
      envelope: { recipient: 'log+bcc.k3x9@corp.example' },
      notices: [],
    },
    {
      rule: 'original-sender-never-log is not a notice reason',
      message: makeForward({ text: gmailForwardText({ from: 'Spy <spy@competitor.example>' }) }),
      envelope: fwdEnvelope,
      notices: [],
    },
  ];

  it.each(cases)('N1: $rule', ({ message, envelope, notices, requireToken }) => {
    const facts = makeFacts({
      neverLog: ['competitor.example'],
      settings: { requireToken: requireToken ?? false },
    });
    expect(decide(message, envelope, facts).notices).toEqual(notices);
  });

  it('N1: a logged email with a dropped attachment notifies only its owner', () => {
    const big = attachment('big.zip', 31 * MiB);
    const m = makeMessage({ cc: [kenFrom], attachments: [big] });
    expectDecision(
      decide(m, bccEnvelope, makeFacts()),
      loggedBcc(m, {
        contacts: [bobLink],
        companies: ['acme.example'],
        deals: bobTopDeals,
        reasons: ['attachment-over-limit', 'internal-recipient'],
        skippedRecipients: [{ email: 'ken@corp.example', reason: 'internal-recipient' }],
        attachments: { logged: [], dropped: [dropped(big)] },
        notices: [{ to: 'ann@corp.example', reason: 'attachment-over-limit', locale: 'en' }],
      }),
    );
  });
});

describe('decide: automatic mail and notice volume (N2)', () => {
  const automatic: ReadonlyArray<{ rule: string; headers: Partial<RoutingHeaders>; from?: string }> = [
    { rule: 'Auto-Submitted: auto-generated', headers: { autoSubmitted: 'auto-generated' } },
    { rule: 'Auto-Submitted: auto-replied', headers: { autoSubmitted: 'auto-replied' } },
    { rule: 'Auto-Submitted: Auto-Generated (any case)', headers: { autoSubmitted: 'Auto-Generated' } },
    { rule: 'Auto-Submitted: auto-notified', headers: { autoSubmitted: 'auto-notified' } },
    { rule: 'Precedence: bulk', headers: { precedence: 'bulk' } },
    { rule: 'Precedence: list', headers: { precedence: 'list' } },
    { rule: 'Precedence: junk', headers: { precedence: 'junk' } },
    { rule: 'Precedence: BULK (any case)', headers: { precedence: 'BULK' } },
    { rule: 'a List-Id', headers: { listId: '<sales.corp.example>' } },
    { rule: 'a null sender', headers: { returnPath: '<>' } },
    { rule: 'a MAILER-DAEMON Return-Path', headers: { returnPath: '<MAILER-DAEMON@corp.example>' } },
  ];

  it.each(automatic)('N2: no notice answers a message with $rule (F3 by ann)', ({ headers }) => {
    const m = makeForward({ text: noForwardBlock, headers });
    const d = decide(m, fwdEnvelope, makeFacts());
    expect(d).toEqual(
      expect.objectContaining({ status: 'rejected', reasons: ['forward-format-unrecognized'], notices: [] }),
    );
  });

  it.each(automatic)('N2: no notice for a dropped attachment of a message with $rule', ({ headers }) => {
    const big = attachment('big.zip', 31 * MiB);
    const m = makeMessage({ attachments: [big], headers });
    expectDecision(
      decide(m, bccEnvelope, makeFacts()),
      loggedBcc(m, {
        contacts: [bobLink],
        companies: ['acme.example'],
        deals: bobTopDeals,
        reasons: ['attachment-over-limit'],
        attachments: { logged: [], dropped: [dropped(big)] },
        notices: [],
      }),
    );
  });

  it('N2: no notice answers a MAILER-DAEMON sender', () => {
    const m = makeMessage({ from: [mailbox('MAILER-DAEMON@corp.example', 'Mail Delivery System')] });
    expect(decide(m, bccEnvelope, makeFacts())).toEqual(
      expect.objectContaining({ status: 'rejected', reasons: ['sender-not-user'], notices: [] }),
    );
  });

  it.each([
    { rule: 'Auto-Submitted: no', headers: { autoSubmitted: 'no' } },
    { rule: 'Auto-Submitted: No (any case)', headers: { autoSubmitted: 'No' } },
    { rule: 'Precedence: first-class', headers: { precedence: 'first-class' } },
  ])('N2: a message with $rule is not automatic and gets its notice', ({ headers }) => {
    const m = makeForward({ text: noForwardBlock, headers });
    expect(decide(m, fwdEnvelope, makeFacts()).notices).toEqual([
      { to: 'ann@corp.example', reason: 'forward-format-unrecognized', locale: 'en' },
    ]);
  });

  it('N2: several dropped attachments make one notice for the recipient and reason', () => {
    const a = attachment('a.zip', 31 * MiB);
    const b = attachment('b.zip', 32 * MiB);
    const small = attachment('small.txt', 10);
    const m = makeForward({ attachments: [a, small, b] });
    expectDecision(
      decide(m, fwdEnvelope, makeFacts()),
      loggedForward({
        reasons: ['attachment-over-limit'],
        attachments: {
          logged: [{ filename: small.filename, size: small.size, sha256: small.sha256 }],
          dropped: [dropped(a), dropped(b)],
        },
        notices: [{ to: 'ann@corp.example', reason: 'attachment-over-limit', locale: 'en' }],
      }),
    );
  });
});
