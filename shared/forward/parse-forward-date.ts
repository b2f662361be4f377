import { monthOfWord } from './month-names.js';

/** Zone abbreviations seen in forwarded headers, in minutes east of UTC. */
const zoneAbbreviations: { readonly [abbreviation: string]: number } = {
  UTC: 0,
  GMT: 0,
  UT: 0,
  Z: 0,
  WET: 0,
  BST: 60,
  IST: 330,
  CET: 60,
  MEZ: 60,
  CEST: 120,
  MESZ: 120,
  EET: 120,
  OEZ: 120,
  EEST: 180,
  OESZ: 180,
  MSK: 180,
  SEČ: 60,
  SELČ: 120,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  AKST: -540,
  AKDT: -480,
  HST: -600,
  JST: 540,
  KST: 540,
  AEST: 600,
  AEDT: 660,
  NZST: 720,
  NZDT: 780,
  SGT: 480,
  HKT: 480,
};

/** What the forward itself says about how to read a date in its block. */
export type DateContext = {
  /** The block's language (labels, date line), when one is told apart: settles month names languages share. */
  readonly language?: string | null;
  /** The forward's own Date (ISO-8601): the original cannot be newer, which settles `02/10` either way. */
  readonly reference?: string | null;
};

/** A forward's own Date may run a little behind the original's (clock skew, a zone misread): this much is allowed. */
const referenceSlackMs = 12 * 60 * 60 * 1000;

/**
 * Reads a date as written in a forwarded header or attribution into an ISO-8601 UTC instant (F2). Handles
 * English and other-language month names (in the block's language first, `context.language`), numeric dates,
 * Japanese `2026年1月2日` forms, 12- and 24-hour times (`9:31 AM`, `14.25.08`, `午後3:05`) and zones written as
 * offsets (`+0100`, `GMT+3`, `UTC+02:00`) or abbreviations (`CEST`). A numeric date that reads both ways
 * (`02/10/2026`) is read day first unless the time is 12-hour (the US locale); when that reading would be newer
 * than the forward's own Date (`context.reference`) and the other would not, the other is taken. A date written
 * without a zone is read in `defaultOffsetMinutes` (the forward's own zone), or in UTC when that is unknown. Null
 * when unreadable.
 */
export function parseForwardDate(
  text: string,
  defaultOffsetMinutes: number | null,
  context: DateContext = {},
): string | null {
  let s = text
    .normalize('NFC')
    .replace(/[\u200e\u200f\u202f]/g, ' ')
    // One space between words: the patterns below start with or chain `\s*`, quadratic on a long blank run (C7).
    // Only runs and other blanks are replaced, so that a text already spaced is not rebuilt piece by piece.
    .replace(/\s{2,}|[^\S ]/g, ' ')
    .trim();
  const ymd = readDayMonthYear(s, context.language ?? null);
  if (ymd === null) {
    return null;
  }
  s = s.slice(0, ymd.index) + ' ' + s.slice(ymd.index + ymd.length);
  const read = instantOf(ymd, s, defaultOffsetMinutes);
  const reference = context.reference == null ? Number.NaN : Date.parse(context.reference);
  if (ymd.swapped !== undefined && !Number.isNaN(reference)) {
    const other = instantOf({ ...ymd, ...ymd.swapped }, s, defaultOffsetMinutes);
    const tooNew = (iso: string | null): boolean =>
      iso !== null && Date.parse(iso) > reference + referenceSlackMs;
    if (tooNew(read) && other !== null && !tooNew(other)) {
      return other;
    }
  }
  return read;
}

/** The instant of a day read out of `s` (the date's text with the day taken out): its time and zone. */
function instantOf(ymd: DayMonthYear, s: string, defaultOffsetMinutes: number | null): string | null {
  const time = readTime(s);
  const offset =
    time?.offset ??
    readZone(time === null ? s : s.slice(time.index + time.length)) ??
    defaultOffsetMinutes ??
    0;
  const { year, month, day } = ymd;
  if (month < 0 || month > 11 || day < 1 || day > 31) {
    return null;
  }
  const utc =
    Date.UTC(year, month, day, time?.hours ?? 0, time?.minutes ?? 0, time?.seconds ?? 0) - offset * 60_000;
  const check = new Date(Date.UTC(year, month, day));
  if (check.getUTCMonth() !== month || Number.isNaN(utc)) {
    return null;
  }
  return new Date(utc).toISOString();
}

type DayMonthYear = {
  year: number;
  month: number;
  day: number;
  index: number;
  length: number;
  /** A numeric date that reads both ways: the other reading. */
  swapped?: { month: number; day: number };
};

