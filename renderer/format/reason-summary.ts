import type { ResultEntry } from '#shared/api/companion-schemas.js';

/** The i18n key and values of one row's reason column: the first reason in words, and how many more there are. */
export type ReasonSummary = { readonly key: string; readonly values: Record<string, string | number> };

/**
 * A result with reasons shows the first one's words (`reason.<code>` in renderer/i18n, the one map of reason
 * codes to words) and a count of the others; one without reasons says what was done.
 */
export function reasonSummary(
  entry: Pick<ResultEntry, 'reasons' | 'status' | 'contacts' | 'duplicateOf'>,
): ReasonSummary {
  const [first, ...others] = entry.reasons;
  if (first !== undefined) {
    return others.length === 0
      ? { key: `reason.${first}`, values: {} }
      : { key: 'row.reasonAndMore', values: { reasonKey: `reason.${first}`, count: others.length } };
  }
  if (entry.status === 'duplicate') {
    return { key: 'row.duplicate', values: {} };
  }
  if (entry.status === 'logged') {
    return { key: 'row.loggedTo', values: { count: entry.contacts.length } };
  }
  return { key: `status.${entry.status}`, values: {} };
}
