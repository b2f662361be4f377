import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { pipeline as pipeStreams, Readable, Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';
import { extractForward } from '#shared/forward/extract-forward.js';
import { forwardInputOf } from '#shared/rules/read-forwarded-original.js';
import type { ParsedMessage } from '#shared/model/parsed-message.js';
import type { BlobStore } from './blob-store.js';
import { BlobStoreError } from './blob-store-error.js';
import type { ParseLimits } from './limits.js';
import type { ParseFailure } from './parse-failure.js';
import { parseMime } from './parse-mime.js';

/**
 * Stage 1 of the pipeline, the CPU-heavy half: the raw message kept in the blob store, then parsed. Plain data
 * (structured-clonable), so a parse worker can produce it for the thread that owns the store (`parse-pool.ts`).
 */
export type PreparedMessage =
  | ({ readonly kind: 'parsed'; readonly rawSha256: string; readonly message: ParsedMessage } & RawForCommit)
  /** R3: not parsable, or over a hard limit; `rawSha256` is null when the bytes were not kept (over a limit). */
  | ({
      readonly kind: 'unparsable';
      readonly rawSha256: string | null;
      readonly reason: ParseFailure['reason'];
    } & RawForCommit)
  /** The blob store failed (disk full, read-only): the message is fine, the disk is not. */
  | ({ readonly kind: 'storage-error'; readonly rawSha256: string | null } & RawForCommit)
  /** C1 resume: these bytes already have a committed result. */
  | { readonly kind: 'committed'; readonly rawSha256: string };

/**
 * The raw bytes of `rawSha256` when no blob file holds them (`PrepareOptions.smallRawInCommit`): the commit keeps
 * them in the store, in the transaction of their result (`CommitInput.raw`).
 */
export type RawForCommit = { readonly raw?: Uint8Array };

export type PrepareOptions = {
  /** C1 resume: asked once the raw bytes are hashed; true skips the parse (the journal has the result). */
  readonly alreadyCommitted?: (rawSha256: string) => boolean;
  /**
   * A raw message up to `SMALL_RAW_IN_STORE_BYTES` is hashed only and handed to the commit (`RawForCommit`)
   * instead of written to a blob file: the commit writes it into the store's own database in the transaction of its
   * result (the back-fill's batch, the intake's durable commit), which costs less than creating, syncing and
   * renaming one file per message (docs/performance.md). Larger ones still stream into the blob store. Default
   * false.
   */
  readonly smallRawInCommit?: boolean;
};

/** Up to this size a raw message is kept in the store's database (`smallRawInCommit`), not a file. */
export const SMALL_RAW_IN_STORE_BYTES = 128 * 1024;

/**
 * Keeps the raw bytes (content-addressed) first, so a message that then fails to parse is quarantined with its
 * bytes (R3), then parses them under the hard limits. Never throws for the content: only a programming error or
 * a failure of `alreadyCommitted` propagates.
 */
export async function prepareMessage(
  raw: Readable | Buffer,
  blobs: BlobStore,
  limits: ParseLimits,
  options: PrepareOptions = {},
): Promise<PreparedMessage> {
  const kept = await keepRaw(raw, blobs, limits, options.smallRawInCommit ?? false);
  if ('kind' in kept) {
    return kept;
  }
  if (options.alreadyCommitted?.(kept.sha256) === true) {
    return { kind: 'committed', rawSha256: kept.sha256 };
  }
  return parseKept(kept, blobs, limits);
}

/**
 * Raw bytes kept: the blob file (`path`; null when no file holds them, `smallRawInCommit`: the commit keeps
 * `bytes`), and the bytes themselves when the message is small.
 */
export type KeptRaw =
  | { readonly sha256: string; readonly path: string; readonly bytes: Uint8Array | null }
  | { readonly sha256: string; readonly path: null; readonly bytes: Uint8Array };

/**
 * The first half of `prepareMessage`: the raw bytes kept under the byte and read-time limits. I/O only, so the
 * thread that owns the store does it itself and knows the sha256 of a message whose parse it then abandons.
 */
export async function keepRaw(
  raw: Readable | Buffer,
  blobs: BlobStore,
  limits: ParseLimits,
  smallRawInCommit = false,
): Promise<KeptRaw | Extract<PreparedMessage, { kind: 'unparsable' | 'storage-error' }>> {
  let stored;
  try {
    stored = await storeRaw(raw, blobs, limits, smallRawInCommit);
  } catch (error) {
    if (error instanceof BlobStoreError) {
      return { kind: 'storage-error', rawSha256: null };
    }
    throw error;
  }
  if (!('sha256' in stored)) {
    return { kind: 'unparsable', rawSha256: null, reason: stored.reason };
  }
  return stored;
}

/** What the commit must keep of `kept` itself: its bytes, when no blob file holds them. */
export function rawForCommit(kept: KeptRaw): RawForCommit {
  return kept.path === null ? { raw: kept.bytes } : {};
}

/** The second half of `prepareMessage`: the kept bytes parsed under the hard limits. */
export async function parseKept(
  kept: KeptRaw,
  blobs: BlobStore,
  limits: ParseLimits,
): Promise<PreparedMessage> {
  try {
    // Small messages were kept in memory while stored: parse those bytes rather than read the blob back.
    const bytes = kept.bytes;
    const source =
      bytes === null
        ? createReadStream(kept.path ?? '')
        : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const parsed = await parseMime(source, { blobs, limits });
    return parsed.ok
      ? { kind: 'parsed', rawSha256: kept.sha256, message: parsed.value, ...rawForCommit(kept) }
      : { kind: 'unparsable', rawSha256: kept.sha256, reason: parsed.error.reason, ...rawForCommit(kept) };
  } catch (error) {
    if (error instanceof BlobStoreError) {
      return { kind: 'storage-error', rawSha256: kept.sha256, ...rawForCommit(kept) };
    }
    throw error;
  }
}

/**
 * The message with its forward extraction computed (C7): the CPU-heavy reading of F2/F8, done where the
 * parse ran, so that the thread that owns the store only chooses from plain data.
 */
export function withForwardExtraction(prepared: PreparedMessage): PreparedMessage {
  if (prepared.kind !== 'parsed') {
    return prepared;
  }
  const { message } = prepared;
  const forwardExtraction = extractForward(forwardInputOf(message));
  return { ...prepared, message: { ...message, forwardExtraction } };
}

type RawLimitReason = 'message-too-large' | 'parse-timeout';

/**
 * A message up to this size is kept in memory while it is stored, and parsed from there: reading the blob back
 * costs a file open and a stream per message, as much as the store's own write (docs/performance.md). Larger ones
 * are parsed from the blob, streaming, so memory stays flat in message size.
 */
export const KEEP_IN_MEMORY_BYTES = 1024 * 1024;

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
  smallRawInCommit: boolean,
): Promise<KeptRaw | { readonly reason: RawLimitReason }> {
  /** A whole message in memory: hashed only when the commit keeps it, else a blob file. */
  const keepWhole = async (whole: Buffer): Promise<KeptRaw> => {
    if (smallRawInCommit && whole.length <= SMALL_RAW_IN_STORE_BYTES) {
      return { sha256: createHash('sha256').update(whole).digest('hex'), path: null, bytes: whole };
    }
    const stored = await blobs.putBuffer(whole);
    return {
      sha256: stored.sha256,
      path: stored.path,
      bytes: whole.length <= KEEP_IN_MEMORY_BYTES ? whole : null,
    };
  };
  if (Buffer.isBuffer(raw)) {
    if (raw.length > limits.maxMessageBytes) {
      return { reason: 'message-too-large' };
    }
    return keepWhole(raw);
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
        return await keepWhole(Buffer.concat(head, headBytes));
      }
      head.push(next.value);
      headBytes += next.value.length;
    }
    const stored = await blobs.put(Readable.from(resumeChunks(head, chunks)));
    return { sha256: stored.sha256, path: stored.path, bytes: null };
  } catch (error) {
    if (error instanceof RawLimitError) {
      return { reason: error.reason };
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