function readDayMonthYear(s: string, language: string | null): DayMonthYear | null {
  const japanese = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/.exec(s);
  if (japanese !== null) {
    return at(japanese, Number(japanese[1]), Number(japanese[2]) - 1, Number(japanese[3]));
  }
  const iso = /\b(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (iso !== null) {
    return at(iso, Number(iso[1]), Number(iso[2]) - 1, Number(iso[3]));
  }
  const hungarian = /\b(\d{4})\.\s*(\d{1,2})\.\s*(\d{1,2})\./.exec(s);
  if (hungarian !== null) {
    return at(hungarian, Number(hungarian[1]), Number(hungarian[2]) - 1, Number(hungarian[3]));
  }
  const numeric = /\b(\d{1,2})\s*([./-])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})\b/.exec(s);
  const a = Number(numeric?.[1]);
  const b = Number(numeric?.[3]);
  // "klo 14.25.08" is a time: a numeric date needs a day or month that can be a month.
  if (numeric !== null && (a <= 12 || b <= 12)) {
    const year = normalizeYear(Number(numeric[4]));
    const usOrder = b > 12 || (a <= 12 && numeric[2] === '/' && /\b[ap]\.?m\b/i.test(s));
    const read = usOrder ? at(numeric, year, a - 1, b) : at(numeric, year, b - 1, a);
    return a <= 12 && b <= 12 && a !== b
      ? { ...read, swapped: { month: read.day - 1, day: read.month + 1 } }
      : read;
  }
  return readWordDate(s, language);
}

/** "27 Oct 2021", "Oct 27, 2021", "2021. október 26.", "26. října 2021": the month word nearest to the year. */
function readWordDate(s: string, language: string | null): DayMonthYear | null {
  const yearMatch = /(?<!\d)(19\d{2}|20\d{2})(?!\d)/.exec(s);
  if (yearMatch === null) {
    return null;
  }
  const year = Number(yearMatch[1]);
  let best: { month: number; index: number; length: number; distance: number } | null = null;
  for (const word of s.matchAll(/\p{L}[\p{L}.]*/gu)) {
    const month = monthOfWord(word[0], language);
    if (month === null || word.index === undefined) {
      continue;
    }
    const distance = Math.abs(word.index - yearMatch.index);
    if (best === null || distance < best.distance) {
      best = { month, index: word.index, length: word[0].length, distance };
    }
  }
  if (best === null) {
    return null;
  }
  const around = s.slice(Math.max(0, best.index - 8), best.index + best.length + 8);
  const day = /(?<![\d:.])(\d{1,2})(?![\d:])\.?/.exec(around.replace(String(year), ' '));
  if (day === null) {
    return null;
  }
  const start = Math.min(best.index, yearMatch.index);
  const end = Math.max(best.index + best.length, yearMatch.index + 4);
  return { year, month: best.month, day: Number(day[1]), index: start, length: end - start };
}

type Time = {
  hours: number;
  minutes: number;
  seconds: number;
  offset: number | null;
  index: number;
  length: number;
};

function readTime(s: string): Time | null {
  const match =
    /(午前|午後)?\s*(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:\s*(a\.?\s?m\.?|p\.?\s?m\.?)(?![\p{L}]))?(?:\s*(?:uhr|h))?(?:\s*(?:GMT|UTC)?\s*([+-]\d{1,2}(?::?\d{2})?))?/iu.exec(
      s,
    );
  if (match === null || match.index === undefined) {
    return null;
  }
  let hours = Number(match[2]);
  const meridiem =
    match[5]?.toLowerCase().replace(/[.\s]/g, '') ??
    (match[1] === '午後' ? 'pm' : match[1] === '午前' ? 'am' : '');
  if (meridiem === 'pm' && hours < 12) {
    hours += 12;
  } else if (meridiem === 'am' && hours === 12) {
    hours = 0;
  }
  const offset = match[6] !== undefined ? offsetMinutes(match[6]) : null;
  return {
    hours,
    minutes: Number(match[3]),
    seconds: Number(match[4] ?? 0),
    offset,
    index: match.index,
    length: match[0].length,
  };
}

function readZone(rest: string): number | null {
  const numeric = /(?:GMT|UTC)\s*([+-]\d{1,2}(?::?\d{2})?)|(?<![\d:])([+-]\d{4})(?!\d)/.exec(rest);
  if (numeric !== null) {
    return offsetMinutes(numeric[1] ?? numeric[2] ?? '');
  }
  for (const word of rest.matchAll(/\p{Lu}{1,5}/gu)) {
    const minutes = zoneAbbreviations[word[0]];
    if (minutes !== undefined) {
      return minutes;
    }
  }
  return null;
}

function offsetMinutes(text: string): number {
  const match = /([+-])(\d{1,2})(?::?(\d{2}))?/.exec(text);
  if (match === null) {
    return 0;
  }
  const sign = match[1] === '-' ? -1 : 1;
  return sign * (Number(match[2]) * 60 + Number(match[3] ?? 0));
}

function normalizeYear(year: number): number {
  return year < 100 ? 2000 + year : year;
}

function at(match: RegExpExecArray, year: number, month: number, day: number): DayMonthYear {
  return { year, month, day, index: match.index, length: match[0].length };
}
