import { describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../../electron/core/logger.js';
import { fileProcessed } from '../../../../electron/intake/file-processed.js';
import { defaultIntakeFolders } from '../../../../electron/intake/intake-folders.js';
import type { ProcessingContext } from '../../../../electron/intake/process-claimed.js';
import { committedKeyword, createAttemptLedger } from '../../../../electron/intake/processing-attempts.js';
import type { LogResult } from '#shared/model/log-result.js';

const claim = { key: '7:10', uid: 10, previous: 0, attempt: 1, keepsKeywords: true };
const logged = { status: 'logged', reasons: [] } as unknown as LogResult;

function context(moved: boolean) {
  const client = {
    usable: true,
    messageMove: vi.fn(async () => moved),
    messageFlagsAdd: vi.fn(async () => true),
    messageFlagsRemove: vi.fn(async () => true),
    list: vi.fn(async () => []),
    mailboxCreate: vi.fn(async () => ({})),
  };
  const onResult = vi.fn();
  const attempts = createAttemptLedger();
  attempts.record(claim.key, 1);
  const ctx = {
    client,
    folders: defaultIntakeFolders,
    processing: 'CRM/Processing',
    attempts,
    retryAt: new Map(),
    retry: { initialMs: 1_000, maxMs: 1_000 },
    logger: silentLogger,
    now: () => 0,
    onResult,
  } as unknown as ProcessingContext;
  return { ctx, client, onResult, attempts };
}

describe('fileProcessed', () => {
  it('C1: moves a logged message to Logged and forgets its tries', async () => {
    const { ctx, client, onResult, attempts } = context(true);
    expect(await fileProcessed(ctx, claim, logged)).toBe('filed');
    expect(client.messageMove).toHaveBeenCalledWith('10', defaultIntakeFolders.logged, { uid: true });
    expect(onResult).toHaveBeenCalledWith(logged, defaultIntakeFolders.logged);
    expect(attempts.count(claim.key)).toBe(0);
  });

  it('C1: a MOVE the server refused leaves it in Processing, marked committed, for a retry', async () => {
    const { ctx, client, onResult, attempts } = context(false);
    expect(await fileProcessed(ctx, claim, logged)).toBe('retry-later');
    expect(client.messageFlagsAdd).toHaveBeenCalledWith('10', [committedKeyword], { uid: true });
    expect(attempts.isCommitted(claim.key)).toBe(true);
    expect(ctx.retryAt.has(claim.key)).toBe(true);
    expect(onResult).toHaveBeenCalledWith(logged, 'CRM/Processing');
  });

  it('a storage-error result is not filed and not counted as a try', async () => {
    const { ctx, client, attempts } = context(true);
    const failed = { status: 'rejected', reasons: ['storage-error'] } as unknown as LogResult;
    expect(await fileProcessed(ctx, claim, failed)).toBe('retry-later');
    expect(client.messageMove).not.toHaveBeenCalled();
    expect(attempts.count(claim.key)).toBe(0);
  });
});
