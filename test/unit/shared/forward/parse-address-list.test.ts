import { describe, expect, it } from 'vitest';
import { parseAddressList, parseSender } from '#shared/forward/parse-address-list.js';

describe('parseAddressList', () => {
  it('reads names with commas, quoted addresses as names, brackets, mailto and bare addresses', () => {
    expect(
      parseAddressList(
        'Smith, Bob <Bob@Acme.example>, "ann@corp.example" <ann@corp.example>; carl@acme.example, ' +
          "Dana [mailto:dana@acme.example]; 'Lee, Eve' <eve@acme.example>, Fay (fay@acme.example)",
      ),
    ).toEqual([
      { name: 'Smith, Bob', address: 'bob@acme.example' },
      { name: '', address: 'ann@corp.example' },
      { name: '', address: 'carl@acme.example' },
      { name: 'Dana', address: 'dana@acme.example' },
      { name: 'Lee, Eve', address: 'eve@acme.example' },
      { name: 'Fay', address: 'fay@acme.example' },
    ]);
  });

  it("cleans Outlook's pasted mailto links and 'on behalf of' tails", () => {
    expect(
      parseAddressList(
        'Bob<mailto:bob@acme.example> <bob@acme.example<mailto:bob@acme.example>> on behalf of x@y.example',
      ),
    ).toEqual([{ name: 'Bob', address: 'bob@acme.example' }]);
  });

  it('F6: gives name-only entries when no address is written (Exchange)', () => {
    expect(parseAddressList('Bob Smith; Ann Lee')).toEqual([
      { name: 'Bob Smith', address: null },
      { name: 'Ann Lee', address: null },
    ]);
    expect(parseSender('Bob Smith')).toEqual({ name: 'Bob Smith', address: null });
    expect(parseSender('')).toBeNull();
  });
});
