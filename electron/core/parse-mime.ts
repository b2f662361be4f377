import { PassThrough, Readable } from 'node:stream';
import { MailParser, parseAddressHeader } from 'mailparser';
import type { AttachmentStream, Headers, MailParserOptions, MessageText } from 'mailparser';
import type { MailAddress, ParsedAttachment, ParsedMessage } from '#shared/model/parsed-message.js';
import { err, ok } from '#shared/util/result.js';
import type { Result } from '#shared/util/result.js';
import { BlobStoreError } from './blob-store-error.js';
import type { BlobStore } from './blob-store.js';
import { buildParsedMessage } from './build-parsed-message.js';
import { resolveParseLimits } from './limits.js';
import type { ParseLimits } from './limits.js';
import { oneLine } from './one-line.js';
import { parseAttachmentName } from './parse-attachment-name.js';
import { malformed, tooLarge, type ParseDefect, type ParseFailure } from './parse-failure.js';
import { isMessageHeader } from './parse-header-lines.js';
import type { RawHeaderLine } from './parse-header-lines.js';
import { mimeDepth, partDepth } from './parse-mime-structure.js';
import { createParseSession, stopParseSession, type ParseSession } from './parse-session.js';
import { createStopper, untilDrained } from './parse-stopper.js';
import type { Stopper } from './parse-stopper.js';

/**
 * The MIME adapter: raw RFC 5322 bytes in, a `ParsedMessage` out. The only file that imports mailparser (the
 * import-boundary rule, CONTRIBUTING.md), so a switch to another parser touches this file alone.
 *
 * It uses mailparser's streaming `MailParser`, never `simpleParser`, which buffers the whole message and every
 * attachment (1 GiB peak for a 100 MB attachment, docs/performance.md): each attachment's content is
 * piped into the content-addressed blob store as it is decoded, so memory stays flat in attachment size.
 *
 * Attached messages (`message/rfc822`, Outlook's "Forward as attachment", F9) are parsed while they stream:
 * their bytes go both to the blob store and into a nested parse with the same blob store, deadline and limits.
 * Such an attachment is listed in `attachments` (it is an attachment of the outer message: a BCC log of that
 * message keeps it, B3) and its parsed form in `attachedMessages` (a forward logs that original, F9, with the
 * original's own attachments, which are listed on it, not on the outer message).
 */

export type ParseMimeOptions = {
  readonly blobs: BlobStore;
  readonly limits?: Partial<ParseLimits>;
};

export type DetailedParse = { readonly message: ParsedMessage; readonly defects: ReadonlyArray<ParseDefect> };

/**
 * Parses one message (R3). Bad input never throws: it is `err` with `malformed-message` (not an email,
 * a broken MIME structure, nesting over the depth limit), `message-too-large` (more input bytes than the
 * limit: reading stops at once) or `parse-timeout` (not done within the time limit: abandoned). On any of
 * them a stream input is destroyed, every stream of the parse is torn down and unfinished blobs are removed
 * before the promise settles; blobs already complete stay (they are content-addressed and may be shared with
 * another message, so only a sweep that knows every reference may delete them).
 *
 * It rejects only when the disk fails (a `BlobStoreError`, ENOSPC included: the caller's `storage-error`) or
 * when a stream input itself errors (an I/O fault of the caller's source).
 */
export async function parseMime(
  input: Readable | Buffer,
  options: ParseMimeOptions,
): Promise<Result<ParsedMessage, ParseFailure>> {
  const result = await parseMimeDetailed(input, options);
  return result.ok ? ok(result.value.message) : result;
}

