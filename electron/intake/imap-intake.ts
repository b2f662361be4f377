import type { ImapFlow } from 'imapflow';
import type { LogResult } from '../../shared/model/log-result.js';
import type { MailboxConfig } from './mailbox-config.js';
import { defaultParseLimits } from '../core/limits.js';
import type { Pipeline } from '../core/pipeline.js';
import type { BelongsTo } from './belongs-to-user.js';
import { claimMessages } from './claim-messages.js';
import { assertMailboxTls, createImapClient, isTlsRefusal } from './create-imap-client.js';
import { ensureFolders } from './ensure-folders.js';
import { defaultIntakeFolders, processingFolderFor, type IntakeFolders } from './intake-folders.js';
import { silentLogger, type Logger as IntakeLogger } from '../core/logger.js';
import type { OnIntakeStep } from './intake-step.js';
import { processClaimed, type ProcessingContext, type RetrySchedule } from './process-claimed.js';
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
  /** Must equal the pipeline's `maxMessageBytes` parse limit (default the same default). */
  readonly maxMessageBytes?: number;
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
 * the companion's own Processing folder (reliability-security.md §1.4). One session per connection:
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
  const notMine = new Set<string>();
  let notMineRevision = options.factsRevision?.();
  /** An alias or token added since may make a remembered stranger's message the user's: ask again, once. */
  function forgetNotMineWhenFactsChange(): void {
    const revision = options.factsRevision?.();
    if (revision !== notMineRevision) {
      notMine.clear();
      notMineRevision = revision;
    }
  }
  let stopping = false;
  let running: Promise<void> | null = null;
  async function run(): Promise<void> {
    let failures = 0;
    while (!stopping) {
      const client = createImapClient(mailbox, timing, logger);
      const onExists = (event: { path: string }): void => {
        if (event.path === mailbox.folder) {
          wake.wake();
        }
      };
      const onClose = (): void => wake.wake();
      const onError = (error: Error): void => {
        logger.warn('IMAP connection error', { error: error.message });
      };
      client.on('exists', onExists);
      client.on('close', onClose);
      // The error listener stays: imapflow may still emit an error after close, and an unheard one would crash.
      client.on('error', onError);
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
          logSessionEnd(error);
        }
      } finally {
        await closeClient(client, stopping);
        client.off('exists', onExists);
        client.off('close', onClose);
      }
      if (!stopping) {
        failures += 1;
        await wake.sleep(backoffDelay(failures, reconnect));
      }
    }
  }

  /** C1: a server without TLS is refused, not used in cleartext; say so in words, as an error. */
  function logSessionEnd(error: unknown): void {
    if (isTlsRefusal(error)) {
      logger.error('IMAP server offers no TLS: not logging in over cleartext', {
        host: mailbox.host,
        port: mailbox.port,
        error: error instanceof Error ? error.message : String(error),
        fix: 'enable STARTTLS or implicit TLS (secure: true) on the server; "tls": "none" is for loopback only',
      });
    } else {
      logger.warn('IMAP session ended', { error: String(error) });
    }
  }

  /** One session: returns when stopping, throws when the connection is lost. */
  async function serve(client: ImapFlow): Promise<void> {
    let inPipeline = false;
    const watchdog = startWatchdog(client, maxIdleTimeMs, () => inPipeline, logger);
    const context: ProcessingContext = {
      client,
      pipeline,
      folders,
      processing,
      maxMessageBytes: options.maxMessageBytes ?? defaultParseLimits.maxMessageBytes,
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
        forgetNotMineWhenFactsChange();
        await drainProcessing(context);
        if (stopping) {
          return;
        }
        const claimed = await claimMessages({
          client,
          watched: mailbox.folder,
          processing,
          notMine,
          batchSize: options.claimBatchSize ?? 20,
          ...(options.belongsTo ? { belongsTo: options.belongsTo } : {}),
          ...(options.onStep ? { onStep: options.onStep } : {}),
        });
        if (claimed > 0 || stopping) {
          continue;
        }
        await wake.wait(Math.min(pollIntervalMs - (now() - lastPoll), nextRetryIn()));
      }
    } finally {
      clearInterval(watchdog);
    }
  }

  async function drainProcessing(context: ProcessingContext): Promise<void> {
    const { client } = context;
    const status = await client.status(processing, { messages: true });
    if (!status || !status.messages) {
      return;
    }
    const box = await client.mailboxOpen(processing);
    const validity = String(box.uidValidity);
    const uids = (await client.search({ all: true }, { uid: true })) || [];
    for (const uid of uids) {
      if (stopping) {
        return;
      }
      await processClaimed(context, uid, validity);
    }
  }

  function nextRetryIn(): number {
    let next = Number.POSITIVE_INFINITY;
    for (const schedule of retryAt.values()) {
      next = Math.min(next, schedule.at - now());
    }
    return Math.max(0, next);
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

/**
 * Silent IDLE death (imapflow #14, #98; reliability-security.md §1.2): IDLE is restarted every `maxIdleTimeMs`, so
 * a live server sends something at least that often, and every command is answered at once. No data for twice as
 * long means the connection is dead without anyone having said so (a half-open TCP connection after sleep or a
 * Wi-Fi change): close it, and the session ends and reconnects. The time spent in the pipeline does not count.
 */
function startWatchdog(
  client: ImapFlow,
  maxIdleTimeMs: number,
  isInPipeline: () => boolean,
  logger: IntakeLogger,
): NodeJS.Timeout {
  let received = client.stats().received;
  let lastDataAt = Date.now();
  const timer = setInterval(
    () => {
      const current = client.stats().received;
      if (current !== received || isInPipeline()) {
        received = current;
        lastDataAt = Date.now();
        return;
      }
      if (Date.now() - lastDataAt > 2 * maxIdleTimeMs) {
        logger.warn('no data from the IMAP server: reconnecting', { silentMs: Date.now() - lastDataAt });
        clearInterval(timer);
        client.close();
      }
    },
    Math.max(50, Math.min(1_000, Math.floor(maxIdleTimeMs / 4))),
  );
  timer.unref();
  return timer;
}

/** Logs out when stopping (bounded: a dead server must not hold up SIGTERM); otherwise just drops the socket. */
async function closeClient(client: ImapFlow, graceful: boolean): Promise<void> {
  if (graceful && client.usable) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      client.logout().catch(() => {}),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, 5_000);
      }),
    ]);
    clearTimeout(timer);
  }
  client.close();
}
