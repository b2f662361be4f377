import { describe, expect, it } from 'vitest';
import { boundedMemo } from '#shared/util/bounded-memo.js';

describe('boundedMemo', () => {
  it('computes each recent key once, evicts the least recently used, and never keeps a long key', () => {
    const computed: string[] = [];
    const upper = boundedMemo(
      (key: string) => {
        computed.push(key);
        return key.toUpperCase();
      },
      { maxEntries: 2, maxKeyLength: 5 },
    );
    expect([upper('a'), upper('b'), upper('a')]).toEqual(['A', 'B', 'A']);
    expect(computed).toEqual(['a', 'b']);
    upper('c'); // evicts b, the least recently used
    expect([upper('a'), upper('b')]).toEqual(['A', 'B']);
    expect(computed).toEqual(['a', 'b', 'c', 'b']);
    expect([upper('longer'), upper('longer')]).toEqual(['LONGER', 'LONGER']);
    expect(computed.filter((k) => k === 'longer')).toHaveLength(2);
  });
});