/** `parseMime`, with the defects the parse tolerated (truncated bodies, unreadable attached messages…). */
export async function parseMimeDetailed(
  input: Readable | Buffer,
  options: ParseMimeOptions,
): Promise<Result<DetailedParse, ParseFailure>> {
  const limits = resolveParseLimits(options.limits);
  if (Buffer.isBuffer(input) && input.length > limits.maxMessageBytes) {
    return err(tooLarge(limits));
  }
  const session = createParseSession(options.blobs, limits);
  const timer = setTimeout(() => {
    stopParseSession(session, {
      failure: { reason: 'parse-timeout', detail: `not parsed within ${limits.parseTimeoutMs} ms` },
    });
  }, limits.parseTimeoutMs);
  try {
    const outcome = await parseLevel(input, session, 0);
    if (session.stop !== null) {
      if ('fault' in session.stop) {
        throw session.stop.fault;
      }
      return err(session.stop.failure);
    }
    if ('failure' in outcome) {
      return err(outcome.failure);
    }
    if ('message' in outcome) {
      return ok({ message: outcome.message, defects: session.defects });
    }
    throw new Error('parseMime: the parse stopped without a reason');
  } finally {
    clearTimeout(timer);
  }
}

type LevelOutcome =
  { readonly message: ParsedMessage } | { readonly failure: ParseFailure } | { readonly stopped: true };

/** What one message's parse collects while mailparser streams. */
type Level = {
  readonly session: ParseSession;
  readonly isRoot: boolean;
  /** MIME levels above this message: 0 for the outermost message. */
  readonly depthAbove: number;
  /** Stopped when this message's parse ends early, for its own failure or because the session stopped. */
  readonly stopper: Stopper;
  failure: ParseFailure | null;
  lines: ReadonlyArray<RawHeaderLine>;
  headers: Headers | null;
  text: MessageText | null;
  attachmentCount: number;
  readonly attachments: ParsedAttachment[];
  readonly attachedMessages: ParsedMessage[];
  readonly partIds: Array<string | null>;
  /** Streams in use, destroyed when the parse is abandoned. */
  readonly streams: Set<Readable>;
  /** Attachment work in progress, awaited before the parse settles so nothing is left dangling. */
  readonly work: Set<Promise<void>>;
};

function failLevel(level: Level, failure: ParseFailure): void {
  if (level.failure === null && !level.stopper.stopped) {
    level.failure = failure;
    level.stopper.stop();
  }
}

/**
 * A buffer up to this size is handed to mailparser in one write; a larger one is fed in slices like a stream, so
 * that an abandoned parse stops within a slice instead of splitting the rest of the buffer in the background.
 */
const WHOLE_BUFFER_BYTES = 256 * 1024;

function* slices(buffer: Buffer): Generator<Buffer> {
  for (let start = 0; start < buffer.length; start += WHOLE_BUFFER_BYTES) {
    yield buffer.subarray(start, start + WHOLE_BUFFER_BYTES);
  }
}

/** Parses one message, outermost or attached; never rejects. */
async function parseLevel(
  input: Readable | Buffer,
  session: ParseSession,
  depthAbove: number,
): Promise<LevelOutcome> {
  const level: Level = {
    session,
    isRoot: depthAbove === 0,
    depthAbove,
    stopper: createStopper(),
    failure: null,
    lines: [],
    headers: null,
    text: null,
    attachmentCount: 0,
    attachments: [],
    attachedMessages: [],
    partIds: [],
    streams: new Set(Buffer.isBuffer(input) ? [] : [input]),
    work: new Set(),
  };
  const unsubscribe = session.stopper.onStop(() => level.stopper.stop());

  const parser = new MailParser(parserOptions(session.limits));
  level.streams.add(parser);
  // Stays attached for the parser's whole life: mailparser may still emit after the parse was abandoned.
  parser.on('error', (error: unknown) => failLevel(level, malformed(`MIME structure: ${messageOf(error)}`)));
  parser.on('headerLines', (lines) => {
    level.lines = lines;
    if (!isMessageHeader(lines)) {
      failLevel(level, malformed('no RFC 5322 header fields: the input is not an email message'));
    }
  });
  parser.on('headers', (headers) => {
    level.headers = headers;
  });
  parser.on('data', (item) => {
    if (item.type === 'text') {
      level.text = item;
      return;
    }
    const work = handleAttachment(item, level);
    level.work.add(work);
    const settled = (): boolean => level.work.delete(work);
    void work.then(settled, settled);
  });
  const ended = new Promise<void>((resolve) => {
    parser.once('end', resolve);
    level.stopper.onStop(resolve);
  });

  let feeding = Promise.resolve();
  if (Buffer.isBuffer(input) && input.length <= WHOLE_BUFFER_BYTES) {
    parser.end(input); // the fast path for ordinary mail (its size was checked already)
  } else {
    feeding = feed(Buffer.isBuffer(input) ? Readable.from(slices(input)) : input, parser, level);
  }
  await ended;
  if (level.stopper.stopped) {
    for (const stream of level.streams) {
      stream.destroy();
    }
  }
  await feeding;
  while (level.work.size > 0) {
    await Promise.allSettled([...level.work]);
  }
  unsubscribe();
  return finishLevel(level, parser);
}

