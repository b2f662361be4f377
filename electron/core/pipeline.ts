import { createReadStream } from 'node:fs';
import { pipeline as pipeStreams, Readable, Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';
import type { Facts, FactsQuery } from '../../shared/model/crm-data.js';
import type { Decision } from '../../shared/model/decision.js';
import type { LogResult } from '../../shared/model/log-result.js';
import type { Envelope, ParsedMessage } from '../../shared/model/parsed-message.js';
import { decide } from '../../shared/rules/decide.js';
import { namesToRetry, neededFacts } from '../../shared/rules/needed-facts.js';
import { quarantineDecision } from '../../shared/rules/quarantine-decision.js';
import type { CrmBackend } from '../crm/crm-backend.port.js';
import type { LocalStore } from '../crm/local/local-store.js';
import { BlobStoreError, type BlobStore, type StoredBlob } from './blob-store.js';
import { resolveParseLimits, type ParseLimits } from './limits.js';
import { parseMime } from './parse-mime.js';
import { PipelineError } from './pipeline-error.js';

/** One message as every intake hands it over: raw RFC 5322 bytes plus where it came from (ARCHITECTURE). */
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
};

export type PipelineDeps = {
  readonly store: LocalStore;
  /** Where the facts come from (read-through, SPEC §0); default the local store itself. */
  readonly backend?: CrmBackend;
  readonly blobs: BlobStore;
  readonly limits?: Partial<ParseLimits>;
  readonly now?: () => Date;
};

export type Pipeline = { logMessage(message: RawMessage): Promise<LogResult> };

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

  async function fetchFacts(query: FactsQuery, rawSha256: string): Promise<Facts> {
    if (deps.backend === undefined) {
      return fromStore(() => deps.store.fetchFacts(query), rawSha256);
    }
    try {
      return await deps.backend.fetchFacts(query);
    } catch (error) {
      throw new PipelineError('CRM.UNAVAILABLE', `the ${deps.backend.kind} CRM backend failed`, {
        cause: error,
        rawSha256,
      });
    }
  }

  async function decideParsed(
    message: ParsedMessage,
    envelope: Envelope,
    rawSha256: string,
  ): Promise<Decision> {
    let facts = await fetchFacts(neededFacts(message), rawSha256);
    let decision = decide(message, envelope, facts);
    // F6: a forwarded sender shown by name only is looked up by that name, once.
    const names = namesToRetry(decision);
    if (names.length > 0) {
      const byName = await fetchFacts({ addresses: [], names, identityKeys: [] }, rawSha256);
      facts = { ...facts, contacts: [...facts.contacts, ...byName.contacts] };
      decision = decide(message, envelope, facts);
    }
    // R2: look the decision's own identity keys up, and decide again only when one is already logged.
    const keys = [decision.identity.messageId, decision.identity.contentKey].filter(
      (k): k is string => k !== null,
    );
    if (keys.length === 0) {
      return decision;
    }
    const { logged } = fromStore(
      () => deps.store.fetchFacts({ addresses: [], names: [], identityKeys: keys }),
      rawSha256,
    );
    return logged.length === 0 ? decision : decide(message, envelope, { ...facts, logged });
  }

  return {
    async logMessage({ raw, envelope, file, durable, resume }) {
      const receivedAt = now().toISOString();
      const commit = (decision: Decision, rawSha256: string | null, messageId?: string | null): LogResult =>
        fromStore(
          () =>
            deps.store.commit({
              decision,
              rawSha256,
              receivedAt,
              ...(file === undefined ? {} : { file }),
              ...(messageId === undefined ? {} : { messageId }),
              ...(durable === undefined ? {} : { durable }),
            }),
          rawSha256,
        );
      let rawBlob;
      try {
        rawBlob = await storeRaw(raw, deps.blobs, limits);
      } catch (error) {
        if (error instanceof BlobStoreError) {
          return commit(quarantineDecision('storage-error', envelope), null);
        }
        throw error;
      }
      if (!('sha256' in rawBlob)) {
        return commit(quarantineDecision(rawBlob.reason, envelope), null, null);
      }
      const stored = rawBlob;
      const committed = resume
        ? fromStore(() => deps.store.resultForRaw(stored.sha256), stored.sha256)
        : null;
      if (committed !== null) {
        return committed.result;
      }
      let parsed;
      try {
        // Small messages were kept in memory while stored: parse those bytes rather than read the blob back.
        parsed = await parseMime(rawBlob.bytes ?? createReadStream(rawBlob.path), {
          blobs: deps.blobs,
          limits: deps.limits ?? {},
        });
      } catch (error) {
        if (error instanceof BlobStoreError) {
          return commit(quarantineDecision('storage-error', envelope), rawBlob.sha256);
        }
        throw error;
      }
      if (!parsed.ok) {
        return commit(quarantineDecision(parsed.error.reason, envelope), rawBlob.sha256, null);
      }
      const decision = await decideParsed(parsed.value, envelope, rawBlob.sha256);
      return commit(decision, rawBlob.sha256, parsed.value.messageId);
    },
  };
}

