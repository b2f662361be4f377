import type { ResultEntry } from '#shared/api/companion-schemas.js';
import type { DatedEntry } from '../crm/local/read-results.js';

/**
 * A journal entry as the API carries it: the §7 result plus `id` and `at`. The result schema is checked to
 * describe the model type exactly (shared/api/log-result.schema.ts), readonly-ness aside, so only that differs.
 */
export function toResultEntry(entry: DatedEntry): ResultEntry {
  return { ...(entry.result as ResultEntry), id: entry.id, at: entry.at };
}
