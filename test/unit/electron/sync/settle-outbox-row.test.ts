import { describe, expect, it, vi } from 'vitest';
import type { OutboxRow } from '../../../../electron/crm/local/outbox-queue.js';
import { silentLogger } from '../../../../electron/core/logger.js';
import { createRetryPolicy } from '../../../../electron/sync/retry-policy.js';
import { createOutboxSettler, type OutboxTally } from '../../../../electron/sync/settle-outbox-row.js';
import { err, ok } from '#shared/util/result.js';

const at = new Date('2026-03-02T10:00:00.000Z');
const row = { id: 7, resultId: 3, attempts: 0 } as OutboxRow;

function setup() {
  const store = {
    markSynced: vi.fn(() => true),
    markRetry: vi.fn(),
    markFailed: vi.fn(),
    deferOutbox: vi.fn(),
  };
  const pause = vi.fn();
  const policy = createRetryPolicy({ random: () => 0, rateLimitJitterMs: 0 });
  const settle = createOutboxSettler({ store, policy, clock: () => at, logger: silentLogger, pause });
  const tally: OutboxTally = { claimed: 1, synced: 0, retried: 0, deferred: 0, failed: 0 };
  return { store, pause, settle, tally };
}

describe('createOutboxSettler', () => {
  it('marks a pushed row synced with its remote id', () => {
    const { store, settle, tally } = setup();
    settle(row, ok({ sync: 'synced' as const, remoteId: 'r9' }), tally);
    expect(store.markSynced).toHaveBeenCalledWith(7, 'r9', at, undefined);
    expect(tally.synced).toBe(1);
  });

  it('passes on what another store wrote (R2 across users), for the result to become its duplicate', () => {
    const { store, settle, tally } = setup();
    settle(row, ok({ sync: 'synced' as const, remoteId: 'r9', duplicateOf: '<o@acme.example>' }), tally);
    expect(store.markSynced).toHaveBeenCalledWith(7, 'r9', at, '<o@acme.example>');
    expect(tally.synced).toBe(1);
  });

  it('marks a non-retryable failure failed, with its code in the error', () => {
    const { store, settle, tally } = setup();
    settle(row, err({ code: 'CRM.REJECTED', message: 'bad input', retryable: false }), tally);
    expect(store.markFailed).toHaveBeenCalledWith(7, 'CRM.REJECTED: bad input');
    expect(tally.failed).toBe(1);
  });

  it('defers a 429 without an attempt and pauses the queue until then', () => {
    const { store, pause, settle, tally } = setup();
    settle(
      row,
      err({ code: 'CRM.RATE_LIMITED', message: 'slow down', retryable: true, retryAfterMs: 10_000 }),
      tally,
    );
    const until = new Date(at.getTime() + 10_000);
    expect(store.deferOutbox).toHaveBeenCalledWith(7, until, 'CRM.RATE_LIMITED: slow down');
    expect(pause).toHaveBeenCalledWith(until);
    expect(tally.deferred).toBe(1);
  });

  it('retries another retryable failure later, counting the attempt', () => {
    const { store, settle, tally } = setup();
    settle(row, err({ code: 'CRM.UNAVAILABLE', message: '503', retryable: true }), tally);
    expect(store.markRetry).toHaveBeenCalledWith(7, 'CRM.UNAVAILABLE: 503', expect.any(Date));
    expect(tally.retried).toBe(1);
  });
});
