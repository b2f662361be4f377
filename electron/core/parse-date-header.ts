/**
 * Reads a `Date:` header value (RFC 5322 §3.3, with the obsolete forms of §4.3) into an instant and the zone
 * offset it was written in. mailparser's own Date value cannot be used: it turns an unreadable date into "now"
 * and forgets the zone, which F2 needs to read a forwarded block's zone-less date.
 */

export type DateHeader = {
  /** ISO-8601 UTC, or null when the value is not a date. */
  readonly date: string | null;
  /** Minutes east of UTC as written (`+0900` → 540), or null when no zone was written or it is unknown. */
  readonly offsetMinutes: number | null;
};

const UNREADABLE: DateHeader = { date: null, offsetMinutes: null };

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * Zone names: RFC 5322 §4.3 (UT, GMT and the North American zones), plus names that mailers commonly write
 * although no standard defines them, JST first (Japanese users are first-class).
 */
const NAMED_ZONES: Readonly<Record<string, number>> = {
  ut: 0,
  utc: 0,
  gmt: 0,
  z: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
  jst: 540,
  kst: 540,
  hkt: 480,
  sgt: 480,
  cet: 60,
  cest: 120,
  met: 60,
  mest: 120,
  eet: 120,
  eest: 180,
  wet: 0,
  west: 60,
  bst: 60,
  msk: 180,
  aest: 600,
  aedt: 660,
  nzst: 720,
  nzdt: 780,
};

const RFC5322_DATE =
  /^(?:[a-z]+\s*,?\s*)?(\d{1,2})\s*[\s-]\s*([a-z]{3,9})\.?\s*[\s-]\s*(\d{2,4})\s+(\d{1,2})\s*:\s*(\d{1,2})(?:\s*:\s*(\d{1,2})(?:\.\d+)?)?\s*(.*)$/;

/** Parses the raw (unfolded) value of a Date header. Never throws. */
export function parseDateHeader(raw: string | null): DateHeader {
  if (raw === null) {
    return UNREADABLE;
  }
  const value = stripComments(raw).replace(/\s+/g, ' ').trim().toLowerCase();
  return parseRfc5322(value) ?? parseLoosely(value);
}

/** Undefined when the value does not have the RFC 5322 shape; an impossible date in that shape is unreadable. */
function parseRfc5322(value: string): DateHeader | undefined {
  const match = RFC5322_DATE.exec(value);
  if (match === null) {
    return undefined;
  }
  const [, day, monthName, yearText, hour, minute, second, zoneText] = match;
  const month = MONTHS.indexOf((monthName ?? '').slice(0, 3));
  const zone = parseZone(zoneText ?? '');
  if (month < 0 || zone === undefined) {
    return undefined;
  }
  const year = fullYear(yearText ?? '');
  const fields = [year, month, Number(day), Number(hour), Number(minute), Number(second ?? '0')] as const;
  if (!isValidDateTime(...fields)) {
    return UNREADABLE; // 31 Feb must not roll over to 3 Mar
  }
  const local = Date.UTC(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]);
  // A missing or unknown zone reads the time as UTC (RFC 5322 §4.3 treats unknown zones as -0000).
  const instant = local - (zone ?? 0) * 60_000;
  return { date: toIso(instant), offsetMinutes: zone };
}

/** ISO-8601 and the other forms some broken mailers write, as far as the JavaScript date parser reads them. */
function parseLoosely(value: string): DateHeader {
  const zoneText = /(?:^|[\s\d])(z|[+-]\d{2}:?\d{2}|[a-z]{2,5})$/.exec(value)?.[1];
  const zone = zoneText === undefined ? null : (parseZone(zoneText) ?? null);
  const local = zone === null ? value : value.slice(0, value.length - (zoneText ?? '').length).trim();
  // The time is read as UTC and the written zone applied here: left to itself, the JavaScript parser would
  // use the machine's own zone for a zone-less time, and it does not know names such as JST.
  const utc = [`${local} gmt`, `${local}z`]
    .map((text) => Date.parse(text))
    .find((time) => !Number.isNaN(time));
  if (utc === undefined) {
    return UNREADABLE;
  }
  return { date: toIso(utc - (zone ?? 0) * 60_000), offsetMinutes: zone };
}

/**
 * `+0900` → 540, `GMT` → 0, empty → null (no zone written), an unknown name → null; undefined when the text
 * is not a zone at all (the value is then not an RFC 5322 date).
 */
function parseZone(text: string): number | null | undefined {
  const zone = text.trim();
  if (zone === '') {
    return null;
  }
  const numeric = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (numeric !== null) {
    const [, sign, hours, minutes] = numeric;
    if (Number(hours) > 23 || Number(minutes) > 59) {
      return undefined;
    }
    const offset = Number(hours) * 60 + Number(minutes);
    return sign === '-' && offset !== 0 ? -offset : offset; // -0000 is 0, not -0
  }
  if (!/^[a-z]{1,5}$/.test(zone)) {
    return undefined;
  }
  const named = NAMED_ZONES[zone];
  if (named !== undefined) {
    return named;
  }
  // Military single letters: RFC 5322 §4.3 says to read them as -0000 (UTC, local zone unknown).
  return zone.length === 1 ? 0 : null;
}

/** RFC 5322 §4.3: a two-digit year below 50 is 20xx, otherwise 19xx; a three-digit year adds 1900. */
function fullYear(text: string): number {
  const year = Number(text);
  if (text.length === 2) {
    return year < 50 ? 2000 + year : 1900 + year;
  }
  return text.length === 3 ? 1900 + year : year;
}

function isValidDateTime(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
): boolean {
  const daysInMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return day >= 1 && day <= daysInMonth && hour <= 23 && minute <= 59 && second <= 60;
}

function toIso(instant: number): string | null {
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Removes RFC 5322 comments, nested ones included: `+0900 (JST)` → `+0900`. */
function stripComments(value: string): string {
  let previous = '';
  let current = value;
  while (current !== previous) {
    previous = current;
    current = current.replace(/\([^()]*\)/g, ' ');
  }
  return current;
}