function finishLevel(level: Level, parser: MailParser): LevelOutcome {
  const { session } = level;
  if (level.failure !== null) {
    return { failure: level.failure };
  }
  if (level.stopper.stopped) {
    return { stopped: true };
  }
  if (!isMessageHeader(level.lines)) {
    return { failure: malformed('no RFC 5322 header fields: the input is not an email message') };
  }
  const tree = (parser as unknown as { tree?: unknown }).tree; // internal: see mimeDepth
  const depth = level.depthAbove + mimeDepth(tree, level.partIds);
  if (depth > session.limits.maxMimeDepth) {
    // A hard limit of the whole message, wherever it is broken (R3).
    stopParseSession(session, {
      failure: malformed(
        `MIME nesting of ${depth} levels is over the limit of ${session.limits.maxMimeDepth}`,
      ),
    });
    return { stopped: true };
  }
  return {
    message: buildParsedMessage(
      {
        lines: level.lines,
        subject: level.headers?.get('subject'),
        text: level.text?.text ?? null,
        html: level.text?.html ?? null,
        attachments: level.attachments,
        attachedMessages: level.attachedMessages,
      },
      readAddresses,
      session.limits,
      session.defects,
    ),
  };
}

/**
 * Writes the input into the parser with backpressure, counting bytes for the size limit. Stops at the first
 * sign of trouble; the input is destroyed when the parse is abandoned.
 */
