import { describe, expect, it } from 'vitest';
import { isStrictlyAgreed } from '../../../../electron/core/is-strictly-agreed.js';

describe('isStrictlyAgreed', () => {
  it('B1: agrees when the strict reading finds the same addresses', () => {
    expect(isStrictlyAgreed(['Ann <Ann@Corp.example>'], [{ name: 'Ann', address: 'ann@corp.example' }])).toBe(
      true,
    );
  });

  it('B1: refuses a From the strict reader cannot read, or that reads differently', () => {
    expect(
      isStrictlyAgreed(['ann@corp.example(x)evil.example'], [{ name: '', address: 'ann@corp.example' }]),
    ).toBe(false);
    expect(isStrictlyAgreed(['ann@corp.example'], [{ name: '', address: 'bob@corp.example' }])).toBe(false);
    expect(isStrictlyAgreed(['ann@corp.example'], [])).toBe(false);
  });
});
