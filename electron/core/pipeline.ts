import type { Readable } from 'node:stream';
import type { Decision } from '#shared/model/decision.js';
import type { LogResult } from '#shared/model/log-result.js';
import type { Envelope, ParsedMessage } from '#shared/model/parsed-message.js';
import { quarantineDecision } from '#shared/rules/quarantine-decision.js';
import type { CrmBackend } from '../crm/crm-backend.port.js';
import type { LocalStore } from '../crm/local/local-store.js';
import { assertNever } from '#shared/util/assert-never.js';
import type { BlobStore } from './blob-store.js';
import { createFactsDecider } from './decide-with-facts.js';
import { resolveParseLimits, type ParseLimits } from './limits.js';
import { fromStore, PipelineError } from './pipeline-error.js';
import type { ParsePool, ParseStage } from './parse-pool.js';
import { prepareInPool } from './prepare-in-pool.js';
import { prepareMessage, type PreparedMessage } from './prepare-message.js';

/** One message as every intake hands it over: raw RFC 5322 bytes plus where it came from (docs/architecture.md). */
export type RawMessage = {
  readonly raw: Readable | Buffer;
  readonly envelope: Envelope;
  /** The file name the CLI reports the result under. */
  readonly file?: string;
  /** C1: the commit that an IMAP MOVE depends on must survive power loss. */
  readonly durable?: boolean;
  /**
   * C1: these bytes may have been committed already by a run that crashed before filing them; if so, answer with
   * that result instead of logging them again (exactly once).
   */
  readonly resume?: boolean;
  /**
   * Keep these bytes, when small, in the store with the result rather than as a blob file
   * (`PrepareOptions.smallRawInCommit`): the back-fill, and a reprocess of bytes the store already holds.
   */
  readonly smallRawInCommit?: boolean;
};

/** What the pipeline reads from and writes to the local store: facts, the one commit, and the raw-bytes lookup (C1). */
export type PipelineStore = Pick<LocalStore, 'fetchFacts' | 'commit' | 'resultForRaw'>;

export type PipelineDeps = {
  readonly store: PipelineStore;
  /** Where the facts come from (read-through, docs/rules.md#words); default the local store itself. */
  readonly backend?: CrmBackend;
  readonly blobs: BlobStore;
  readonly limits?: Partial<ParseLimits>;
  readonly now?: () => Date;
  /**
   * Where parse and forward extraction run (C7): makes the pool from this pipeline's blob store and limits
   * (`createParsePool({ stage, … })`). Without one they run on the calling thread (the CLI's one-shot commands).
   */
  readonly parsePool?: (stage: ParseStage) => ParsePool;
};

/** What stage 2 needs besides the prepared message (`RawMessage` without its bytes). */
export type MessageMeta = Omit<RawMessage, 'raw' | 'resume' | 'smallRawInCommit'> & {
  readonly receivedAt?: string;
};

export type Pipeline = ParseStage & {
  /**
   * The blob store the raw messages and attachments are kept in, and the parse limits (resolved): an intake or a
   * parse pool that must agree with the pipeline reads them here.
   */
  readonly blobs: BlobStore;
  logMessage(message: RawMessage): Promise<LogResult>;
  /**
   * Stage 1 alone (raw kept, parsed; in the parse pool when there is one), for a caller that commits it later with
   * `logPrepared`: the IMAP intake starts it for each message its claim won, while the claim MOVEs them.
   */
  prepare(
    raw: RawMessage['raw'],
    options?: Pick<RawMessage, 'resume' | 'smallRawInCommit'>,
  ): Promise<PreparedMessage>;
  /**
   * Stage 2 alone, for a message whose stage 1 (`prepareMessage`: raw kept, parsed) ran elsewhere, in a parse
   * worker (`parse-pool.ts`) sharing this pipeline's blob store folder.
   */
  logPrepared(prepared: PreparedMessage, meta: MessageMeta): Promise<LogResult>;
  /** A3, A4: the decision a commit would write, from the same facts and `decide()`, with nothing written. */
  preview(message: ParsedMessage, envelope: Envelope): Promise<Decision>;
};

