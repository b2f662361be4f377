import type { ResultEntry } from '#shared/api/companion-schemas.js';
import { counterpartOf } from './counterpart-of.js';

/** The list's filter; the same fields the companion's `GET results` takes. */
export type ResultFilter = {
  readonly status?: ResultEntry['status'];
  readonly sync?: 'failed';
  readonly q?: string;
};

/**
 * Whether a result that arrives as an event belongs in the list shown under `filter`: the companion filtered the
 * page it sent, the window filters what comes after it the same way (every word of `q` in the subject,
 * counterpart, owner or a reason code, ignoring case).
 */
export function matchesFilter(entry: ResultEntry, filter: ResultFilter): boolean {
  if (filter.status !== undefined && entry.status !== filter.status) {
    return false;
  }
  if (filter.sync !== undefined && entry.sync !== filter.sync) {
    return false;
  }
  const words = (filter.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) {
    return true;
  }
  const haystack = [
    entry.email?.subject ?? '',
    counterpartOf(entry) ?? '',
    entry.owner ?? '',
    ...entry.reasons,
  ]
    .join(' ')
    .toLowerCase();
  return words.every((word) => haystack.includes(word));
}
