import type { ImapFlow } from 'imapflow';
import type { Readable } from 'node:stream';
import type { LogResult } from '#shared/model/log-result.js';
import type { Envelope } from '#shared/model/parsed-message.js';
import type { Pipeline } from '../core/pipeline.js';
import type { PreparedMessage } from '../core/prepare-message.js';
import { PipelineError } from '../core/pipeline-error.js';
import type { ClaimedMessage } from './claim-messages.js';
import { type ClaimTry, scheduleRetry, uncountTry } from './claim-try.js';
import { ensureFolders } from './ensure-folders.js';
import { fileProcessed } from './file-processed.js';
import type { IntakeFolders } from './intake-folders.js';
import type { Logger as IntakeLogger } from '../core/logger.js';
import type { OnIntakeStep } from './intake-step.js';
import {
  attemptKeyword,
  attemptsFromFlags,
  canKeepKeywords,
  isCommittedByFlags,
  failedKeyword,
  type AttemptLedger,
} from './processing-attempts.js';
import type { BackoffPolicy } from '#shared/util/backoff-delay.js';

export type ProcessingContext = {
  readonly client: ImapFlow;
  readonly pipeline: Pipeline;
  readonly folders: IntakeFolders;
  /** This companion's Processing folder, selected while its messages are processed. */
  readonly processing: string;
  readonly maxMessageBytes: number;
  readonly maxAttempts: number;
  readonly attempts: AttemptLedger;
  /** When each waiting message (storage error, failed try) may be tried again, by `uidValidity:uid`. */
  readonly retryAt: Map<string, RetrySchedule>;
  readonly retry: BackoffPolicy;
  readonly logger: IntakeLogger;
  readonly now: () => number;
  readonly onResult?: (result: LogResult, folder: string) => void;
  readonly onStep?: OnIntakeStep;
  /** Set while the pipeline runs: no IMAP traffic is expected then (the watchdog looks at it). */
  readonly setInPipeline: (value: boolean) => void;
};

/** The next try of a message left in Processing, and how many retries it already waited for. */
export type RetrySchedule = { readonly at: number; readonly waits: number };

export type ProcessOutcome = 'filed' | 'gone' | 'waiting' | 'retry-later' | 'failed' | 'quarantined';

/** A try that ended before filing (`done`), or a committed result still to be filed (`fileProcessed`). */
export type TriedClaim =
  | { readonly kind: 'done'; readonly outcome: ProcessOutcome }
  | { readonly kind: 'committed'; readonly claim: ClaimTry; readonly result: LogResult };

/**
 * Processes one claimed message of the selected Processing folder (C1): counts the try, streams `BODY.PEEK[]` into
 * the pipeline (durable commit), then MOVEs it to the folder of its result. Only a claim that was tried before is
 * `resume`d (bytes a crashed try committed are answered from the journal, not logged twice): the try count lives in
 * a keyword set BEFORE each try and cleared when the message is claimed, so a committed claim always has one (a
 * claim whose MOVE the server refused after the commit has its try uncounted and is marked `$CrmCommitted`). On a
 * server that keeps no keywords the count is this run's only: after a crash between commit and MOVE the message is
 * processed again (a logged one then comes out a duplicate, R2).
 *
 * Size cap (R3): when RFC822.SIZE is over `maxMessageBytes` only the first `maxMessageBytes + 1` bytes are
 * downloaded and handed over; the parser, whose limit is the same, answers `message-too-large`, that result is
 * committed (with those first bytes kept as its raw blob), and the whole message goes to Quarantine untouched on
 * the server. So a huge message costs one limit's worth of transfer and never blocks the mailbox.
 *
 * A `storage-error` result, or a `PipelineError` (the local store or the CRM backend failed: nothing committed),
 * leaves the message in Processing and schedules a retry with backoff; neither counts as a failed try. A pipeline that throws counts a failed try and schedules a retry; after `maxAttempts` tries the
 * message is put in Quarantine with the keyword `$CrmFailed`. A lost connection is rethrown (reconnect).
 */
export async function processClaimed(
  ctx: ProcessingContext,
  uid: number,
  uidValidity: string,
  /** The size and flags the claim read just before moving it here: no FETCH of them again. */
  known?: ClaimedMessage,
): Promise<ProcessOutcome> {
  const tried = await tryClaimed(ctx, uid, uidValidity, known);
  return tried.kind === 'done' ? tried.outcome : fileProcessed(ctx, tried.claim, tried.result);
}

/** A claimed message's bytes fetched already, and maybe its stage 1 started already (`Pipeline.prepare`). */
export type InHand = { readonly body: Buffer; readonly prepared?: Promise<PreparedMessage> };

/**
 * `processClaimed` up to the commit: the caller files a committed result (`fileProcessed`), so the MOVE of one
 * message may overlap the try of the next (`processClaims`).
 */
