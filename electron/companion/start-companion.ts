import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LogResult } from '../../shared/model/log-result.js';
import {
  defaultMinFreeDiskMB,
  defaultRawRetentionDays,
  type CompanionConfig,
} from '../config/companion-config.js';
import { crmTokensExposed } from '../config/readable-by-others.js';
import { createBlobStore } from '../core/blob-store.js';
import { defaultParseLimits } from '../core/limits.js';
import type { Logger } from '../core/logger.js';
import { createParsePool, type ParsePool } from '../core/parse-pool.js';
import { createPipeline, type Pipeline } from '../core/pipeline.js';
import type { LocalStore } from '../crm/local/local-store.js';
import { openLocalStore } from '../crm/local/open-local-store.js';
import { validateCrmData } from '../crm/local/validate-crm-data.js';
import { createBelongsTo } from '../intake/belongs-to-user.js';
import { createImapIntake, type ImapIntake } from '../intake/imap-intake.js';
import { createNoticeSender } from '../notices/create-notice-sender.js';
import { describeRawMessage } from '../notices/describe-raw-message.js';
import { createOutboxWorker } from '../sync/outbox-worker.js';
import { createBackend } from './create-backend.js';
import { pauseOnLowDisk, type LowDiskGuard } from './pause-on-low-disk.js';
import { pruneRawMessages } from './prune-raw-messages.js';

export type Companion = {
  readonly store: LocalStore;
  readonly pipeline: Pipeline;
  /** The IMAP intake: none configured, running, or paused because the disk is nearly full (C1). */
  intakeState(): 'off' | 'running' | 'paused-low-disk';
  /** Finishes the message in hand, stops the workers, closes the store (SIGTERM, SPEC §7). */
  stop(): Promise<void>;
};

export type CompanionOptions = {
  readonly logger: Logger;
  readonly onResult?: (result: LogResult) => void;
  /** How often free disk space is read (default 30 s). */
  readonly diskCheckIntervalMs?: number;
  /** How often raw messages past retention are pruned after the prune at start (default daily). */
  readonly pruneIntervalMs?: number;
  /** The clock retention counts from (tests). */
  readonly now?: () => Date;
};

/**
 * The running product (C1, C3, N1–N2): the embedded store, the pipeline, the IMAP intake when a mailbox is
 * configured (paused while the disk is nearly full), the notice sender, and the outbox worker when the backend is
 * remote. Each committed result wakes the notice sender and the outbox. Raw messages past their retention are
 * pruned at start and daily (C1).
 */
export async function startCompanion(config: CompanionConfig, options: CompanionOptions): Promise<Companion> {
  const { logger } = options;
  const now = options.now ?? (() => new Date());
  const remote = config.backend.kind !== 'local';
  const store = openLocalStore(config.store, { syncTarget: remote ? 'remote' : 'local', logger });
  let pruneTimer: NodeJS.Timeout | undefined;
  let parsePool: ParsePool | null = null;
  try {
    if (config.crm !== undefined) {
      const data = validateCrmData(JSON.parse(await readFile(config.crm, 'utf8')));
      if (!data.ok) {
        throw new Error(`${config.crm}: ${data.error}`);
      }
      const exposed = await crmTokensExposed(config.crm, data.value);
      if (exposed !== null) {
        throw new Error(exposed);
      }
      store.importCrm(data.value);
    }
    // The companion's blobs are fsynced: the IMAP MOVE that follows removes the only other copy (C1).
    const blobs = createBlobStore(path.join(config.store, 'blobs'), { sync: true });
    const staleTemp = await blobs.removeStaleTemp();
    if (staleTemp > 0) {
      logger.info('temp files of interrupted blob writes removed', { count: staleTemp });
    }
    // C1 retention, at start and then daily.
    const retentionDays = config.rawRetentionDays ?? defaultRawRetentionDays;
    const prune = (): Promise<number> => pruneRawMessages(store, blobs, retentionDays, { now, logger });
    await prune();
    let pruning: Promise<unknown> = Promise.resolve();
    pruneTimer = setInterval(
      () => {
        pruning = pruning
          .then(prune)
          .catch((error: unknown) => logger.error('pruning raw messages failed', { error: String(error) }));
      },
      options.pruneIntervalMs ?? 24 * 60 * 60_000,
    );
    pruneTimer.unref();
    const backend = createBackend(config.backend, { store, blobPath: (sha) => blobs.path(sha), logger });
    // C7: parse and forward extraction in a worker, so that one hostile message never stalls this thread.
    parsePool = createParsePool({ blobDir: blobs.dir, blobSync: true, workers: 1, extractForward: true });
    const pipeline = createPipeline({ store, blobs, backend, parsePool });
    const notices = createNoticeSender({
      smtp: config.smtp,
      store,
      describeMessage: describeRawMessage(blobs),
      logger,
    });
    const outbox = remote ? createOutboxWorker({ store, backend, logger, batchSize: 100 }) : null;
    outbox?.start();

    const afterCommit = (result: LogResult): void => {
      outbox?.notify();
      notices
        .sendPending()
        .catch((error: unknown) => logger.error('notice sender failed', { error: String(error) }));
      options.onResult?.(result);
    };
    let intake: LowDiskGuard | null = null;
    const mailbox = config.mailbox;
    if (mailbox !== undefined) {
      const onlyFor = mailbox.onlyFor;
      const makeIntake = (): ImapIntake =>
        createImapIntake({
          mailbox,
          pipeline,
          logger,
          maxMessageBytes: defaultParseLimits.maxMessageBytes,
          onResult: (result, folder) => {
            logger.info('log result', {
              status: result.status,
              reasons: result.reasons,
              folder,
              messageId: result.messageId,
            });
            afterCommit(result);
          },
          ...(onlyFor === undefined
            ? {}
            : {
                belongsTo: createBelongsTo(onlyFor, () => ({
                  settings: store.settings(),
                  users: store.listUsers(),
                })),
                factsRevision: () => store.accountRevision(),
              }),
        });
      intake = await pauseOnLowDisk({
        dir: config.store,
        floorBytes: (config.minFreeDiskMB ?? defaultMinFreeDiskMB) * 1024 * 1024,
        intervalMs: options.diskCheckIntervalMs ?? 30_000,
        logger,
        start: async () => {
          const started = makeIntake();
          await started.start();
          return started;
        },
      });
    }
    // Notices left unsent by an earlier run (a crash, SMTP down) go out now.
    await notices.sendPending();
    logger.info('companion started', {
      store: config.store,
      mailbox: config.mailbox
        ? `${config.mailbox.user}@${config.mailbox.host}:${config.mailbox.port}/${config.mailbox.folder}`
        : null,
      backend: config.backend.kind,
      notices: config.smtp ? 'smtp' : 'listed only',
    });
    return {
      store,
      pipeline,
      intakeState: () =>
        intake === null ? 'off' : intake.state() === 'paused' ? 'paused-low-disk' : 'running',
      async stop() {
        clearInterval(pruneTimer);
        await pruning;
        await intake?.stop();
        await outbox?.stop();
        await parsePool?.close();
        notices.close();
        store.close();
        logger.info('companion stopped');
      },
    };
  } catch (error) {
    clearInterval(pruneTimer);
    await parsePool?.close();
    store.close();
    throw error;
  }
}
