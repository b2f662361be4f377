import type { PushFailure, PushReceipt, StoredResult } from '../crm/crm-backend.port.js';
import type { Result } from '#shared/util/result.js';
import type { PushResults, SyncBackend } from './outbox-worker.js';

/** An adapter that throws instead of answering has a bug or lost its connection: retry, as for a 5xx. */
function thrown(error: unknown): PushFailure {
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'CRM.UNAVAILABLE', message: `the backend threw: ${message}`, retryable: true };
}

/** `pushResult`, with a throw turned into a retryable failure. */
export async function pushOneSafely(
  backend: SyncBackend,
  stored: StoredResult,
): Promise<Result<PushReceipt, PushFailure>> {
  try {
    return await backend.pushResult(stored);
  } catch (error) {
    return { ok: false, error: thrown(error) };
  }
}

/** `pushResults`, always with one answer per result: a throw or a missing answer is a retryable failure. */
export async function pushBatchSafely(
  push: PushResults,
  batch: ReadonlyArray<StoredResult>,
): Promise<ReadonlyArray<Result<PushReceipt, PushFailure>>> {
  try {
    const answers = await push(batch);
    if (answers.length === batch.length) {
      return answers;
    }
    const missing: PushFailure = {
      code: 'CRM.UNAVAILABLE',
      message: `the backend answered ${answers.length} of ${batch.length} results`,
      retryable: true,
    };
    return batch.map((_, i) => answers[i] ?? { ok: false, error: missing });
  } catch (error) {
    return batch.map(() => ({ ok: false, error: thrown(error) }));
  }
}
