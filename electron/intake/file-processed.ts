import type { LogResult } from '#shared/model/log-result.js';
import { type ClaimTry, scheduleRetry, uncountTry } from './claim-try.js';
import { ensureFolders } from './ensure-folders.js';
import { folderForResult } from './intake-folders.js';
import type { ProcessingContext, ProcessOutcome } from './process-claimed.js';
import { committedKeyword } from './processing-attempts.js';

/**
 * Files a processed message by its committed result (C1): MOVEs it from Processing to the result's folder. A
 * `storage-error` result (nothing processed) or a MOVE the server refused leaves it in Processing, the try
 * uncounted, for a retry; a refused MOVE marks the claim committed, so the next pass only files it. A lost
 * connection throws (reconnect).
 */
export async function fileProcessed(
  ctx: ProcessingContext,
  claim: ClaimTry,
  result: LogResult,
): Promise<ProcessOutcome> {
  const { client, logger } = ctx;
  const folder = folderForResult(result, ctx.folders);
  if (folder === null) {
    // Nothing was processed (a disk fault): not a failed try of the message itself.
    await uncountTry(ctx, claim);
    scheduleRetry(ctx, claim.key);
    logger.warn('storage error: the message stays in Processing and is tried again', { uid: claim.uid });
    ctx.onResult?.(result, ctx.processing);
    return 'retry-later';
  }
  ctx.onStep?.('committed', { uid: claim.uid, folder: ctx.processing });
  if (!(await client.messageMove(String(claim.uid), folder, { uid: true }))) {
    if (!client.usable) {
      throw new Error(`connection lost while filing message ${claim.uid}`);
    }
    // The server said NO (a folder deleted behind our back, quota, ACL). The result is committed, so the message
    // stays in Processing and the next pass files it (`resume` finds the result): not a failed try of the message.
    await uncountTry(ctx, claim);
    ctx.attempts.markCommitted(claim.key);
    if (claim.keepsKeywords) {
      await client.messageFlagsAdd(String(claim.uid), [committedKeyword], { uid: true });
    }
    scheduleRetry(ctx, claim.key);
    await ensureFolders(client, [folder]).catch(() => undefined);
    logger.warn(
      'the server refused to file a logged message: it stays in Processing and is filed again later',
      {
        uid: claim.uid,
        folder,
      },
    );
    ctx.onResult?.(result, ctx.processing);
    return 'retry-later';
  }
  ctx.attempts.forget(claim.key);
  ctx.retryAt.delete(claim.key);
  ctx.onStep?.('filed', { uid: claim.uid, folder });
  ctx.onResult?.(result, folder);
  return 'filed';
}
