import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeAddress } from '#shared/address/normalize-address.js';

describe('normalizeAddress', () => {
  it.each([
    {
      what: 'lower-cases the whole address',
      raw: 'Bob.Example@ACME.Example',
      want: 'bob.example@acme.example',
    },
    { what: 'trims surrounding spaces', raw: '  bob@acme.example \t', want: 'bob@acme.example' },
    {
      what: 'takes the address out of a display name',
      raw: 'Bob Example <Bob@Acme.example>',
      want: 'bob@acme.example',
    },
    {
      what: 'ignores a quoted display name with a comma and an @',
      raw: '"Example, Bob (bob@evil.example)" <bob@acme.example>',
      want: 'bob@acme.example',
    },
    { what: 'takes a bare angle-bracket address', raw: '<bob@acme.example>', want: 'bob@acme.example' },
    {
      what: 'keeps a Japanese display name out',
      raw: '山田 太郎 <taro@yamada.example>',
      want: 'taro@yamada.example',
    },
    { what: 'drops mailto:', raw: 'mailto:bob@acme.example', want: 'bob@acme.example' },
    { what: 'drops MAILTO: in any case', raw: 'MAILTO:Bob@acme.example', want: 'bob@acme.example' },
    { what: 'drops a trailing comment', raw: 'bob@acme.example (Bob Example)', want: 'bob@acme.example' },
    { what: 'drops a leading comment', raw: '(sales) bob@acme.example', want: 'bob@acme.example' },
    { what: 'drops surrounding double quotes', raw: '"bob@acme.example"', want: 'bob@acme.example' },
    { what: 'drops surrounding single quotes', raw: "'bob@acme.example'", want: 'bob@acme.example' },
    {
      what: 'unquotes a local part that needs no quotes',
      raw: '"bob"@acme.example',
      want: 'bob@acme.example',
    },
    { what: 'reads a full-width at sign', raw: 'bob＠acme.example', want: 'bob@acme.example' },
    { what: 'reads a full-width dot in the domain', raw: 'bob@acme．example', want: 'bob@acme.example' },
    { what: 'drops the trailing dot of the domain', raw: 'bob@acme.example.', want: 'bob@acme.example' },
    {
      what: 'encodes an IDN domain to punycode',
      raw: 'ann@bücher.example',
      want: 'ann@xn--bcher-kva.example',
    },
    {
      what: 'encodes an upper-case IDN domain',
      raw: 'Ann@BÜCHER.example',
      want: 'ann@xn--bcher-kva.example',
    },
    {
      what: 'keeps a punycode domain as it is',
      raw: 'ann@XN--BCHER-KVA.example',
      want: 'ann@xn--bcher-kva.example',
    },
    { what: 'encodes a Japanese IDN domain', raw: 'ann@例え.テスト', want: 'ann@xn--r8jz45g.xn--zckzah' },
    { what: 'keeps plus tags', raw: 'log+bcc.K3X9@corp.example', want: 'log+bcc.k3x9@corp.example' },
  ])('$what: $raw', ({ raw, want }) => {
    expect(normalizeAddress(raw)).toBe(want);
  });

  it('treats a decomposed and a composed IDN domain as one key', () => {
    expect(normalizeAddress('ann@bu\u0308cher.example')).toBe(normalizeAddress('ann@bücher.example'));
  });

  it.each([
    { what: 'an empty string', raw: '' },
    { what: 'spaces', raw: '   ' },
    { what: 'a word', raw: 'bob' },
    { what: 'a sentence', raw: 'not an address at all' },
    { what: 'a missing local part', raw: '@acme.example' },
    { what: 'a missing domain', raw: 'bob@' },
    { what: 'an empty pair of brackets', raw: '<>' },
    { what: 'a display name alone', raw: 'Bob Example <>' },
    { what: 'an unquoted space in the local part', raw: 'bob smith@acme.example' },
    { what: 'an empty domain label', raw: 'bob@acme..example' },
    { what: 'a domain with a space', raw: 'bob@acme example' },
    { what: 'a domain with illegal characters', raw: 'bob@acme!.example' },
    { what: 'a bare mailto:', raw: 'mailto:' },
  ])('returns null for $what', ({ raw }) => {
    expect(normalizeAddress(raw)).toBeNull();
  });

  it('is idempotent and lower-case on generated addresses', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (raw) => {
        const once = normalizeAddress(raw);
        if (once === null) {
          return true;
        }
        return normalizeAddress(once) === once && once === once.toLowerCase();
      }),
    );
  });

  it('reads an address the same with or without a display name', () => {
    fc.assert(
      fc.property(fc.emailAddress(), fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,20}$/), (raw, name) => {
        return normalizeAddress(`${name} <${raw}>`) === normalizeAddress(raw);
      }),
    );
  });

  it('answers a remembered input as the first time, no address included, and a very long one as well', () => {
    for (const raw of ['Ann <ANN@Corp.Example>', 'no address here', `${'a'.repeat(600)}@corp.example`]) {
      expect(normalizeAddress(raw)).toBe(normalizeAddress(raw));
    }
    expect([normalizeAddress('no address here'), normalizeAddress('Ann <ANN@Corp.Example>')]).toEqual([
      null,
      'ann@corp.example',
    ]);
  });
});
