import { describe, expect, it } from 'vitest';
import { isNeverLog } from '#shared/address/is-never-log.js';

/** docs/rules.md#words "Never-log list". */
describe('isNeverLog', () => {
  const cases: ReadonlyArray<{
    rule: string;
    address: string;
    entries: ReadonlyArray<string>;
    want: boolean;
  }> = [
    {
      rule: 'an address entry matches that address',
      address: 'ann@x.example',
      entries: ['ann@x.example'],
      want: true,
    },
    {
      rule: 'an address entry does not match another address of the domain',
      address: 'bob@x.example',
      entries: ['ann@x.example'],
      want: false,
    },
    {
      rule: 'an address entry matches whatever the case',
      address: 'ANN@X.Example',
      entries: ['Ann@x.EXAMPLE'],
      want: true,
    },
    {
      rule: 'a domain entry matches the domain',
      address: 'bob@x.example',
      entries: ['x.example'],
      want: true,
    },
    {
      rule: 'a domain entry matches whatever the case',
      address: 'Bob@X.EXAMPLE',
      entries: ['X.Example'],
      want: true,
    },
    {
      rule: 'a domain entry does not match a sub-domain',
      address: 'bob@eu.x.example',
      entries: ['x.example'],
      want: false,
    },
    {
      rule: 'a domain entry does not match a domain that merely ends with it',
      address: 'bob@notx.example',
      entries: ['x.example'],
      want: false,
    },
    {
      rule: 'a domain entry does not match a local part equal to it',
      address: 'x.example@other.example',
      entries: ['x.example'],
      want: false,
    },
    { rule: '*@domain matches the domain', address: 'bob@x.example', entries: ['*@x.example'], want: true },
    {
      rule: '*@domain matches whatever the case',
      address: 'bob@x.example',
      entries: ['*@X.EXAMPLE'],
      want: true,
    },
    {
      rule: '*@domain does not match a sub-domain',
      address: 'bob@eu.x.example',
      entries: ['*@x.example'],
      want: false,
    },
    {
      rule: '*.domain matches a sub-domain',
      address: 'bob@eu.x.example',
      entries: ['*.x.example'],
      want: true,
    },
    {
      rule: '*.domain matches a deeper sub-domain',
      address: 'bob@a.eu.x.example',
      entries: ['*.x.example'],
      want: true,
    },
    {
      rule: '*.domain matches whatever the case',
      address: 'bob@EU.X.example',
      entries: ['*.X.EXAMPLE'],
      want: true,
    },
    {
      rule: '*.domain does not match the domain itself',
      address: 'bob@x.example',
      entries: ['*.x.example'],
      want: false,
    },
    {
      rule: '*.domain does not match a domain that merely ends with it',
      address: 'bob@notx.example',
      entries: ['*.x.example'],
      want: false,
    },
    { rule: 'an empty list matches nothing', address: 'bob@x.example', entries: [], want: false },
    {
      rule: 'any matching entry of several is enough',
      address: 'bob@y.example',
      entries: ['ann@x.example', 'z.example', 'y.example'],
      want: true,
    },
    {
      rule: 'no entry of several matches',
      address: 'bob@y.example',
      entries: ['ann@x.example', '*.y.example', 'bob@z.example'],
      want: false,
    },
  ];

  it.each(cases)('§0: $rule', ({ address, entries, want }) => {
    expect(isNeverLog(address, entries)).toBe(want);
  });

  it("§0: a user's personal list is matched like the account list, together with it", () => {
    const account = ['competitor.example'];
    const annPersonal = ['friend@home.example', '*.family.example'];
    expect(isNeverLog('friend@home.example', [...account, ...annPersonal])).toBe(true);
    expect(isNeverLog('mum@uk.family.example', [...account, ...annPersonal])).toBe(true);
    expect(isNeverLog('spy@competitor.example', [...account, ...annPersonal])).toBe(true);
    // Another user's mail is checked without ann's personal list.
    expect(isNeverLog('friend@home.example', account)).toBe(false);
  });
});
