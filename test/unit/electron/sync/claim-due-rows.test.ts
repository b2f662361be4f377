import { describe, expect, it, vi } from 'vitest';
import type { StoredResult } from '../../../../electron/crm/crm-backend.port.js';
import type { OutboxRow } from '../../../../electron/crm/local/outbox-queue.js';
import { claimDueRows } from '../../../../electron/sync/claim-due-rows.js';
import type { OutboxTally } from '../../../../electron/sync/settle-outbox-row.js';

describe('claimDueRows', () => {
  it('claims for the lease, marks a row with nothing logged failed, and says whether each was pushed before', () => {
    const rows = [
      { id: 1, resultId: 10, claims: 0 },
      { id: 2, resultId: 20, claims: 1 },
      { id: 3, resultId: 30, claims: 0 },
    ] as OutboxRow[];
    const logged = (id: number) => ({ id, logged: {} }) as unknown as StoredResult;
    const store = {
      dueOutbox: vi.fn(() => rows),
      storedResult: vi.fn((id: number) => (id === 30 ? null : logged(id))),
      markFailed: vi.fn(),
    };
    const now = new Date('2026-03-02T10:00:00.000Z');
    const tally: OutboxTally = { claimed: 0, synced: 0, retried: 0, deferred: 0, failed: 0 };

    const items = claimDueRows(store, { now, batchSize: 5, leaseMs: 60_000 }, tally);

    expect(store.dueOutbox).toHaveBeenCalledWith(now, 5, new Date('2026-03-02T10:01:00.000Z'));
    expect(items.map((i) => [i.row.id, i.stored.pushedBefore])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(store.markFailed).toHaveBeenCalledWith(3, 'CRM.REJECTED: the result has no logged email to push');
    expect(tally).toMatchObject({ claimed: 3, failed: 1 });
  });
});
