import { describe, expect, it } from 'vitest';
import { defaultSettings, type User } from '#shared/model/crm-data.js';
import { isMessageOfUser, type AccountFacts } from '../../../../electron/intake/belongs-to-user.js';
import { readClaimHeaders, type ClaimHeaders } from '../../../../electron/intake/claim-headers.js';

const user = (id: number, email: string, extra: Partial<User> = {}): User => ({
  id,
  email,
  aliases: [],
  token: null,
  neverLog: [],
  locale: 'en',
  ...extra,
});

const facts: AccountFacts = {
  settings: defaultSettings,
  users: [
    user(1, 'ann@corp.example', {
      aliases: ['a.smith@corp.example', 'sales@corp.example'],
      token: 'k3x9',
      bccAddress: 'ann+crm-bcc@corp.example',
    }),
    user(3, 'tom@corp.example', { aliases: ['sales@corp.example'], token: 't5m1' }),
  ],
};

type Fields = {
  readonly deliveredTo?: ReadonlyArray<string>;
  readonly from?: ReadonlyArray<string>;
  readonly cc?: ReadonlyArray<string>;
};

/** A header block as the claim step fetches it: delivery fields at the top, then a Received, then the rest. */
const headers = ({ deliveredTo = [], from = [], cc = [] }: Fields): ClaimHeaders =>
  readClaimHeaders(
    [
      ...deliveredTo.map((a) => `Delivered-To: ${a}`),
      'Received: from mx.corp.example by mail.corp.example',
      ...(from.length === 0 ? [] : [`From: ${from.join(', ')}`]),
      ...(cc.length === 0 ? [] : [`Cc: ${cc.join(', ')}`]),
      '',
    ].join('\r\n'),
  );

describe('isMessageOfUser (C1 shared mode)', () => {
  it.each([
    [
      'a token names the user',
      headers({ deliveredTo: ['log+bcc.k3x9@corp.example'], from: ['ann@corp.example'] }),
      true,
    ],
    [
      'a token names the user even with another From (token-mismatch in her store)',
      headers({ deliveredTo: ['log+bcc.k3x9@corp.example'], from: ['tom@corp.example'] }),
      true,
    ],
    [
      "another user's token",
      headers({ deliveredTo: ['log+bcc.t5m1@corp.example'], from: ['ann@corp.example'] }),
      false,
    ],
    [
      'a token of nobody',
      headers({ deliveredTo: ['log+bcc.zzzz@corp.example'], from: ['ann@corp.example'] }),
      false,
    ],
    [
      'her personal logging address',
      headers({ deliveredTo: ['ann+crm-bcc@corp.example'], from: ['x@y.example'] }),
      true,
    ],
    [
      'no token: From is her alias',
      headers({ deliveredTo: ['log+bcc@corp.example'], from: ['a.smith@corp.example'] }),
      true,
    ],
    [
      "no token: From is Tom's",
      headers({ deliveredTo: ['log+bcc@corp.example'], from: ['tom@corp.example'] }),
      false,
    ],
    [
      'no token: a shared alias belongs to the lowest user id (B2)',
      headers({ from: ['sales@corp.example'] }),
      true,
    ],
    ['no token: a stranger belongs to nobody', headers({ from: ['bob@acme.example'] }), false],
    [
      'no token: several From addresses belong to nobody',
      headers({ from: ['ann@corp.example', 'tom@corp.example'] }),
      false,
    ],
    [
      'the topmost Delivered-To counts first',
      headers({
        deliveredTo: ['log+fwd.t5m1@corp.example', 'log+bcc.k3x9@corp.example'],
        from: ['tom@corp.example'],
      }),
      false,
    ],
    [
      'a forwarding address in Cc with her token',
      headers({ cc: ['log+fwd.k3x9@corp.example'], from: ['tom@corp.example'] }),
      true,
    ],
  ])('%s', (_name, message, expected) => {
    expect(isMessageOfUser(message, facts, 'ann@corp.example')).toBe(expected);
  });

  const block = (...lines: ReadonlyArray<string>): ClaimHeaders =>
    readClaimHeaders([...lines, ''].join('\r\n'));

  it.each([
    [
      "a forged Delivered-To naming her personal address below our own X-Original-To (Tom's token)",
      block(
        'X-Original-To: log+bcc.t5m1@corp.example',
        'Received: from mx.corp.example by mail.corp.example',
        'Delivered-To: ann+crm-bcc@corp.example',
        'From: ann@corp.example',
      ),
      false,
    ],
    [
      "our own topmost X-Original-To with Tom's forwarding token above a Delivered-To with hers",
      block(
        'X-Original-To: log+fwd.t5m1@corp.example',
        'Delivered-To: log+bcc.k3x9@corp.example',
        'Received: from mx.corp.example by mail.corp.example',
        'From: ann@corp.example',
      ),
      false,
    ],
    [
      'an empty From above her From: no single sender, nobody is named',
      block(
        'Delivered-To: log+bcc@corp.example',
        'Received: from mx.corp.example by mail.corp.example',
        'From:',
        'From: ann@corp.example',
      ),
      false,
    ],
  ])('R1/B1: %s', (_name, message, expected) => {
    expect(isMessageOfUser(message, facts, 'ann@corp.example')).toBe(expected);
  });

  it('B2: with requireToken her personal address is hers to see refused, and a shared tokenless one too', () => {
    const strict: AccountFacts = { ...facts, settings: { ...defaultSettings, requireToken: true } };
    expect(
      isMessageOfUser(
        headers({ deliveredTo: ['ann+crm-bcc@corp.example'], from: ['ann@corp.example'] }),
        strict,
        'ann@corp.example',
      ),
    ).toBe(true);
    expect(
      isMessageOfUser(
        headers({ deliveredTo: ['log+bcc@corp.example'], from: ['tom@corp.example'] }),
        strict,
        'ann@corp.example',
      ),
    ).toBe(false);
  });

  it('names the user by an alias too, and an unknown user owns nothing', () => {
    const message = headers({ from: ['ann@corp.example'] });
    expect(isMessageOfUser(message, facts, 'A.Smith@corp.example')).toBe(true);
    expect(isMessageOfUser(message, facts, 'nobody@corp.example')).toBe(false);
  });
});
