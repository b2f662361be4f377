import type { ImapFlow } from 'imapflow';
import type { LogResult } from '#shared/model/log-result.js';
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
import type { OnIntakeNotice, OnIntakeStep } from './intake-step.js';
import { type ProcessingContext, type RetrySchedule } from './process-claimed.js';
import { closeImapClient } from './close-imap-client.js';
import { drainProcessing, nextRetryIn, processClaims, smallBodyBytes } from './drain-processing.js';
import { startImapWatchdog } from './imap-watchdog.js';
import { createNotMineMemory } from './not-mine-memory.js';
import { createAttemptLedger } from './processing-attempts.js';
import { resyncWatched } from './resync-watched.js';
import { backoffDelay, type BackoffPolicy } from '#shared/util/backoff-delay.js';
import { createWakeSignal } from '../core/wake-signal.js';

/**
 * imapflow's `autoIdleDelay`: quiet time after the intake's last command before IDLE starts again; news of a
 * message that arrives meanwhile waits for it (docs/performance.md#what-bounds-each-figure). Kept at 500 ms: a
 * lower value saves at most that much once per burst, against Dovecot's own ~500 ms hold of IDLE news, and costs an
 * IDLE + DONE round trip each time a step pauses longer than it between two commands (a large message's parse, a
 * slow CRM commit), since IDLE then starts and must be ended. The low-latency mode (`resyncIntervalMs`,
 * docs/deployment.md#low-latency-mode) is the way below both.
 */
export const defaultIdleReentryMs = 500;

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
  /** Quiet time before IDLE starts after the last command. Default `defaultIdleReentryMs`. */
  readonly autoIdleDelayMs?: number;
  /**
   * Low-latency mode (CONFIG.json `mailbox.lowLatency.resyncIntervalMs`, for IT's own server): while waiting, the
   * watched folder is re-checked this often (one NOOP, `resync-watched.ts`) instead of waiting for IDLE's news.
   * Absent: IDLE and the fallback poll alone. The config refuses less than 100 ms (`minResyncIntervalMs`).
   */
  readonly resyncIntervalMs?: number;
  /** Optional hook: called when the intake learns of new messages in the watched folder (the bench times from it). */
  readonly onNotice?: OnIntakeNotice;
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
  const timing = { maxIdleTimeMs, autoIdleDelayMs: options.autoIdleDelayMs ?? defaultIdleReentryMs };
  const reconnect = options.reconnect ?? { initialMs: 1_000, maxMs: 5 * 60_000 };
  const retry = options.retry ?? { initialMs: 5_000, maxMs: 10 * 60_000 };
  const now = (): number => Date.now();

  const wake = createWakeSignal();
  const attempts = createAttemptLedger();
  const retryAt = new Map<string, RetrySchedule>();
  const notMine = createNotMineMemory(options.factsRevision);
  let stopping = false;
  /** Set by news of the watched folder (or a close) since the current round began. */
  let news = false;
  let resyncing = false;
  const onNews = (added: number): void => {
    news = true;
    if (added > 0) {
      options.onNotice?.({ via: resyncing ? 'resync' : 'idle', added });
    }
    wake.wake();
  };
  let running: Promise<void> | null = null;
  async function run(): Promise<void> {
    let failures = 0;
    while (!stopping) {
      const client = createImapClient(mailbox, timing, logger);
      const unlisten = listenImapClient(client, mailbox.folder, onNews, logger);
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
    // Processing is drained whole when a session starts (claims a crashed run left), at each fallback poll and when
    // a waiting message is due; in between it holds only what this session's claims put there, processed by UID.
    let drainWhole = true;
    const isStopping = (): boolean => stopping;
    try {
      while (!stopping) {
        assertUsable(client);
        if (now() - lastPoll >= pollIntervalMs) {
          lastPoll = now();
          drainWhole = true;
        }
        news = false;
        notMine.refresh();
        if (drainWhole || nextRetryIn(retryAt, now()) === 0) {
          drainWhole = false;
          await drainProcessing(context, isStopping);
        }
        if (stopping) {
          return;
        }
        const round = await claimMessages({
          client,
          watched: mailbox.folder,
          processing,
          notMine: notMine.notMine,
          batchSize: options.claimBatchSize ?? 20,
          bodyBytes: smallBodyBytes(pipeline.limits.maxMessageBytes),
          // Small raws are kept in the store, in the durable commit itself: one fsync, no file per message.
          prepare: (body) => pipeline.prepare(body, { smallRawInCommit: true }),
          ...(options.belongsTo ? { belongsTo: options.belongsTo } : {}),
          ...(options.onStep ? { onStep: options.onStep } : {}),
        });
        if (round.count > 0 || stopping) {
          // Without COPYUID, or when Processing changed under the claims, the next round lists it whole.
          if (round.claims === undefined || !(await processClaims(context, round.claims, isStopping))) {
            drainWhole = true;
          }
          continue;
        }
        await waitForNews(client, Math.min(pollIntervalMs - (now() - lastPoll), nextRetryIn(retryAt, now())));
      }
    } finally {
      clearInterval(watchdog);
    }
  }

  /**
   * Waits up to `ms` for news of the watched folder (or a stop, or a close). In low-latency mode it asks the server
   * every `resyncIntervalMs` meanwhile, and returns as soon as a resync finds more messages.
   */
  async function waitForNews(client: ImapFlow, ms: number): Promise<void> {
    const interval = options.resyncIntervalMs;
    if (interval === undefined) {
      await wake.wait(ms);
      return;
    }
    const until = now() + ms;
    while (!news && !stopping && now() < until) {
      await wake.wait(Math.min(interval, until - now()));
      if (news || stopping) {
        return;
      }
      assertUsable(client);
      resyncing = true;
      let found: number;
      try {
        found = await resyncWatched(client, mailbox.folder);
      } finally {
        resyncing = false;
      }
      if (found > 0) {
        if (!news) {
          options.onNotice?.({ via: 'resync', added: found });
        }
        return;
      }
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
