import type { ImapFlow } from 'imapflow';
import type { LogResult } from '../../shared/model/log-result.js';
import type { MailboxConfig } from './mailbox-config.js';
import type { Pipeline } from '../core/pipeline.js';
import type { BelongsTo } from './belongs-to-user.js';
import { claimMessages } from './claim-messages.js';
import { assertMailboxTls, createImapClient } from './create-imap-client.js';
import { listenImapClient } from './listen-imap-client.js';
import { logImapSessionEnd } from './log-imap-session-end.js';
import { ensureFolders } from './ensure-folders.js';
import { defaultIntakeFolders, processingFolderFor, type IntakeFolders } from './intake-folders.js';
import { silentLogger, type Logger as IntakeLogger } from '../core/logger.js';
import type { OnIntakeStep } from './intake-step.js';
import { type ProcessingContext, type RetrySchedule } from './process-claimed.js';
import { closeImapClient } from './close-imap-client.js';
import { drainProcessing, nextRetryIn } from './drain-processing.js';
import { startImapWatchdog } from './imap-watchdog.js';
import { createNotMineMemory } from './not-mine-memory.js';
import { createAttemptLedger } from './processing-attempts.js';
import { backoffDelay, type BackoffPolicy } from '../../shared/util/backoff-delay.js';
import { createWakeSignal } from '../core/wake-signal.js';

export type ImapIntakeOptions = {
  readonly mailbox: MailboxConfig;
  readonly pipeline: Pipeline;
  readonly logger?: IntakeLogger;
  /** Every committed result, with the folder the message was filed in (Processing after a storage error). */
  readonly onResult?: (result: LogResult, folder: string) => void;
  /** Test hook: called at each step of the cycle (crash tests kill the process there). */
  readonly onStep?: OnIntakeStep;
  /**
   * Required with `mailbox.onlyFor` (C1 shared mode, per-user companion): which messages are the user's. Build it
   * with `createBelongsTo(onlyFor, readFacts)` over the local store.
   */
  readonly belongsTo?: BelongsTo;
  /**
   * With `belongsTo`: a number that changes when the facts it reads change (`store.accountRevision`). Messages
   * found to be someone else's are remembered by UIDVALIDITY and UID and asked about again only then (an alias
   * added), never re-read on every poll. Absent: remembered until they leave the folder.
   */
  readonly factsRevision?: () => number;
  readonly folders?: Partial<IntakeFolders>;
  /** The fallback poll: the watched folder is searched this often whatever IDLE says. Default 60 s. */
  readonly pollIntervalMs?: number;
  /**
   * IDLE is restarted this often (imapflow `maxIdleTime`); a connection with no server data for twice this long
   * while waiting is taken as dead (silent IDLE death) and replaced. Default 5 min (RFC 2177 asks for < 29 min).
   */
  readonly maxIdleTimeMs?: number;
  /** Quiet time before IDLE starts after the last command. Default 500 ms. */
  readonly autoIdleDelayMs?: number;
  /** Reconnection delays (exponential with jitter, capped, reset after a successful connection). */
  readonly reconnect?: BackoffPolicy;
  /** Delays before a message left in Processing (storage error, failed try) is tried again. */
  readonly retry?: BackoffPolicy;
  /** Tries of one message before it is put in Quarantine. Default 5. */
  readonly maxAttempts?: number;
  /** Messages claimed per MOVE. Default 20. */
  readonly claimBatchSize?: number;
};

export type ImapIntake = {
  /** Starts watching in the background (connection problems are retried, never thrown). */
  start(): Promise<void>;
  /** Finishes the message in hand, logs out and resolves (SIGTERM). */
  stop(): Promise<void>;
};

/**
 * C1: watches the logging mailbox over IMAP and logs each message exactly once, by claim-then-process through
 * the companion's own Processing folder (docs/architecture.md#claim-then-process). One session per connection:
 *
 * 1. connect (a new ImapFlow each time) and create the companion's folders when missing;
 * 2. finish what is in Processing (claims a crashed run left behind, `resume`d by the pipeline);
 * 3. claim a batch from the watched folder (MOVE), process it, and repeat until nothing is left to claim;
 * 4. wait for IDLE `exists`, the fallback poll, or the next retry of a waiting message; go to 2.
 *
 * A session ends when the connection closes or errs, or when the watchdog finds it silent while waiting; then a new
 * one starts after an exponential, jittered, capped delay.
 */
