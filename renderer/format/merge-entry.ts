import type { ResultEntry } from '#shared/api/companion-schemas.js';
import { matchesFilter, type ResultFilter } from './matches-filter.js';

/**
 * The list after one new or changed result: replaced in place when shown, inserted by journal id (the list is
 * newest first) when new and matching the filter, dropped when a change makes it no longer match.
 */
export function mergeEntry(
  list: ReadonlyArray<ResultEntry>,
  entry: ResultEntry,
  filter: ResultFilter,
  /** Whether every older result is loaded already (no next page). */
  complete: boolean,
): ReadonlyArray<ResultEntry> {
  const index = list.findIndex((item) => item.id === entry.id);
  const fits = matchesFilter(entry, filter);
  if (index >= 0) {
    return fits ? list.map((item, i) => (i === index ? entry : item)) : list.filter((_, i) => i !== index);
  }
  if (!fits) {
    return list;
  }
  const at = list.findIndex((item) => item.id < entry.id);
  if (at < 0) {
    // Older than everything shown: it belongs to a page not loaded yet, unless the list is complete.
    return complete ? [...list, entry] : list;
  }
  return [...list.slice(0, at), entry, ...list.slice(at)];
}
