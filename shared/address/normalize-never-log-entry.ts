import { formatNeverLogEntry, parseNeverLogEntry } from './is-never-log.js';
import { err, ok, type Result } from '../util/result.js';

/**
 * The one stored spelling of a never-log entry (docs/rules.md#words): an address, `domain` (also written `*@domain`), or
 * `*.domain`. Storing the canonical form means `*@X.example` and `x.example` are one row, and removing either
 * spelling removes it.
 */
export function normalizeNeverLogEntry(raw: string): Result<string, string> {
  const entry = parseNeverLogEntry(raw);
  return entry === null
    ? err(
        `not a never-log entry: ${JSON.stringify(raw)} (expected ann@x.example, x.example, *@x.example or *.x.example)`,
      )
    : ok(formatNeverLogEntry(entry));
}
