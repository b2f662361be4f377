import { describe, expect, it } from 'vitest';
import { blockLanguage } from '#shared/forward/block-language.js';

describe('blockLanguage (F2: which language a forwarded block is in)', () => {
  it.each<[string, string[], string, string | null]>([
    [
      'Croatian Outlook labels',
      ['šalje', 'poslano', 'prima', 'naslov'],
      'ponedjeljak, 5. listopada 2026. 9:12',
      'hr',
    ],
    [
      'Gmail in Croatian (English labels but From)',
      ['šalje', 'date', 'subject', 'to'],
      'pon, 5. lis 2026. u 09:12',
      'hr',
    ],
    ['Czech Outlook labels', ['od', 'odesláno', 'komu', 'předmět'], 'čtvrtek 5. listopadu 2026 9:12', 'cs'],
    ['Gmail in Polish', ['od', 'date', 'subject', 'to'], 'czw., 5 lis 2026 o 09:12', 'pl'],
    ['English labels only', ['from', 'date', 'subject', 'to'], 'Tue, Mar 3, 2026 at 4:05 PM', null],
    ['a tie (Od alone)', ['od'], '5 lis 2026 09:12', null],
  ])('%s → %s', (_name, labels, date, expected) => {
    expect(blockLanguage(labels, date)).toBe(expected);
  });
});
