import type { ClaimRound } from './claim-messages.js';
import { processClaimed, type ProcessingContext, type RetrySchedule } from './process-claimed.js';
import { selectedMailbox } from './selected-mailbox.js';

/**
 * Processes every message in this companion's Processing folder (claims a crashed run left behind, messages
 * waiting for a retry), in UID order, until done or `isStopping()`.
 */
export async function drainProcessing(context: ProcessingContext, isStopping: () => boolean): Promise<void> {
  const { client, processing } = context;
  const status = await client.status(processing, { messages: true });
  if (!status || !status.messages) {
    return;
  }
  const box = await client.mailboxOpen(processing);
  const validity = String(box.uidValidity);
  const uids = (await client.search({ all: true }, { uid: true })) || [];
  for (const uid of uids) {
    if (isStopping()) {
      return;
    }
    await processClaimed(context, uid, validity);
  }
}

/**
 * Processes the messages a claim round just moved into Processing, by the UIDs its COPYUID named and with the size
 * and flags the claim read (no STATUS, SEARCH or FETCH of its own for them). Returns false when Processing is not
 * the folder the claims were made in any more (its UIDVALIDITY changed): then it must be drained whole.
 */
export async function processClaims(
  context: ProcessingContext,
  claims: NonNullable<ClaimRound['claims']>,
  isStopping: () => boolean,
): Promise<boolean> {
  const { client, processing } = context;
  const box = selectedMailbox(client, processing) ?? (await client.mailboxOpen(processing));
  if (String(box.uidValidity) !== claims.uidValidity) {
    return false;
  }
  for (const message of claims.messages) {
    if (isStopping()) {
      return true;
    }
    await processClaimed(context, message.uid, claims.uidValidity, message);
  }
  return true;
}

/** How long until the first waiting message may be tried again (0 when one is due; Infinity when none waits). */
export function nextRetryIn(retryAt: ReadonlyMap<string, RetrySchedule>, now: number): number {
  let next = Number.POSITIVE_INFINITY;
  for (const schedule of retryAt.values()) {
    next = Math.min(next, schedule.at - now);
  }
  return Math.max(0, next);
}
