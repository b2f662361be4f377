import { describe, expect, it } from 'vitest';
import { parseForwardDate } from '#shared/forward/parse-forward-date.js';

describe('parseForwardDate', () => {
  const cases: Array<[string, number | null, string | null]> = [
    ['Wed, Oct 27, 2021 at 9:31 AM', 60, '2021-10-27T08:31:00.000Z'],
    ['Wed, Oct 27, 2021 at 9:31 PM', 0, '2021-10-27T21:31:00.000Z'],
    ['25 October 2021 at 11:17:21 EEST', null, '2021-10-25T08:17:21.000Z'],
    ['Wed, 3 Nov 2021 15:51:30 +0100', -300, '2021-11-03T14:51:30.000Z'],
    ['Tuesday, November 2, 2021, 09:26:50 AM GMT+1', null, '2021-11-02T08:26:50.000Z'],
    ['26. Oktober 2021 um 14:25:08 OESZ', null, '2021-10-26T11:25:08.000Z'],
    ['mer. 27 oct. 2021 à 09:31', 120, '2021-10-27T07:31:00.000Z'],
    ['jueves, 28 de octubre de 2021, 12:46', 0, '2021-10-28T12:46:00.000Z'],
    ['26. října 2021 14:25:08 GMT+3', null, '2021-10-26T11:25:08.000Z'],
    ['wtorek, 2 listopada 2021, 09:26:50 CET', null, '2021-11-02T08:26:50.000Z'],
    ['ср, 27 окт. 2021 г. в 09:31', 180, '2021-10-27T06:31:00.000Z'],
    ['2021. október 26. 14:25:08 EEST', null, '2021-10-26T11:25:08.000Z'],
    ['26. lokakuuta 2021 klo 14.25.08 UTC+3', null, '2021-10-26T11:25:08.000Z'],
    ['27 Eki 2021 Çar, 09:31', 180, '2021-10-27T06:31:00.000Z'],
    ['2026年1月2日 15:04', 540, '2026-01-02T06:04:00.000Z'],
    ['2026年1月2日金曜日 午後3:04', 540, '2026-01-02T06:04:00.000Z'],
    ['2022年9月19日月曜日 17:55:44 -0400', null, '2022-09-19T21:55:44.000Z'],
    ['28/10/2021 12:46', 60, '2021-10-28T11:46:00.000Z'],
    ['28/10/21, 12:46', 0, '2021-10-28T12:46:00.000Z'],
    ['02/10/2023 4:52 PM EST', null, '2023-02-10T21:52:00.000Z'],
    ['03.03.2026 16:05', 60, '2026-03-03T15:05:00.000Z'],
    ['not a date', 0, null],
    ['31/02/2026 10:00', 0, null],
  ];
  it.each(cases)('F2: reads %j (forward zone %s) as %s', (text, offset, expected) => {
    expect(parseForwardDate(text, offset)).toBe(expected);
  });
});

describe('parseForwardDate: the block language and the forward date', () => {
  it.each<[string, string | null, string]>([
    ['5. listopada 2026. 9:12', 'hr', '2026-10-05T09:12:00.000Z'],
    ['pon, 5. lis 2026. u 09:12', 'hr', '2026-10-05T09:12:00.000Z'],
    ['15. srpnja 2026. u 10:00', 'hr', '2026-07-15T10:00:00.000Z'],
    ['5. listopadu 2026 9:12', 'cs', '2026-11-05T09:12:00.000Z'],
    ['15. srpna 2026 v 10:00', 'cs', '2026-08-15T10:00:00.000Z'],
    ['czw., 5 lis 2026 o 09:12', 'pl', '2026-11-05T09:12:00.000Z'],
    ['5 listopada 2026 09:12', null, '2026-11-05T09:12:00.000Z'],
  ])('F2: reads %j in language %s as %s', (text, language, expected) => {
    expect(parseForwardDate(text, 0, { language })).toBe(expected);
  });

  it('F2: reads 02/10 so that the original is not newer than its forward, day first when both fit', () => {
    expect(parseForwardDate('02/10/2026 09:12', 0, { reference: '2026-02-11T09:00:00.000Z' })).toBe(
      '2026-02-10T09:12:00.000Z',
    );
    expect(parseForwardDate('02/10/2026 09:12', 0, { reference: '2026-10-03T09:00:00.000Z' })).toBe(
      '2026-10-02T09:12:00.000Z',
    );
    expect(parseForwardDate('02/10/2026 09:12', 0)).toBe('2026-10-02T09:12:00.000Z');
    // 12-hour time is the US locale: month first, kept when the forward came later.
    expect(parseForwardDate('02/10/2026 9:12 AM', 0, { reference: '2026-10-03T09:00:00.000Z' })).toBe(
      '2026-02-10T09:12:00.000Z',
    );
    // Neither reading is older than the forward: the locale's reading stands.
    expect(parseForwardDate('02/10/2026 09:12', 0, { reference: '2026-01-01T00:00:00.000Z' })).toBe(
      '2026-10-02T09:12:00.000Z',
    );
  });
});
