import { describe, expect, it } from 'vitest';
import type { StoredResult } from '../../../../electron/crm/crm-backend.port.js';
import { pushBatchSafely, pushOneSafely } from '../../../../electron/sync/push-safely.js';
import { ok } from '#shared/util/result.js';

const stored = (id: number): StoredResult => ({ id }) as unknown as StoredResult;

describe('pushOneSafely', () => {
  it('passes the answer through, and turns a throw into a retryable CRM.UNAVAILABLE', async () => {
    expect(
      await pushOneSafely(
        { pushResult: async () => ok({ sync: 'synced' as const, remoteId: 'r1' }) },
        stored(1),
      ),
    ).toEqual(ok({ sync: 'synced' as const, remoteId: 'r1' }));
    const thrown = await pushOneSafely(
      {
        pushResult: async () => {
          throw new Error('socket hang up');
        },
      },
      stored(1),
    );
    expect(thrown).toEqual({
      ok: false,
      error: { code: 'CRM.UNAVAILABLE', message: 'the backend threw: socket hang up', retryable: true },
    });
  });
});

describe('pushBatchSafely', () => {
  it('fills the answers a backend left out with a retryable failure', async () => {
    const answers = await pushBatchSafely(
      async () => [ok({ sync: 'synced' as const, remoteId: 'r1' })],
      [stored(1), stored(2)],
    );
    expect(answers).toEqual([
      ok({ sync: 'synced' as const, remoteId: 'r1' }),
      {
        ok: false,
        error: { code: 'CRM.UNAVAILABLE', message: 'the backend answered 1 of 2 results', retryable: true },
      },
    ]);
  });

  it('answers every result with the failure when the batch push throws', async () => {
    const answers = await pushBatchSafely(async () => {
      throw new Error('boom');
    }, [stored(1), stored(2)]);
    expect(answers.map((a) => a.ok)).toEqual([false, false]);
  });
});
