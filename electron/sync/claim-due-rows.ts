import type { StoredResult } from '../crm/crm-backend.port.js';
import type { OutboxRow } from '../crm/local/outbox-queue.js';
import type { OutboxWorkerStore } from './outbox-worker.js';
import type { OutboxTally } from './settle-outbox-row.js';

export type ClaimedItem = { readonly row: OutboxRow; readonly stored: StoredResult };

/**
 * Claims up to `batchSize` due rows for `leaseMs` and reads the result each one pushes. A row whose result has no
 * logged email is marked failed at once (counted in `tally`), since there is nothing to push.
 */
export function claimDueRows(
  store: Pick<OutboxWorkerStore, 'dueOutbox' | 'storedResult' | 'markFailed'>,
  claim: { readonly now: Date; readonly batchSize: number; readonly leaseMs: number },
  tally: OutboxTally,
  onSettled?: (resultId: number) => void,
): ClaimedItem[] {
  const rows = store.dueOutbox(claim.now, claim.batchSize, new Date(claim.now.getTime() + claim.leaseMs));
  tally.claimed = rows.length;
  const items: ClaimedItem[] = [];
  for (const row of rows) {
    const stored = store.storedResult(row.resultId);
    if (stored === null || stored.logged === null) {
      store.markFailed(row.id, 'CRM.REJECTED: the result has no logged email to push');
      tally.failed++;
      onSettled?.(row.resultId);
    } else {
      items.push({ row, stored: { ...stored, pushedBefore: row.claims > 0 } });
    }
  }
  return items;
}
