import type { ProcessingContext } from './process-claimed.js';
import { attemptKeyword } from './processing-attempts.js';
import { backoffDelay } from '#shared/util/backoff-delay.js';

/** One try of one claimed message: its `uidValidity:uid` key, the tries before it, and this try's number. */
export type ClaimTry = {
  readonly key: string;
  readonly uid: number;
  readonly previous: number;
  readonly attempt: number;
  /** Whether the server keeps the try-count keyword (`PERMANENTFLAGS`). */
  readonly keepsKeywords: boolean;
};

/** Takes this try back: the message's fault it was not (a disk fault, a refused MOVE after the commit). */
export async function uncountTry(
  ctx: Pick<ProcessingContext, 'attempts' | 'client'>,
  claim: ClaimTry,
): Promise<void> {
  ctx.attempts.forget(claim.key);
  ctx.attempts.record(claim.key, claim.previous);
  if (claim.keepsKeywords) {
    await ctx.client.messageFlagsRemove(String(claim.uid), [attemptKeyword(claim.attempt)], { uid: true });
  }
}

/** The message is tried again after a backoff that grows with each wait. */
export function scheduleRetry(ctx: Pick<ProcessingContext, 'retryAt' | 'now' | 'retry'>, key: string): void {
  const waits = (ctx.retryAt.get(key)?.waits ?? 0) + 1;
  ctx.retryAt.set(key, { at: ctx.now() + backoffDelay(waits, ctx.retry), waits });
}
