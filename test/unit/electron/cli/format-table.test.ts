import { describe, expect, it } from 'vitest';
import { formatTable } from '../../../../electron/cli/format-table.js';

describe('formatTable', () => {
  it('pads each column to its widest cell, with a rule under the header and no trailing spaces', () => {
    expect(
      formatTable(
        ['id', 'email'],
        [
          ['1', 'ann@corp.example'],
          ['12', 'b@x.example'],
        ],
      ).split('\n'),
    ).toEqual(['id  email', '--  ----------------', '1   ann@corp.example', '12  b@x.example']);
  });

  it('counts terminal cells, so a Japanese name (two cells a character) keeps the next column in line', () => {
    const lines = formatTable(
      ['name', 'locale'],
      [
        ['佐藤 花子', 'ja'],
        ['Ann Smith', 'en'],
      ],
    ).split('\n');
    expect(lines).toEqual(['name       locale', '---------  ------', '佐藤 花子  ja', 'Ann Smith  en']);
  });

  it('prints the header alone when there are no rows', () => {
    expect(formatTable(['entry', 'applies to'], [])).toBe('entry  applies to\n-----  ----------');
  });
});