export function createImapIntake(options: ImapIntakeOptions): ImapIntake {
  const { mailbox, pipeline } = options;
  if (mailbox.password === undefined && mailbox.accessToken === undefined) {
    throw new Error(`mailbox ${mailbox.user}@${mailbox.host}: neither a password nor an access token is set`);
  }
  assertMailboxTls(mailbox);
  if (mailbox.onlyFor !== undefined && options.belongsTo === undefined) {
    throw new Error('mailbox.onlyFor needs a belongsTo predicate (createBelongsTo)');
  }
  const logger = options.logger ?? silentLogger;
  const folders: IntakeFolders = { ...defaultIntakeFolders, ...options.folders };
  const processing = processingFolderFor(folders, mailbox.onlyFor);
  const pollIntervalMs = options.pollIntervalMs ?? 60_000;
  const maxIdleTimeMs = options.maxIdleTimeMs ?? 5 * 60_000;
  const timing = { maxIdleTimeMs, autoIdleDelayMs: options.autoIdleDelayMs ?? 500 };
  const reconnect = options.reconnect ?? { initialMs: 1_000, maxMs: 5 * 60_000 };
  const retry = options.retry ?? { initialMs: 5_000, maxMs: 10 * 60_000 };
  const now = (): number => Date.now();

  const wake = createWakeSignal();
  const attempts = createAttemptLedger();
  const retryAt = new Map<string, RetrySchedule>();
  const notMine = createNotMineMemory(options.factsRevision);
  let stopping = false;
  let running: Promise<void> | null = null;
  async function run(): Promise<void> {
    let failures = 0;
    while (!stopping) {
      const client = createImapClient(mailbox, timing, logger);
      const unlisten = listenImapClient(client, mailbox.folder, () => wake.wake(), logger);
      try {
        await client.connect();
        await ensureFolders(client, [
          processing,
          folders.logged,
          folders.skipped,
          folders.rejected,
          folders.quarantine,
        ]);
        failures = 0;
        logger.info('IMAP connected', { host: mailbox.host, folder: mailbox.folder });
        await serve(client);
      } catch (error) {
        if (!stopping) {
          logImapSessionEnd(logger, mailbox, error);
        }
      } finally {
        await closeImapClient(client, stopping);
        unlisten();
      }
      if (!stopping) {
        failures += 1;
        await wake.sleep(backoffDelay(failures, reconnect));
      }
    }
  }

  /** One session: returns when stopping, throws when the connection is lost. */
  async function serve(client: ImapFlow): Promise<void> {
    let inPipeline = false;
    const watchdog = startImapWatchdog(client, maxIdleTimeMs, () => inPipeline, logger);
    const context: ProcessingContext = {
      client,
      pipeline,
      folders,
      processing,
      maxMessageBytes: pipeline.limits.maxMessageBytes,
      maxAttempts: options.maxAttempts ?? 5,
      attempts,
      retryAt,
      retry,
      logger,
      now,
      setInPipeline: (value) => {
        inPipeline = value;
      },
      ...(options.onResult ? { onResult: options.onResult } : {}),
      ...(options.onStep ? { onStep: options.onStep } : {}),
    };
    let lastPoll = now();
    try {
      while (!stopping) {
        assertUsable(client);
        if (now() - lastPoll >= pollIntervalMs) {
          lastPoll = now();
        }
        notMine.refresh();
        await drainProcessing(context, () => stopping);
        if (stopping) {
          return;
        }
        const claimed = await claimMessages({
          client,
          watched: mailbox.folder,
          processing,
          notMine: notMine.notMine,
          batchSize: options.claimBatchSize ?? 20,
          ...(options.belongsTo ? { belongsTo: options.belongsTo } : {}),
          ...(options.onStep ? { onStep: options.onStep } : {}),
        });
        if (claimed > 0 || stopping) {
          continue;
        }
        await wake.wait(Math.min(pollIntervalMs - (now() - lastPoll), nextRetryIn(retryAt, now())));
      }
    } finally {
      clearInterval(watchdog);
    }
  }

  return {
    async start() {
      if (running !== null) {
        return;
      }
      running = run().catch((error: unknown) => {
        logger.error('IMAP intake stopped unexpectedly', { error: String(error) });
      });
    },
    async stop() {
      stopping = true;
      wake.wake();
      await running;
    },
  };
}

function assertUsable(client: ImapFlow): void {
  if (!client.usable) {
    throw new Error('the IMAP connection is closed');
  }
}
