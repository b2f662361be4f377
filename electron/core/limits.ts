/**
 * The hard limits of MIME parsing, in one place, each with the reason for its value (R3: a message that
 * breaks one is rejected with `message-too-large`, `malformed-message` or `parse-timeout` and kept in quarantine).
 * Sizes are in bytes; MiB = 2^20 bytes, as B8's MB.
 */

const MiB = 1024 * 1024;

export type ParseLimits = {
  /**
   * Raw message bytes read before the parse is abandoned with `message-too-large`. 150 MiB: a 100 MB attachment
   * base64-encoded is about 137 MiB (4/3 plus line breaks), so the biggest attachment anyone mails still parses,
   * while the attachment limit of B8 (30 MB by default) decides what is logged.
   */
  readonly maxMessageBytes: number;
  /**
   * Nesting levels of MIME entities, counting the message itself as 1 and every multipart child and every
   * attached `message/rfc822` as one more. 50: real mail nests fewer than 10 (a forward as attachment of a
   * signed message with inline images is about 6); deep nesting is the classic parser bomb (see
   * docs/architecture.md). Over it: `malformed-message`.
   */
  readonly maxMimeDepth: number;
  /**
   * MIME parts in one message (each attached message counts on its own). 1000 is mailparser's own bound
   * (mailsplit `maxChildNodes`): 100,000 sibling parts cost seconds and hundreds of MiB in other parsers.
   */
  readonly maxMimeParts: number;
  /**
   * `message/rfc822` attachments parsed into `attachedMessages` (F9) per message, all levels together. 20:
   * "Forward as attachment" of a handful of messages is the use; each costs a parser. Further ones stay plain
   * attachments.
   */
  readonly maxAttachedMessages: number;
  /**
   * Wall-clock time for the whole parse, attached messages included. 60 s: the streaming parser does 85+ MB/s
   * (docs/performance.md), so a 150 MiB message needs ~2 s; a parse still running after 60 s
   * is stalled (a stalled input stream, or a hostile message) and is abandoned with `parse-timeout`.
   */
  readonly parseTimeoutMs: number;
  /**
   * Bytes of the header block of one MIME part (mailsplit `maxHeadSize`). 1 MiB: real header blocks, DKIM and
   * Exchange headers included, stay under 100 KiB; a 2 MB Subject is an attack on the address and
   * encoded-word decoders. Over it: `malformed-message`.
   */
  readonly maxHeaderBytes: number;
  /**
   * UTF-8 bytes of the text and of the HTML body kept for the rules and for storage. 4 MiB: HubSpot itself
   * refuses to log email content over 2 MB (docs/performance.md); a longer body is truncated
   * (reported as a parse defect), never a reason to lose the message.
   */
  readonly maxTextBytes: number;
  /**
   * Addresses kept per address header (To, Cc, Bcc, Reply-To). 1000: a legitimate message with a huge To: line
   * parses (20,000 addresses measured fine), but the rules need not consider every one; the rest are
   * dropped and reported as a parse defect.
   */
  readonly maxRecipients: number;
};

export const defaultParseLimits: ParseLimits = {
  maxMessageBytes: 150 * MiB,
  maxMimeDepth: 50,
  maxMimeParts: 1000,
  maxAttachedMessages: 20,
  parseTimeoutMs: 60_000,
  maxHeaderBytes: 1 * MiB,
  maxTextBytes: 4 * MiB,
  maxRecipients: 1000,
};

/**
 * The defaults with `overrides` applied. A limit that is not a positive integer is a programming or settings
 * error, so it throws (CONTRIBUTING.md) rather than silently falling back.
 */
export function resolveParseLimits(overrides: Partial<ParseLimits> = {}): ParseLimits {
  const limits: ParseLimits = { ...defaultParseLimits, ...withoutUndefined(overrides) };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new RangeError(`Parse limit ${name} must be a positive integer, got ${String(value)}`);
    }
  }
  return limits;
}

function withoutUndefined(overrides: Partial<ParseLimits>): Partial<ParseLimits> {
  return Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
}
