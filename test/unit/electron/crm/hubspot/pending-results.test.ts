import { describe, expect, it } from 'vitest';
import { foundOutcome, pendingResults } from '../../../../../electron/crm/hubspot/pending-results.js';
import { storedResult } from './stored-results.js';

describe('pendingResults', () => {
  it('keys each logged result by store and result id, with its identity keys; the rest have nothing to write', () => {
    const batch = [
      storedResult(4),
      storedResult(5, { result: { status: 'skipped' } }),
      { ...storedResult(6), logged: null },
    ];
    const { pending, nothingToWrite } = pendingResults(batch, 10, 'store-1');
    expect(pending.map((p) => [p.index, p.key, p.identity.messageId])).toEqual([
      [10, 'store-1:4', '<m4@corp.example>'],
    ]);
    expect(pending[0]?.identity.contentKey).toMatch(/^ck1:/);
    expect(nothingToWrite).toEqual([11, 12]);
  });
});

describe('foundOutcome', () => {
  it("an own earlier write is synced; another store's email is synced as a duplicate of it", () => {
    expect(foundOutcome({ kind: 'own', id: '1' })).toEqual({
      ok: true,
      value: { sync: 'synced', remoteId: '1' },
    });
    expect(foundOutcome({ kind: 'duplicate', id: '2', duplicateOf: '<a@x>' })).toEqual({
      ok: true,
      value: { sync: 'synced', remoteId: '2', duplicateOf: '<a@x>' },
    });
  });
});
