import { describe, expect, it } from 'vitest';
import { crmDataSchema } from '#shared/model/crm-data.schema.js';
import { describeSchemaIssue } from '#shared/util/describe-schema-issue.js';

/** The one line the CLI prints for a refused CRM.json, or the data. */
function read(raw: unknown): unknown {
  const parsed = crmDataSchema.safeParse(raw);
  return parsed.success ? parsed.data : describeSchemaIssue(parsed.error, 'CRM data');
}

describe('crmDataSchema', () => {
  it('keeps absent keys absent, so an upsert leaves what CRM.json does not mention', () => {
    expect(read({ users: [{ id: 1, email: 'ann@corp.example' }], settings: { requireToken: true } })).toEqual(
      {
        users: [{ id: 1, email: 'ann@corp.example' }],
        settings: { requireToken: true },
      },
    );
  });

  it('reads authServId trimmed or null, a numeric deal id as a string, and a missing deal contact list as empty', () => {
    expect(
      read({
        users: [],
        settings: { authServId: ' mx.corp.example ' },
        deals: [{ id: 7, name: 'R', stage: 'won', createdAt: '2026-01-01T00:00:00Z' }],
      }),
    ).toEqual({
      users: [],
      settings: { authServId: 'mx.corp.example' },
      deals: [{ id: '7', name: 'R', stage: 'won', createdAt: '2026-01-01T00:00:00.000Z', contacts: [] }],
    });
    expect(read({ users: [], settings: { authServId: null } })).toEqual({
      users: [],
      settings: { authServId: null },
    });
  });

  it.each([
    [
      'a mistyped key, before the other problems of the file',
      { users: 'x', setings: {} },
      'setings: unknown field',
    ],
    [
      'an empty authServId',
      { users: [], settings: { authServId: '  ' } },
      'settings.authServId: expected a non-empty string or null',
    ],
    [
      'a dealSort it does not know',
      { users: [], settings: { dealSort: 'amount' } },
      "settings.dealSort: expected 'createdAt'",
    ],
    [
      'a negative deals per contact',
      { users: [], settings: { dealsPerContact: -1 } },
      'settings.dealsPerContact: expected a whole number ≥ 0',
    ],
    [
      'an empty deal id',
      { users: [], deals: [{ id: ' ', name: 'R', stage: 'open', createdAt: '2026-01-01' }] },
      'deals[0].id: expected a non-empty id',
    ],
    [
      'a company twice',
      { users: [], companies: [{ domain: 'acme.example' }, { domain: 'ACME.example' }] },
      'companies[1].domain: acme.example is already used by companies[0]',
    ],
    [
      'a contact company that is no domain',
      { users: [], contacts: [{ email: 'b@acme.example', company: 'acme' }] },
      'contacts[0].company: not a domain',
    ],
  ])('refuses %s, naming the field', (_what, raw, message) => {
    expect(read(raw)).toBe(message);
  });
});