async function feed(input: Readable, parser: MailParser, level: Level): Promise<void> {
  const { session } = level;
  const { stopper } = level;
  const chunks = input[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  try {
    for (;;) {
      let next: IteratorResult<Buffer | string>;
      try {
        next = await chunks.next();
      } catch (error) {
        if (!stopper.stopped) {
          if (level.isRoot) {
            stopParseSession(session, { fault: error });
          } else {
            failLevel(level, malformed(`attached message: ${messageOf(error)}`));
          }
        }
        return;
      }
      if (next.done === true || stopper.stopped) {
        break;
      }
      const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
      if (level.isRoot) {
        session.bytes += chunk.length;
        if (session.bytes > session.limits.maxMessageBytes) {
          stopParseSession(session, { failure: tooLarge(session.limits) });
          return;
        }
      }
      if (!parser.write(chunk)) {
        await untilDrained(parser, stopper); // or stopped, or the parser failed (its error listener recorded why)
      }
    }
    if (!stopper.stopped) {
      parser.end();
    }
  } finally {
    if (stopper.stopped) {
      await chunks.return?.().catch(() => undefined);
    }
  }
}

/** Streams one attachment into the blob store, or into a nested parse too when it is an attached message. */
async function handleAttachment(item: AttachmentStream, level: Level): Promise<void> {
  const { session } = level;
  level.attachmentCount += 1;
  const contentType = item.contentType.toLowerCase();
  const filename = parseAttachmentName(item.filename, level.attachmentCount, contentType);
  level.partIds.push(item.partId);
  level.streams.add(item.content);
  item.content.on('error', () => undefined); // read and reported by the blob store's loop
  try {
    const stored = isAttachedMessage(contentType)
      ? await storeAttachedMessage(item, level)
      : await session.blobs.put(item.content);
    if (stored !== null) {
      level.attachments.push({ filename, contentType, size: stored.size, sha256: stored.sha256 });
    }
  } catch (error) {
    if (!level.stopper.stopped) {
      if (error instanceof BlobStoreError) {
        stopParseSession(session, { fault: error });
      } else {
        failLevel(level, malformed(`attachment ${filename}: ${messageOf(error)}`));
      }
    }
  } finally {
    level.streams.delete(item.content);
    if (!level.stopper.stopped) {
      item.release?.();
    }
  }
}

/** F9: stores the attached message's bytes and parses them at the same time (tee). Null when the parse must stop. */
async function storeAttachedMessage(
  item: AttachmentStream,
  level: Level,
): Promise<{ sha256: string; size: number } | null> {
  const { session } = level;
  const depthAbove = level.depthAbove + partDepth(item.partId);
  if (depthAbove + 1 > session.limits.maxMimeDepth) {
    stopParseSession(session, {
      failure: malformed(
        `attached messages nest deeper than the limit of ${session.limits.maxMimeDepth} levels`,
      ),
    });
    return null;
  }
  if (session.attachedMessagesLeft <= 0) {
    session.defects.push({
      kind: 'attached-messages-over-limit',
      detail: `more than ${session.limits.maxAttachedMessages} attached messages: kept as attachments only`,
    });
    return session.blobs.put(item.content);
  }
  session.attachedMessagesLeft -= 1;
  const toBlob = new PassThrough();
  const toParser = new PassThrough();
  level.streams.add(toBlob);
  item.content.on('error', (error) => {
    toBlob.destroy(error);
    toParser.destroy(error);
  });
  // A failed nested parse destroys toParser; pipe() then unpipes it and the bytes keep flowing to the store.
  item.content.pipe(toBlob);
  item.content.pipe(toParser);
  const [stored, nested] = await Promise.allSettled([
    session.blobs.put(toBlob),
    parseLevel(toParser, session, depthAbove),
  ]);
  level.streams.delete(toBlob);
  if (stored.status === 'rejected') {
    throw stored.reason;
  }
  if (nested.status === 'fulfilled') {
    if ('message' in nested.value) {
      level.attachedMessages.push(nested.value.message);
    } else if ('failure' in nested.value) {
      session.defects.push({
        kind: 'attached-message-unreadable',
        detail: `attached message ${stored.value.sha256}: ${nested.value.failure.detail}`,
      });
    }
  }
  return stored.value;
}

/**
 * Addresses as written: display names decoded (RFC 2047), groups flattened to their members, the domain left
 * in the form written (no punycode decoding: normalisation is shared/'s job), entries without an address dropped.
 */
function readAddresses(values: ReadonlyArray<string>): MailAddress[] {
  if (values.length === 0) {
    return [];
  }
  return parseAddressHeader([...values], { flatten: true, decodePunycode: false })
    .value.filter((entry) => typeof entry.address === 'string' && entry.address !== '')
    .map((entry) => ({ name: oneLine(entry.name), address: entry.address ?? '' }));
}

function parserOptions(limits: ParseLimits): MailParserOptions {
  return {
    // The core derives text from HTML itself when needed (F4), and never renders textAsHtml: these
    // conversions are ~22% of parse time and the known stall and XSS paths of mailparser.
    skipHtmlToText: true,
    skipTextToHtml: true,
    skipTextLinks: true,
    skipImageLinks: true,
    // Attached messages stay attachments; this adapter parses them itself (F9), bounded.
    ignoreEmbedded: true,
    // The blob store hashes (sha256); mailparser's md5 would be wasted work (and fails on FIPS hosts).
    checksumAlgo: false,
    maxHeadSize: limits.maxHeaderBytes,
    maxChildNodes: limits.maxMimeParts,
  };
}

function isAttachedMessage(contentType: string): boolean {
  return contentType === 'message/rfc822' || contentType === 'message/global';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
