import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LogResult } from '#shared/model/log-result.js';
import {
  defaultMinFreeDiskMB,
  defaultRawRetentionDays,
  type CompanionConfig,
} from '../config/companion-config.js';
import { crmTokensExposed } from '../config/readable-by-others.js';
import { createBlobStore, type BlobStore } from '../core/blob-store.js';
import type { Logger } from '../core/logger.js';
import { createParsePool, type ParsePool } from '../core/parse-pool.js';
import { createPipeline, type Pipeline } from '../core/pipeline.js';
import type { CrmBackend } from '../crm/crm-backend.port.js';
import type { LocalStore } from '../crm/local/local-store.js';
import { openLocalStore } from '../crm/local/open-local-store.js';
import { validateCrmData } from '../crm/local/validate-crm-data.js';
import { createBelongsTo } from '../intake/belongs-to-user.js';
import { createImapIntake, type ImapIntake } from '../intake/imap-intake.js';
import { createNoticeSender } from '../notices/create-notice-sender.js';
import { describeRawMessage } from '../notices/describe-raw-message.js';
import { createOutboxWorker } from '../sync/outbox-worker.js';
import { createCompanionEvents, type CompanionEvents } from './companion-events.js';
import { createCompanionHealth, type CompanionHealth } from './companion-health.js';
import { createFilePrefs, type PrefsStore } from './companion-prefs.js';
import { createBackend } from './create-backend.js';
import { pauseOnLowDisk, type LowDiskGuard } from './pause-on-low-disk.js';
import { pruneRawMessages } from './prune-raw-messages.js';
import { createPairings, type Pairings } from './pairings.js';
import { companionVersion } from './companion-version.js';
import { readStatus } from './read-status.js';
import { toResultEntry } from './to-result-entry.js';

export type Companion = {
  readonly config: CompanionConfig;
  readonly version: string;
  readonly store: LocalStore;
  readonly blobs: BlobStore;
  readonly backend: CrmBackend;
  readonly pipeline: Pipeline;
  /** The IMAP intake: none configured, running, or paused because the disk is nearly full (C1). */
  intakeState(): 'off' | 'running' | 'paused-low-disk';
  /** New and changed results, status, import progress, pairing requests (docs/api.md "Events"). */
  readonly events: CompanionEvents;
  readonly health: CompanionHealth;
  readonly prefs: PrefsStore;
  readonly pairings: Pairings;
  /** After a commit outside the intake (log-now, import, reprocess): notices, outbox and events, as for mail. */
  afterCommit(result: LogResult): void;
  /** A result changed in place (retry, a sync that finished): its event goes out. */
  resultChanged(id: number): void;
  /** Finishes the message in hand, stops the workers, closes the store (SIGTERM, docs/rules.md#results). */
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
export async function startCompanion(
  config: CompanionConfig,
  options: CompanionOptions & {
    /** Default: the preferences file beside the store. The desktop app passes its electron-store. */
    readonly prefs?: PrefsStore;
  },
): Promise<Companion> {
  const health = createCompanionHealth(options.logger);
  const { logger } = health;
  const events = createCompanionEvents();
  const now = options.now ?? (() => new Date());
  const remote = config.backend.kind !== 'local';
  const store = openLocalStore(config.store, { syncTarget: remote ? 'remote' : 'local', logger });
  let pruneTimer: NodeJS.Timeout | undefined;
  // Made by the pipeline, from its own blob store and limits; assigned in that callback, hence no narrowing to null.
  let parsePool = null as ParsePool | null;
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
    const pipeline = createPipeline({
      store,
      blobs,
      backend,
      parsePool: (stage) => {
        parsePool = createParsePool({ stage, blobSync: true, workers: 1, extractForward: true });
        return parsePool;
      },
    });
    const notices = createNoticeSender({
      smtp: config.smtp,
      store,
      describeMessage: describeRawMessage(blobs, store),
      logger,
    });
    const emitResult = (id: number): void => {
      const entry = store.datedEntry(id);
      if (entry !== null) {
        events.emit({ type: 'result', entry: toResultEntry(entry) });
      }
    };
    const outbox = remote
      ? createOutboxWorker({ store, backend, logger, batchSize: 100, onSettled: emitResult })
      : null;
    outbox?.start();
    const prefs = options.prefs ?? createFilePrefs(config.store);
    const pairings = createPairings({
      storeDir: config.store,
      onChange: (view) => events.emit({ type: 'pairing', pairings: view }),
    });

    let companion: Companion | null = null;
    let emittedUpTo = store.latestResultId();
    const emitStatus = (): void => {
      if (companion !== null) {
        events.emit({ type: 'status', status: readStatus(companion) });
      }
    };
    // Every result committed since the last event goes out oldest first, whoever committed it.
    const emitNewResults = (): void => {
      const fresh = store.pageEntries({ limit: 1000 }).filter((e) => e.id > emittedUpTo);
      for (const entry of fresh.reverse()) {
        events.emit({ type: 'result', entry: toResultEntry(entry) });
        emittedUpTo = Math.max(emittedUpTo, entry.id);
      }
      emitStatus();
    };
    const afterCommit = (result: LogResult): void => {
      outbox?.notify();
      notices
        .sendPending()
        .catch((error: unknown) => logger.error('notice sender failed', { error: String(error) }));
      emitNewResults();
      options.onResult?.(result);
    };
    health.onChange(emitStatus);
    let intake: LowDiskGuard | null = null;
    const mailbox = config.mailbox;
    if (mailbox !== undefined) {
      health.setMailbox('connecting', null);
      const onlyFor = mailbox.onlyFor;
      const makeIntake = (): ImapIntake =>
        createImapIntake({
          mailbox,
          pipeline,
          logger,
          // CONFIG.json mailbox.lowLatency (docs/deployment.md#low-latency-mode); absent: IDLE alone.
          ...(mailbox.lowLatency === undefined
            ? {}
            : { resyncIntervalMs: mailbox.lowLatency.resyncIntervalMs }),
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
    // The outbox worker reports nothing itself: a change of its counts is a sync that finished or failed.
    let outboxCounts = JSON.stringify(store.outboxCounts());
    const outboxWatch = remote
      ? setInterval(() => {
          const counts = JSON.stringify(store.outboxCounts());
          if (counts !== outboxCounts) {
            outboxCounts = counts;
            emitStatus();
          }
        }, 1000)
      : null;
    outboxWatch?.unref();
    companion = {
      config,
      version: companionVersion,
      store,
      blobs,
      backend,
      pipeline,
      events,
      health,
      prefs,
      pairings,
      afterCommit,
      resultChanged(id) {
        outbox?.notify();
        emitResult(id);
        emitStatus();
      },
      intakeState: () =>
        intake === null ? 'off' : intake.state() === 'paused' ? 'paused-low-disk' : 'running',
      async stop() {
        clearInterval(pruneTimer);
        await pruning;
        if (outboxWatch !== null) {
          clearInterval(outboxWatch);
        }
        await intake?.stop();
        health.setMailbox('stopped', null);
        await outbox?.stop();
        await parsePool?.close();
        notices.close();
        store.close();
        logger.info('companion stopped');
      },
    };
    return companion;
  } catch (error) {
    clearInterval(pruneTimer);
    await parsePool?.close();
    store.close();
    throw error;
  }
}
