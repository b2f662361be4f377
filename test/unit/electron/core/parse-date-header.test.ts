import { describe, expect, it } from 'vitest';
import { parseDateHeader } from '../../../../electron/core/parse-date-header.js';

/** F2 reads a forwarded block's zone-less date in the zone of the forward's own Date header. */
describe('parseDateHeader', () => {
  const cases: ReadonlyArray<{
    rule: string;
    raw: string | null;
    date: string | null;
    offset: number | null;
  }> = [
    {
      rule: 'reads a numeric zone east of UTC',
      raw: 'Tue, 01 Jul 2025 10:00:00 +0900',
      date: '2025-07-01T01:00:00.000Z',
      offset: 540,
    },
    {
      rule: 'reads a numeric zone west of UTC',
      raw: 'Wed, 2 Jul 2025 08:30:00 -0500',
      date: '2025-07-02T13:30:00.000Z',
      offset: -300,
    },
    {
      rule: 'reads a half-hour zone',
      raw: 'Thu, 3 Jul 2025 10:00:00 +0530',
      date: '2025-07-03T04:30:00.000Z',
      offset: 330,
    },
    {
      rule: 'ignores a comment after the zone',
      raw: 'Tue, 01 Jul 2025 10:00:00 +0900 (JST)',
      date: '2025-07-01T01:00:00.000Z',
      offset: 540,
    },
    {
      rule: 'reads GMT as 0',
      raw: 'Wed, 9 Jul 2025 06:00:00 GMT',
      date: '2025-07-09T06:00:00.000Z',
      offset: 0,
    },
    { rule: 'reads UT as 0', raw: '9 Jul 2025 06:00 UT', date: '2025-07-09T06:00:00.000Z', offset: 0 },
    { rule: 'reads Z as 0', raw: '9 Jul 2025 06:00:00 Z', date: '2025-07-09T06:00:00.000Z', offset: 0 },
    {
      rule: 'reads obsolete EST',
      raw: 'Mon, 07 Jul 2025 14:20:00 EST',
      date: '2025-07-07T19:20:00.000Z',
      offset: -300,
    },
    {
      rule: 'reads obsolete PDT',
      raw: 'Mon, 07 Jul 2025 14:20:00 PDT',
      date: '2025-07-07T21:20:00.000Z',
      offset: -420,
    },
    {
      rule: 'reads the common non-standard JST',
      raw: 'Mon, 07 Jul 2025 09:00:00 JST',
      date: '2025-07-07T00:00:00.000Z',
      offset: 540,
    },
    {
      rule: 'reads -0000 (UTC, local zone unknown) as 0',
      raw: 'Mon, 07 Jul 2025 09:00:00 -0000',
      date: '2025-07-07T09:00:00.000Z',
      offset: 0,
    },
    {
      rule: 'reads a missing zone as UTC with no offset',
      raw: 'Mon, 07 Jul 2025 09:00:00',
      date: '2025-07-07T09:00:00.000Z',
      offset: null,
    },
    {
      rule: 'reads an unknown zone name as UTC with no offset',
      raw: 'Mon, 07 Jul 2025 09:00:00 XYZT',
      date: '2025-07-07T09:00:00.000Z',
      offset: null,
    },
    {
      rule: 'reads a two-digit year below 50 as 20xx',
      raw: 'Fri, 4 Jul 25 09:00:00 +0000',
      date: '2025-07-04T09:00:00.000Z',
      offset: 0,
    },
    {
      rule: 'reads a two-digit year from 50 as 19xx',
      raw: '4 Jul 99 09:00:00 +0000',
      date: '1999-07-04T09:00:00.000Z',
      offset: 0,
    },
    {
      rule: 'accepts no seconds and a missing day of week',
      raw: '4 Jul 2025 09:05 +0100',
      date: '2025-07-04T08:05:00.000Z',
      offset: 60,
    },
    {
      rule: 'reads an ISO-8601 date as some mailers write it',
      raw: '2025-07-01T10:00:00+09:00',
      date: '2025-07-01T01:00:00.000Z',
      offset: 540,
    },
    { rule: 'reads garbage as null', raw: 'garbage', date: null, offset: null },
    { rule: 'reads an impossible day as null', raw: '31 Feb 2025 10:00:00 +0000', date: null, offset: null },
    { rule: 'reads a missing header as null', raw: null, date: null, offset: null },
  ];

  it.each(cases)('$rule', ({ raw, date, offset }) => {
    expect(parseDateHeader(raw)).toEqual({ date, offsetMinutes: offset });
  });
});
