import { describe, expect, it } from 'vitest';
import { extractForwardedBlock } from '#shared/forward/extract-forwarded-block.js';
import { readClassCases } from '../../../fixtures/forward-classes/read-cases.js';

// Our own corpus of forwarded-mail classes, the one `npm run score:forward` scores per class.
const cases = readClassCases();

describe('extractForwardedBlock over our own forwarded-mail classes (F2)', () => {
  it('has cases in every class', () => {
    expect(new Set(cases.map((c) => c.class))).toEqual(
      new Set(['chains', 'folded', 'conversation', 'fallbacks', 'labels', 'dates']),
    );
  });

  it.each(cases.map((c) => [`${c.class}: ${c.id}`, c] as const))('F2: %s', (_name, c) => {
    const block = extractForwardedBlock({
      text: c.text.join('\n'),
      html: null,
      subject: c.subject,
      dateOffsetMinutes: c.dateOffsetMinutes,
      forwardDate: c.forwardDate ?? null,
    });
    const e = c.expected;
    expect(block).not.toBeNull();
    expect({
      from: e.from === undefined ? undefined : block?.from.address,
      subject: e.subject === undefined ? undefined : block?.subject,
      date: e.date === undefined ? undefined : block?.date,
      cc: e.cc === undefined ? undefined : block?.cc.map((m) => m.address),
      note: e.note === undefined ? undefined : block?.note,
      client: e.client === undefined ? undefined : block?.client,
    }).toEqual({ ...e, client: e.client === null ? 'generic' : e.client });
  });
});
