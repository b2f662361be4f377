import { describe, expect, it, vi } from 'vitest';
import type { ProcessingContext } from '../../../../electron/intake/process-claimed.js';

const processed: number[] = [];
vi.mock('../../../../electron/intake/process-claimed.js', () => ({
  processClaimed: vi.fn(async (_context: unknown, uid: number) => {
    processed.push(uid);
    return 'filed';
  }),
}));

const { drainProcessing, nextRetryIn } = await import('../../../../electron/intake/drain-processing.js');

function contextWith(messages: number, uids: number[]): ProcessingContext {
  const client = {
    status: vi.fn(async () => ({ messages })),
    mailboxOpen: vi.fn(async () => ({ uidValidity: 42n })),
    search: vi.fn(async () => uids),
  };
  return { client, processing: 'CRM/Processing' } as unknown as ProcessingContext;
}

describe('drainProcessing', () => {
  it('processes each message of Processing in turn, and stops when asked', async () => {
    processed.length = 0;
    await drainProcessing(contextWith(3, [4, 5, 6]), () => processed.length >= 2);
    expect(processed).toEqual([4, 5]);
  });

  it('does not open an empty Processing folder', async () => {
    const context = contextWith(0, []);
    await drainProcessing(context, () => false);
    expect(context.client.mailboxOpen).not.toHaveBeenCalled();
  });
});

describe('nextRetryIn', () => {
  it('is the time to the first retry, never negative, and Infinity when none waits', () => {
    const retryAt = new Map([
      ['1:4', { at: 5_000, waits: 1 }],
      ['1:5', { at: 3_000, waits: 2 }],
    ]);
    expect(nextRetryIn(retryAt, 1_000)).toBe(2_000);
    expect(nextRetryIn(retryAt, 9_000)).toBe(0);
    expect(nextRetryIn(new Map(), 0)).toBe(Number.POSITIVE_INFINITY);
  });
});
