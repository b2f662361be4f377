/**
 * How a printed log result (docs/rules.md#results) is compared with a hand-written expectation (samples/README.md, "How the
 * expectations are compared"). Both sides go through the same projection, so one `toEqual` shows the whole diff.
 *
 * - Only docs/rules.md#results's fields are compared; extra fields a program may add are ignored.
 * - "Fields that do not apply are omitted or empty": a missing field equals its empty value (`null`, `[]`,
 *   `{logged: [], dropped: []}`), and a missing or null `duplicateOf` is no `duplicateOf`.
 * - Arrays docs/rules.md gives no order to are sets: `reasons`, `contacts`, `skippedRecipients`, `companies`, `notices`,
 *   `attachments.logged`, `attachments.dropped`, `email.to`, `email.cc`, `email.parts`. `deals` keeps its order
 *   (B7: newest first).
 * - `email.date` is compared as an instant; that it is written in UTC is checked by `formatProblems`.
 * - `forward.confidence` cannot be predicted: any number in (0, 1] matches. `forward.note` is compared with runs
 *   of white space collapsed and the ends trimmed.
 * - For a result that is not `logged`, `email` and `forward` are optional: when both sides have one they must be
 *   equal; when either side has none, neither is compared.
 */

type JsonObject = Record<string, unknown>;

const CONFIDENCE_OK = 'a number in (0, 1]';

const setFields = ['reasons', 'contacts', 'skippedRecipients', 'companies', 'notices'] as const;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON with sorted keys, so that sorting a set does not depend on the order of an object's keys. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonical).join(',')}]`;
  }
  if (isObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

function asSet(value: unknown): unknown {
  if (value === undefined || value === null) {
    return [];
  }
  if (!Array.isArray(value)) {
    return value; // not an array: left as is, so the diff shows it
  }
  return [...value].sort((a, b) => {
    const ka = canonical(a);
    const kb = canonical(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}

function pick(value: unknown, keys: ReadonlyArray<string>): unknown {
  if (!isObject(value)) {
    return value;
  }
  const out: JsonObject = {};
  for (const key of keys) {
    if (key in value) {
      out[key] = value[key];
    }
  }
  return out;
}

function pickEach(value: unknown, keys: ReadonlyArray<string>): unknown {
  return Array.isArray(value) ? value.map((item) => pick(item, keys)) : value;
}

function instant(value: unknown): unknown {
  if (typeof value !== 'string') {
    return value;
  }
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}

function comparableEmail(email: unknown): unknown {
  if (!isObject(email)) {
    return email;
  }
  return {
    direction: email['direction'],
    from: email['from'],
    to: asSet(email['to']),
    cc: asSet(email['cc']),
    subject: email['subject'],
    date: instant(email['date']),
    source: email['source'],
    parts: asSet(email['parts']),
  };
}

function comparableForward(forward: unknown): unknown {
  if (!isObject(forward)) {
    return forward;
  }
  const confidence = forward['confidence'];
  const note = forward['note'];
  return {
    client: forward['client'],
    confidence:
      typeof confidence === 'number' && confidence > 0 && confidence <= 1 ? CONFIDENCE_OK : confidence,
    note: typeof note === 'string' ? note.replace(/\s+/g, ' ').trim() : (note ?? ''),
  };
}

/** The comparable projection of one log result (see the file comment). */
export function comparableLogResult(result: JsonObject): JsonObject {
  const out: JsonObject = {
    file: result['file'],
    messageId: result['messageId'] ?? null,
    route: result['route'],
    status: result['status'],
    owner: result['owner'] ?? null,
    deals: result['deals'] ?? [],
    sync: result['sync'],
  };
  for (const field of setFields) {
    out[field] = asSet(result[field]);
  }
  out['contacts'] = asSet(pickEach(result['contacts'] ?? [], ['email', 'created', 'role']));
  out['skippedRecipients'] = asSet(pickEach(result['skippedRecipients'] ?? [], ['email', 'reason']));
  out['notices'] = asSet(pickEach(result['notices'] ?? [], ['to', 'reason', 'sent']));
  if (result['duplicateOf'] !== undefined && result['duplicateOf'] !== null) {
    out['duplicateOf'] = result['duplicateOf'];
  }
  const attachments = isObject(result['attachments']) ? result['attachments'] : {};
  out['attachments'] = {
    logged: asSet(pickEach(attachments['logged'] ?? [], ['filename', 'size', 'sha256'])),
    dropped: asSet(pickEach(attachments['dropped'] ?? [], ['filename', 'size', 'reason'])),
  };
  if (result['email'] !== undefined && result['email'] !== null) {
    out['email'] = comparableEmail(result['email']);
  }
  if (result['forward'] !== undefined && result['forward'] !== null) {
    out['forward'] = comparableForward(result['forward']);
  }
  return out;
}

/** Both sides made comparable, with `email` and `forward` optional for results that are not `logged`. */
export function comparablePair(
  actual: JsonObject,
  expected: JsonObject,
): { readonly actual: JsonObject; readonly expected: JsonObject } {
  const a = comparableLogResult(actual);
  const e = comparableLogResult(expected);
  if (e['status'] !== 'logged') {
    for (const key of ['email', 'forward']) {
      if (!(key in a) || !(key in e)) {
        delete a[key];
        delete e[key];
      }
    }
  }
  return { actual: a, expected: e };
}

const BARE_ADDRESS = /^[^\s<>"(),;]+@[^\s<>"(),;@]+$/;
const UTC_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?Z$/;

/**
 * What docs/rules.md#results says about the form of every result, whatever its content: addresses are bare and lower-cased,
 * `email.date` is ISO-8601 in UTC, `forward.confidence` is in (0, 1]. Returns the problems found (none: `[]`).
 */
export function formatProblems(result: JsonObject): ReadonlyArray<string> {
  const problems: string[] = [];
  const address = (where: string, value: unknown): void => {
    if (value === null || value === undefined) {
      return;
    }
    if (typeof value !== 'string' || !BARE_ADDRESS.test(value) || value !== value.toLowerCase()) {
      problems.push(`${where} is not a bare lower-case address: ${JSON.stringify(value)}`);
    }
  };
  const each = (value: unknown, fn: (item: unknown, i: number) => void): void => {
    if (Array.isArray(value)) {
      value.forEach(fn);
    }
  };
  address('owner', result['owner']);
  const email = result['email'];
  if (isObject(email)) {
    address('email.from', email['from']);
    each(email['to'], (v, i) => address(`email.to[${i}]`, v));
    each(email['cc'], (v, i) => address(`email.cc[${i}]`, v));
    const date = email['date'];
    if (date !== null && date !== undefined && (typeof date !== 'string' || !UTC_ISO.test(date))) {
      problems.push(`email.date is not ISO-8601 UTC: ${JSON.stringify(date)}`);
    }
  }
  each(result['contacts'], (c, i) => address(`contacts[${i}].email`, isObject(c) ? c['email'] : c));
  each(result['skippedRecipients'], (c, i) =>
    address(`skippedRecipients[${i}].email`, isObject(c) ? c['email'] : c),
  );
  each(result['notices'], (n, i) => address(`notices[${i}].to`, isObject(n) ? n['to'] : n));
  const forward = result['forward'];
  if (isObject(forward)) {
    const c = forward['confidence'];
    if (typeof c !== 'number' || !(c > 0 && c <= 1)) {
      problems.push(`forward.confidence is not a number in (0, 1]: ${JSON.stringify(c)}`);
    }
  }
  return problems;
}
