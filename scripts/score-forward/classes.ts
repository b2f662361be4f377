import { extractForwardedBlock } from '#shared/forward/extract-forwarded-block.js';
import { readClassCases } from '../../test/fixtures/forward-classes/read-cases.js';
import { tally, type Tally } from './extracted.js';

// Our own classes (docs/rules.md F2): one tally per class of test/fixtures/forward-classes.

export function scoreClasses(): Map<string, Tally> {
  const cases = readClassCases();
  const byClass = new Map<string, Tally>();
  for (const c of cases) {
    const input = {
      text: c.text.join('\n'),
      html: null,
      subject: c.subject,
      dateOffsetMinutes: c.dateOffsetMinutes,
      forwardDate: c.forwardDate ?? null,
    };
    const block = extractForwardedBlock(input);
    const e = c.expected;
    const wrong: string[] = [];
    if (block === null) {
      wrong.push('forwarded=false');
    } else {
      const checks: Array<[string, boolean, unknown]> = [
        ['from', e.from === undefined || block.from.address === e.from, block.from.address],
        ['subject', e.subject === undefined || block.subject === e.subject, block.subject],
        ['date', e.date === undefined || block.date === e.date, block.date],
        [
          'cc',
          e.cc === undefined || JSON.stringify(block.cc.map((m) => m.address)) === JSON.stringify(e.cc),
          block.cc.map((m) => m.address),
        ],
        ['note', e.note === undefined || block.note === e.note, block.note],
        ['client', e.client === undefined || block.client === (e.client ?? 'generic'), block.client],
      ];
      wrong.push(
        ...checks.filter(([, ok]) => !ok).map(([field, , got]) => `${field}: ${JSON.stringify(got)}`),
      );
    }
    const t = byClass.get(c.class) ?? tally();
    byClass.set(c.class, t);
    t.total++;
    if (wrong.length === 0) {
      t.pass++;
    } else {
      t.failures.push(`${c.id}: ${wrong.join(' | ')}`);
    }
  }
  return byClass;
}
