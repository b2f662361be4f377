import type { ClaimedMessage, ClaimRound } from './claim-messages.js';
import { KEEP_IN_MEMORY_BYTES } from '../core/prepare-message.js';
import { fileProcessed } from './file-processed.js';
import {
  processClaimed,
  tryClaimed,
  type ProcessingContext,
  type ProcessOutcome,
  type RetrySchedule,
} from './process-claimed.js';
import { observed } from './observed.js';
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
 * Processes the messages a claim round just moved into Processing, by the UIDs its COPYUID named and with the size,
 * flags and (small ones) bytes the claim read: no STATUS, SEARCH or FETCH of its own for them. A first message
 * whose bytes and first try's keyword came with the claim is tried while Processing is being selected; the bytes
 * of others come in one FETCH for the batch; each message's MOVE to its folder runs while the next one is tried
 * (its result is committed already, and the next try is local work; docs/performance.md). Returns false when
 * Processing is not the folder the claims were made in any more (its UIDVALIDITY changed): then it must be drained
 * whole.
 */
export async function processClaims(
  context: ProcessingContext,
  claims: NonNullable<ClaimRound['claims']>,
  isStopping: () => boolean,
): Promise<boolean> {
  const { client, processing } = context;
  const selected = selectedMailbox(client, processing);
  const selecting = observed(
    (selected ? Promise.resolve(selected) : client.mailboxOpen(processing)).then(
      (box) => String(box.uidValidity) === claims.uidValidity,
    ),
  );
  let bodies: Map<number, Buffer> | undefined;
  let filing: Promise<ProcessOutcome> | undefined;
  for (const message of claims.messages) {
    if (isStopping()) {
      break;
    }
    const ready = message.body !== undefined && message.firstTryCounted;
    if (!ready && !(await selecting)) {
      break;
    }
    const body =
      message.body ?? (bodies ??= await fetchSmallBodies(context, claims.messages)).get(message.uid);
    // Its stage 1 (raw kept, parsed in the worker) started with the claim, before the MOVE.
    const inHand =
      body === undefined ? undefined : { body, ...(message.prepared ? { prepared: message.prepared } : {}) };
    const tried = await tryClaimed(context, message.uid, claims.uidValidity, message, inHand, selecting);
    await filing;
    if (!(await selecting)) {
      break;
    }
    filing =
      tried.kind === 'committed' ? observed(fileProcessed(context, tried.claim, tried.result)) : undefined;
  }
  await filing;
  return selecting;
}

/** Up to this size a claimed message's bytes are read whole into memory (by the claim, or `fetchSmallBodies`). */
export function smallBodyBytes(maxMessageBytes: number): number {
  return Math.min(KEEP_IN_MEMORY_BYTES, maxMessageBytes);
}

/**
 * The bytes of the claimed messages small enough to hold in memory, in one `UID FETCH … BODY.PEEK[]`. Larger ones,
 * and one over the size cap (R3: only its first bytes are read), are streamed by their own try.
 */
async function fetchSmallBodies(
  context: ProcessingContext,
  messages: ReadonlyArray<ClaimedMessage>,
): Promise<Map<number, Buffer>> {
  const limit = smallBodyBytes(context.maxMessageBytes);
  const small = messages.filter(
    (message) => message.body === undefined && message.size !== undefined && message.size <= limit,
  );
  const bodies = new Map<number, Buffer>();
  if (small.length === 0) {
    return bodies;
  }
  const fetched = await context.client.fetchAll(
    small.map((message) => message.uid).join(','),
    { uid: true, source: true },
    { uid: true },
  );
  for (const message of fetched) {
    if (message.source !== undefined) {
      bodies.set(message.uid, message.source);
    }
  }
  return bodies;
}

/** How long until the first waiting message may be tried again (0 when one is due; Infinity when none waits). */
export function nextRetryIn(retryAt: ReadonlyMap<string, RetrySchedule>, now: number): number {
  let next = Number.POSITIVE_INFINITY;
  for (const schedule of retryAt.values()) {
    next = Math.min(next, schedule.at - now);
  }
  return Math.max(0, next);
}
