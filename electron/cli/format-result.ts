import { formatTable } from './format-table.js';
import type { LogResult } from '#shared/model/log-result.js';

/**
 * The person on the other side of a logged email: the sender of incoming mail, the first recipient of outgoing.
 * For a rejected mail, its sender: who it came from is what tells the refusal apart.
 */
function counterpart(result: LogResult): string {
  const email = result.email;
  if (!email) {
    return '';
  }
  if (result.status === 'rejected' || email.direction === 'incoming') {
    return email.from;
  }
  return result.contacts[0]?.email ?? email.to[0] ?? '';
}

function truncate(text: string, width: number): string {
  const chars = Array.from(text);
  return chars.length <= width ? text : `${chars.slice(0, width - 1).join('')}…`;
}

/** One readable line per result, for `log` without `--json`: `-` where nothing is known (a mail that did not parse). */
export function formatResultLine(result: LogResult): string {
  const what = [
    result.status,
    result.route,
    result.owner ?? '-',
    counterpart(result) || '-',
    result.email === undefined ? '-' : JSON.stringify(result.email.subject),
  ].join('  ');
  const reasons = result.reasons.length > 0 ? `  (${result.reasons.join(', ')})` : '';
  const dup = result.duplicateOf ? `  duplicate of ${result.duplicateOf}` : '';
  return `${result.file ?? result.messageId ?? ''}: ${what}${reasons}${dup}`;
}

/**
 * A fixed-width table for `results` without `--json`. The id is the
 * handle that `retry`, `reprocess` and `forget` take.
 */
export function formatResultsTable(
  entries: ReadonlyArray<{ readonly id: number; readonly result: LogResult }>,
): string {
  if (entries.length === 0) {
    return 'No log results in this store yet.';
  }
  const rows = entries.map(({ id, result: r }) => [
    String(id),
    r.email?.date?.slice(0, 16).replace('T', ' ') ?? '',
    r.status,
    r.route,
    r.owner ?? '-',
    truncate(counterpart(r) || '-', 28),
    // The subject, never the file name in its place: a mail that did not parse has none to show (R3).
    truncate(r.email?.subject ?? '-', 36),
    r.reasons.join(', '),
  ]);
  const header = ['id', 'date (UTC)', 'status', 'route', 'owner', 'counterpart', 'subject', 'reasons'];
  return formatTable(header, rows);
}
