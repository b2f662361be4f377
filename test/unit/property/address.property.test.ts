import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isNeverLog } from '#shared/address/is-never-log.js';
import { normalizeAddress } from '#shared/address/normalize-address.js';
import { readStrictMailboxes } from '#shared/address/read-strict-mailboxes.js';

/** properties of address normalisation and never-log matching, over arbitrary and shaped input. */

const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/);
const domain = fc.array(label, { minLength: 2, maxLength: 4 }).map((labels) => labels.join('.'));
const local = fc.stringMatching(/^[a-z0-9]([a-z0-9._+-]{0,15}[a-z0-9])?$/).filter((l) => !l.includes('..'));
const address = fc.tuple(local, domain).map(([l, d]) => `${l}@${d}`);
/** Upper-cases some letters, as people and mail clients do. */
const recased = (s: string) =>
  fc
    .array(fc.boolean(), { minLength: s.length, maxLength: s.length })
    .map((up) => Array.from(s, (c, i) => (up[i] ? c.toUpperCase() : c)).join(''));
const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }));
const noise = fc.oneof(
  anyText,
  address,
  fc.constantFrom('<', '>', '@', '"', '(', ')', ',', ';', ':', '\\', '＠', ' '),
);
const addressish = fc.array(noise, { maxLength: 8 }).map((parts) => parts.join(''));

describe('normalizeAddress (properties)', () => {
  it('never throws, and what it returns is lower-case, trimmed, with one @ (outside a quoted local part) between two non-empty parts', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, addressish), (raw) => {
        const n = normalizeAddress(raw);
        if (n !== null) {
          expect(n).toBe(n.toLowerCase());
          expect(n).toBe(n.trim());
          const unquoted = n.replace(/^"(?:[^"\\]|\\.)*"(?=@)/, 'q');
          expect(unquoted.split('@')).toHaveLength(2);
          expect(unquoted.split('@').every((part) => part !== '')).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, addressish, address), (raw) => {
        const n = normalizeAddress(raw);
        if (n !== null) {
          expect(normalizeAddress(n)).toBe(n);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('reads the same key from any spelling: case, display name, angle brackets, comment, mailto:', () => {
    fc.assert(
      fc.property(address, fc.string(), (a, name) =>
        fc.assert(
          fc.property(recased(a), (spelled) => {
            const safeName = name.replace(/[<>()"\\]/g, '');
            for (const form of [
              spelled,
              `<${spelled}>`,
              `"${safeName}" <${spelled}>`,
              `${spelled} (${safeName})`,
              `mailto:${spelled}`,
            ]) {
              expect(normalizeAddress(form)).toBe(a);
            }
          }),
          { numRuns: 3 },
        ),
      ),
      { numRuns: 300 },
    );
  });
});

describe('isNeverLog (properties)', () => {
  it('never throws on arbitrary addresses and entries', () => {
    fc.assert(
      fc.property(addressish, fc.array(addressish, { maxLength: 5 }), (a, entries) => {
        expect(typeof isNeverLog(a, entries)).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });

  it('*.d matches every sub-domain of d and never d itself; d and *@d match d only', () => {
    fc.assert(
      fc.property(local, domain, label, (l, d, sub) => {
        expect(isNeverLog(`${l}@${d}`, [`*.${d}`])).toBe(false);
        expect(isNeverLog(`${l}@${sub}.${d}`, [`*.${d}`])).toBe(true);
        expect(isNeverLog(`${l}@${d}`, [d])).toBe(true);
        expect(isNeverLog(`${l}@${d}`, [`*@${d}`])).toBe(true);
        expect(isNeverLog(`${l}@${sub}.${d}`, [d])).toBe(false);
        expect(isNeverLog(`${l}@${sub}.${d}`, [`*@${d}`])).toBe(false);
        // A domain that merely ends with d's text is another domain.
        expect(isNeverLog(`${l}@${sub}${d}`, [`*.${d}`, d])).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('ignores case on both sides', () => {
    fc.assert(
      fc.property(address, domain, (a, d) =>
        fc.assert(
          fc.property(recased(a), recased(d), recased(a), (spelled, entryDomain, entryAddress) => {
            expect(isNeverLog(spelled, [entryAddress])).toBe(true);
            const at = a.slice(a.indexOf('@') + 1);
            expect(isNeverLog(spelled, [entryDomain])).toBe(at === d);
          }),
          { numRuns: 3 },
        ),
      ),
      { numRuns: 300 },
    );
  });
});

describe('readStrictMailboxes (properties)', () => {
  it('never throws, and reads back every well-formed mailbox list exactly', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, addressish), (raw) => {
        const read = readStrictMailboxes(raw);
        expect(read === null || Array.isArray(read)).toBe(true);
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(address, fc.stringMatching(/^[A-Za-z ]{0,12}$/)), { minLength: 1, maxLength: 4 }),
        (list) => {
          const header = list.map(([a, name]) => (name.trim() === '' ? a : `"${name}" <${a}>`)).join(', ');
          expect(readStrictMailboxes(header)).toEqual(list.map(([a]) => a));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