/** Runs one call into the local store, turning its failure into a `PipelineError` (`STORE.UNAVAILABLE`). */
function fromStore<T>(action: () => T, rawSha256: string | null): T {
  try {
    return action();
  } catch (error) {
    throw new PipelineError('STORE.UNAVAILABLE', 'the local store failed', { cause: error, rawSha256 });
  }
}

type RawLimitReason = 'message-too-large' | 'parse-timeout';

/**
 * A message up to this size is kept in memory while it is stored, and parsed from there: reading the blob back
 * costs a file open and a stream per message, as much as the store's own write (docs/performance.md). Larger ones
 * are parsed from the blob, streaming, so memory stays flat in message size.
 */
const KEEP_IN_MEMORY_BYTES = 1024 * 1024;

/** The stored raw message, with its bytes when it was small enough to keep. */
type StoredRaw = StoredBlob & { readonly bytes: Buffer | null };

/** The chunks already read, then the rest of the source; stopping early (a write failed) stops the source too. */
async function* resumeChunks(
  head: ReadonlyArray<Buffer>,
  rest: AsyncIterator<Buffer>,
): AsyncGenerator<Buffer> {
  try {
    yield* head;
    for (let next = await rest.next(); next.done !== true; next = await rest.next()) {
      yield next.value;
    }
  } finally {
    await rest.return?.();
  }
}

/** Why reading the raw source was abandoned (a hard limit of R3), carried through the blob store's copy loop. */
class RawLimitError extends Error {
  readonly reason: RawLimitReason;
  constructor(reason: RawLimitReason, detail: string) {
    super(detail);
    this.name = 'RawLimitError';
    this.reason = reason;
  }
}

/**
 * Keeps the raw message in the blob store under the parse's hard limits: a source is counted as it streams and
 * abandoned (destroyed, its temp file removed) once over `maxMessageBytes` or still unfinished after
 * `parseTimeoutMs`. Without this, a stalled or endless source would hang the pipeline or fill the disk before
 * the parse, which has these limits, ever started.
 */
async function storeRaw(
  raw: Readable | Buffer,
  blobs: BlobStore,
  limits: ParseLimits,
): Promise<StoredRaw | { readonly reason: RawLimitReason }> {
  if (Buffer.isBuffer(raw)) {
    if (raw.length > limits.maxMessageBytes) {
      return { reason: 'message-too-large' };
    }
    const stored = await blobs.putBuffer(raw);
    return { ...stored, bytes: raw.length <= KEEP_IN_MEMORY_BYTES ? raw : null };
  }
  let bytes = 0;
  const guard = new Transform({
    transform(chunk: Buffer | string, _encoding: BufferEncoding, done: TransformCallback): void {
      bytes += chunk.length;
      if (bytes > limits.maxMessageBytes) {
        done(new RawLimitError('message-too-large', `over ${limits.maxMessageBytes} bytes`));
        return;
      }
      done(null, chunk);
    },
  });
  // pipeline() listens for errors on both streams and destroys the source when the guard fails.
  pipeStreams(raw, guard, () => undefined);
  const timer = setTimeout(() => {
    guard.destroy(new RawLimitError('parse-timeout', `not read within ${limits.parseTimeoutMs} ms`));
  }, limits.parseTimeoutMs);
  try {
    // Read up to KEEP_IN_MEMORY_BYTES first: a message that ends within them is stored from memory in one
    // write and parsed from there; a longer one is streamed into the store, the bytes read so far first.
    const chunks = guard[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    const head: Buffer[] = [];
    let headBytes = 0;
    while (headBytes <= KEEP_IN_MEMORY_BYTES) {
      const next = await chunks.next();
      if (next.done === true) {
        const whole = Buffer.concat(head, headBytes);
        return { ...(await blobs.putBuffer(whole)), bytes: whole };
      }
      head.push(next.value);
      headBytes += next.value.length;
    }
    const stored = await blobs.put(Readable.from(resumeChunks(head, chunks)));
    return { ...stored, bytes: null };
  } catch (error) {
    if (error instanceof RawLimitError) {
      return { reason: error.reason };
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