/**
 * Raw bytes → parsed → decision → one SQLite transaction. The raw message is kept first (content-addressed), so a
 * message that then fails to parse is quarantined with its bytes (R3) and one that is logged can be reprocessed.
 * Reading the raw bytes obeys the same hard limits as the parse (R3): a source over `maxMessageBytes` is
 * `message-too-large` and one still unfinished after `parseTimeoutMs` (a stalled connection) is `parse-timeout`,
 * both without keeping anything.
 *
 * Faults, and how each is reported (the source is untouched in every case, so the intake can try again):
 * - the blob store fails (disk full, read-only folder): a committed `rejected` result with `storage-error`;
 * - the local store fails (locked past its busy timeout, disk full, read-only): a `PipelineError`
 *   (`STORE.UNAVAILABLE`), thrown because a commit cannot record its own failure;
 * - the CRM backend fails to give the facts (outage, malformed response): a `PipelineError` (`CRM.UNAVAILABLE`),
 *   with nothing committed, so the message is retried rather than filed as rejected for a fault not its own.
 * The caller reports a `PipelineError` as `storage-error`.
 */
export function createPipeline(deps: PipelineDeps): Pipeline {
  const now = deps.now ?? (() => new Date());
  const limits = resolveParseLimits(deps.limits);
  const parsePool = deps.parsePool?.({ blobs: deps.blobs, limits });
  const decideParsed = createFactsDecider(deps.store, deps.backend);

  /** Stage 2, on the thread that owns the store: the facts, `decide()`, and one transaction. */
  async function decideAndCommit(prepared: PreparedMessage, meta: MessageMeta): Promise<LogResult> {
    const receivedAt = meta.receivedAt ?? now().toISOString();
    // The raw bytes no blob file holds (a small back-filled message) go into the store with their result.
    const raw = prepared.kind === 'committed' ? undefined : prepared.raw;
    const commit = (decision: Decision, rawSha256: string | null, messageId?: string | null): LogResult =>
      fromStore(
        () =>
          deps.store.commit({
            decision,
            rawSha256,
            ...(raw === undefined ? {} : { raw }),
            receivedAt,
            ...(meta.file === undefined ? {} : { file: meta.file }),
            ...(messageId === undefined ? {} : { messageId }),
            ...(meta.durable === undefined ? {} : { durable: meta.durable }),
          }),
        rawSha256,
      );
    switch (prepared.kind) {
      case 'committed': {
        const earlier = fromStore(() => deps.store.resultForRaw(prepared.rawSha256), prepared.rawSha256);
        if (earlier !== null) {
          return earlier.result;
        }
        throw new PipelineError('STORE.UNAVAILABLE', 'a committed result vanished from the journal', {
          cause: undefined,
          rawSha256: prepared.rawSha256,
        });
      }
      case 'storage-error':
        return commit(quarantineDecision('storage-error', meta.envelope), prepared.rawSha256);
      case 'unparsable':
        return commit(quarantineDecision(prepared.reason, meta.envelope), prepared.rawSha256, null);
      case 'parsed': {
        const decision = await decideParsed(prepared.message, meta.envelope, prepared.rawSha256);
        return commit(decision, prepared.rawSha256, prepared.message.messageId);
      }
      default:
        return assertNever(prepared);
    }
  }

  function prepare(
    raw: RawMessage['raw'],
    { resume, smallRawInCommit }: Pick<RawMessage, 'resume' | 'smallRawInCommit'>,
  ): Promise<PreparedMessage> {
    const alreadyCommitted = (sha256: string): boolean =>
      fromStore(() => deps.store.resultForRaw(sha256), sha256) !== null;
    // C1 resume: bytes a crashed run already committed are answered from the journal, not parsed again.
    const options = {
      ...(resume === true ? { alreadyCommitted } : {}),
      ...(smallRawInCommit === undefined ? {} : { smallRawInCommit }),
    };
    return parsePool === undefined
      ? prepareMessage(raw, deps.blobs, limits, options)
      : prepareInPool(parsePool, raw, { blobs: deps.blobs, limits }, options);
  }

  return {
    blobs: deps.blobs,
    limits,
    async logMessage({ raw, envelope, file, durable, resume, smallRawInCommit }) {
      const receivedAt = now().toISOString();
      const prepared = await prepare(raw, { resume, smallRawInCommit });
      return decideAndCommit(prepared, {
        envelope,
        receivedAt,
        ...(file === undefined ? {} : { file }),
        ...(durable === undefined ? {} : { durable }),
      });
    },
    prepare: (raw, options) => prepare(raw, options ?? {}),
    logPrepared: decideAndCommit,
    preview: (message, envelope) => decideParsed(message, envelope, null),
  };
}