export async function tryClaimed(
  ctx: ProcessingContext,
  uid: number,
  uidValidity: string,
  known?: ClaimedMessage,
  inHand?: InHand,
  /**
   * Resolves once Processing is selected, to whether it is still the folder the claim moved the message into: a
   * try that needs the server for nothing but its filing runs before that (`processClaims`).
   */
  selecting?: Promise<boolean>,
): Promise<TriedClaim> {
  const done = (outcome: ProcessOutcome): TriedClaim => ({ kind: 'done', outcome });
  const { client, logger } = ctx;
  const key = `${uidValidity}:${uid}`;
  if ((ctx.retryAt.get(key)?.at ?? 0) > ctx.now()) {
    return done('waiting');
  }
  const meta =
    known ?? (await client.fetchOne(String(uid), { uid: true, size: true, flags: true }, { uid: true }));
  if (!meta) {
    return done('gone');
  }
  const mailbox = client.mailbox === false ? undefined : client.mailbox;
  // A first try counted by the claim's STORE: the server keeps keywords (Processing may not be selected yet).
  const keepsKeywords = known?.firstTryCounted === true || canKeepKeywords(mailbox?.permanentFlags);
  const previous = Math.max(ctx.attempts.count(key), attemptsFromFlags(meta.flags ?? []));
  const committed = ctx.attempts.isCommitted(key) || isCommittedByFlags(meta.flags ?? []);
  if (previous >= ctx.maxAttempts) {
    if (!(await quarantineFailed(ctx, uid, keepsKeywords))) {
      scheduleRetry(ctx, key);
      logger.error('message failed every try, and the server refused to quarantine it: tried again later', {
        uid,
      });
      return done('retry-later');
    }
    ctx.attempts.forget(key);
    ctx.retryAt.delete(key);
    logger.error('message failed every try: put in quarantine', { uid, attempts: previous });
    return done('quarantined');
  }
  const attempt = previous + 1;
  ctx.attempts.record(key, attempt);
  // The claim's STORE set the first try's keyword already (claim-messages.ts).
  if (keepsKeywords && !(attempt === 1 && known?.firstTryCounted === true)) {
    await client.messageFlagsAdd(String(uid), [attemptKeyword(attempt)], { uid: true });
  }

  // No envelope recipient: decide() reads the delivery fields of these very bytes itself (R1, one implementation).
  const envelope: Envelope = {};
  const oversize = (meta.size ?? 0) > ctx.maxMessageBytes;
  const raw =
    inHand?.body ??
    (
      await client.download(String(uid), undefined, {
        uid: true,
        ...(oversize ? { maxBytes: ctx.maxMessageBytes + 1 } : {}),
      })
    ).content;
  if (!raw) {
    return done('gone');
  }
  ctx.onStep?.('processing', { uid, folder: ctx.processing });
  let result: LogResult;
  ctx.setInPipeline(true);
  try {
    // C1: the raw-bytes short-cut only for a claim tried before (its try may have committed before a crash); a
    // first try is processed afresh, even when the same bytes were filed once already (moved back after a fix).
    const resume = previous > 0 || committed;
    result =
      inHand?.prepared !== undefined && !resume
        ? await ctx.pipeline.logPrepared(await inHand.prepared, { envelope, durable: true })
        : await ctx.pipeline.logMessage({ raw, envelope, durable: true, resume, smallRawInCommit: true });
  } catch (error) {
    if (!client.usable) {
      throw error;
    }
    if (selecting !== undefined && !(await selecting)) {
      // Processing is another folder now: its UIDs are not this claim's, and the caller lists it whole.
      return done('gone');
    }
    if (error instanceof PipelineError) {
      // The store or the CRM backend failed, not the message: nothing committed, retry without counting a try.
      await uncountTry(ctx, { key, uid, previous, attempt, keepsKeywords });
      scheduleRetry(ctx, key);
      logger.warn('storage error: the message stays in Processing and is tried again', {
        uid,
        code: error.code,
        error: error.message,
      });
      return done('retry-later');
    }
    scheduleRetry(ctx, key);
    logger.warn('processing a message failed; it stays in Processing and is tried again', {
      uid,
      attempt,
      error: String(error),
    });
    return done('failed');
  } finally {
    ctx.setInPipeline(false);
    finish(raw);
  }
  return { kind: 'committed', claim: { key, uid, previous, attempt, keepsKeywords }, result };
}

/** False when the server refused the MOVE (the folder is made again if it went missing). */
async function quarantineFailed(
  ctx: ProcessingContext,
  uid: number,
  keepsKeywords: boolean,
): Promise<boolean> {
  if (keepsKeywords) {
    await ctx.client.messageFlagsAdd(String(uid), [failedKeyword], { uid: true });
  }
  if (!(await ctx.client.messageMove(String(uid), ctx.folders.quarantine, { uid: true }))) {
    if (!ctx.client.usable) {
      throw new Error(`connection lost while quarantining message ${uid}`);
    }
    await ensureFolders(ctx.client, [ctx.folders.quarantine]).catch(() => undefined);
    return false;
  }
  return true;
}

/** The pipeline reads the stream to its end; one it gave up on is destroyed, so imapflow stops fetching. */
function finish(raw: Readable | Buffer): void {
  if (!Buffer.isBuffer(raw) && !raw.readableEnded) {
    raw.destroy();
  }
}
