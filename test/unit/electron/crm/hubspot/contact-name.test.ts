import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinContactName, splitContactName } from '../../../../../electron/crm/hubspot/contact-name.js';

describe('splitContactName', () => {
  it.each([
    ['Bob Martin', { firstname: 'Bob', lastname: 'Martin' }],
    ['Mary Ann Smith', { firstname: 'Mary Ann', lastname: 'Smith' }],
    ['Bob', { firstname: 'Bob', lastname: '' }],
    ['Martin, Bob', { firstname: 'Bob', lastname: 'Martin' }],
    ['"Bob Martin"', { firstname: 'Bob', lastname: 'Martin' }],
    ['  Bob   Martin ', { firstname: 'Bob', lastname: 'Martin' }],
    ['山田 太郎', { firstname: '太郎', lastname: '山田' }],
    ['山田\u3000太郎', { firstname: '太郎', lastname: '山田' }],
    ['山田太郎', { firstname: '', lastname: '山田太郎' }],
    ['やまだ たろう', { firstname: 'たろう', lastname: 'やまだ' }],
    ['김 민준', { firstname: '민준', lastname: '김' }],
    ['', { firstname: '', lastname: '' }],
  ])('B4: splits %j family-name-first only for CJK names', (name, expected) => {
    expect(splitContactName(name)).toEqual(expected);
  });

  it('joins a split name back to the same words in the same order', () => {
    const word = fc.constantFrom('Bob', 'Martin', 'Ann', '山田', '太郎', 'たろう', 'Lee');
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 4 }), (words) => {
        const name = words.join(' ');
        expect(joinContactName(splitContactName(name))).toBe(name);
      }),
    );
  });
});
