import { describe, expect, it } from 'vitest';
import { validateCrmData } from '../../../../../electron/crm/local/validate-crm-data.js';
import { err, ok } from '#shared/util/result.js';
import { sampleCrm } from '../helpers/temp-store.js';

describe('validateCrmData', () => {
  it('accepts the sample CRM.json as it is', () => {
    expect(validateCrmData(JSON.parse(JSON.stringify(sampleCrm)))).toEqual(ok(sampleCrm));
  });

  it('needs only users', () => {
    expect(validateCrmData({ users: [] })).toEqual(ok({ users: [] }));
  });

  it('normalises addresses, domains, tokens, never-log entries and dates', () => {
    const result = validateCrmData({
      settings: { internalDomains: ['Corp.Example.'] },
      users: [
        {
          id: 1,
          email: 'Ann Smith <ANN@Corp.Example>',
          aliases: ['A.Smith@corp.example', 'a.smith@corp.example'],
          token: 'K3X9',
          neverLog: ['*@Rival.Example', '*.Sub.Example', 'Joe@X.Example'],
        },
      ],
      companies: [{ domain: 'ACME.example' }],
      contacts: [{ email: 'BOB@acme.example', company: 'Acme.Example' }],
      deals: [
        {
          id: 5,
          name: 'R',
          stage: 'open',
          createdAt: '2026-01-02T09:00:00+09:00',
          contacts: ['Bob@ACME.example'],
        },
      ],
      neverLog: ['*@competitor.example'],
    });
    expect(result).toEqual(
      ok({
        settings: { internalDomains: ['corp.example'] },
        users: [
          {
            id: 1,
            email: 'ann@corp.example',
            aliases: ['a.smith@corp.example'],
            token: 'k3x9',
            neverLog: ['rival.example', '*.sub.example', 'joe@x.example'],
          },
        ],
        companies: [{ domain: 'acme.example', name: 'acme.example' }],
        contacts: [{ email: 'bob@acme.example', company: 'acme.example' }],
        deals: [
          {
            id: '5',
            name: 'R',
            stage: 'open',
            createdAt: '2026-01-02T00:00:00.000Z',
            contacts: ['bob@acme.example'],
          },
        ],
        neverLog: ['competitor.example'],
      }),
    );
  });

  const user = { id: 1, email: 'ann@corp.example' };
  it.each([
    ['not an object', [], 'CRM data: expected an object'],
    ['users missing', {}, 'users: required'],
    ['users not an array', { users: {} }, 'users: expected an array'],
    [
      'a bad email',
      { users: [user, { id: 2, email: 'ken@corp.example' }, { id: 3, email: 'nope' }] },
      'users[2].email: not an email address',
    ],
    [
      'a repeated id',
      { users: [user, { ...user, email: 'b@corp.example' }] },
      'users[1].id: 1 is already used by users[0]',
    ],
    [
      'a repeated email',
      { users: [user, { ...user, id: 2 }] },
      'users[1].email: ann@corp.example is already used by users[0]',
    ],
    [
      'a bad address',
      { users: [user, { id: 3, email: 'not-an-address' }] },
      'users[1].email: not an email address',
    ],
    [
      'an id that is no id',
      { users: [{ id: 1.5, email: 'a@b.example' }] },
      'users[0].id: expected a whole number > 0',
    ],
    ['a bad alias', { users: [{ ...user, aliases: ['x@'] }] }, 'users[0].aliases[0]: not an email address'],
    [
      'a token that cannot be in an address',
      { users: [{ ...user, token: 'a.b' }] },
      'users[0].token: a token is 1 to 64 letters a-z and digits (it goes into an address)',
    ],
    [
      'a shared token',
      {
        users: [
          { ...user, token: 'abc' },
          { id: 2, email: 'ken@corp.example', token: 'ABC' },
        ],
      },
      'users[1].token: abc is already used by users[0]',
    ],
    [
      'a shared personal address',
      {
        users: [
          { ...user, bccAddress: 'p@corp.example' },
          { id: 2, email: 'k@corp.example', forwardingAddress: 'p@corp.example' },
        ],
      },
      'users[1].forwardingAddress: p@corp.example is already used by users[0].bccAddress',
    ],
    ['a bad locale', { users: [{ ...user, locale: 'fr' }] }, "users[0].locale: expected 'en' or 'ja'"],
    ['an unknown user field', { users: [{ ...user, emial: 'x' }] }, 'users[0].emial: unknown field'],
    [
      'an unknown setting',
      { users: [], settings: { requireTokens: true } },
      'settings.requireTokens: unknown field',
    ],
    [
      'a bad setting',
      { users: [], settings: { requireToken: 'yes' } },
      'settings.requireToken: expected true or false',
    ],
    [
      'a bad limit',
      { users: [], settings: { attachmentLimitMB: 0 } },
      'settings.attachmentLimitMB: expected a positive number of MB',
    ],
    [
      'a bad internal domain',
      { users: [], settings: { internalDomains: ['corp'] } },
      'settings.internalDomains[0]: not a domain',
    ],
    [
      'a bad never-log entry',
      { users: [], neverLog: ['ok.example', '*@'] },
      'neverLog[1]: not a never-log entry: "*@" (expected ann@x.example, x.example, *@x.example or *.x.example)',
    ],
    [
      'a bad company domain',
      { users: [], companies: [{ domain: 'acme' }] },
      'companies[0].domain: not a domain',
    ],
    [
      'a contact without address',
      { users: [], contacts: [{ name: 'Bob' }] },
      'contacts[0].email: expected a string',
    ],
    [
      'a deal in an unknown stage',
      { users: [], deals: [{ id: 'D1', name: 'R', stage: 'closed', createdAt: '2026-01-01' }] },
      "deals[0].stage: expected 'open', 'won' or 'lost'",
    ],
    [
      'a deal with a bad date',
      { users: [], deals: [{ id: 'D1', name: 'R', stage: 'open', createdAt: 'soon' }] },
      'deals[0].createdAt: not a date (ISO-8601 expected)',
    ],
    [
      'a duplicated contact',
      { users: [], contacts: [{ email: 'bob@acme.example' }, { email: 'BOB@acme.example' }] },
      'contacts[1].email: bob@acme.example is already used by contacts[0]',
    ],
  ])('rejects %s, naming the field', (_what, raw, message) => {
    expect(validateCrmData(raw)).toEqual(err(message));
  });
});
