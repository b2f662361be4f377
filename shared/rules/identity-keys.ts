import type { Direction } from '../model/log-result.js';
import type { IdentityKeys } from '../model/decision.js';
import { stripSubjectPrefixes } from '../forward/subject-prefix.js';
import { sha256Hex } from '../util/sha256.js';

/** The subject as R2 compares it: without any Re/Fw prefix (one list for every path), spaces folded, case ignored. */
export function normalizeSubject(subject: string): string {
  return stripSubjectPrefixes(subject.normalize('NFKC')).replace(/\s+/g, ' ').trim().toLowerCase();
}

/** A Message-ID in its one written form `<id>`; null when missing. */
function normalizeMessageId(raw: string | null): string | null {
  const id = raw?.trim().replace(/^<|>$/g, '').trim();
  return id ? `<${id}>` : null;
}

/**
 * R2: the keys by which a logged email is recognised again. The content key hashes (sender, instant to the
 * minute, subject without Re/Fw prefixes, direction), so the same email reached through BCC, forward and log-now
 * is one email even where no Message-ID survives (a forwarded block has none). Without a usable date there is no
 * content key: two undated mails with one subject would otherwise be one email, so only the Message-ID counts.
 */
export function identityKeys(input: {
  readonly messageId: string | null;
  readonly from: string;
  readonly date: string | null;
  readonly subject: string;
  readonly direction: Direction;
}): IdentityKeys {
  const messageId = normalizeMessageId(input.messageId);
  const instant = input.date === null ? Number.NaN : Date.parse(input.date);
  if (Number.isNaN(instant)) {
    return { messageId, contentKey: null };
  }
  const minute = new Date(instant).toISOString().slice(0, 16);
  const material = [input.from.toLowerCase(), minute, normalizeSubject(input.subject), input.direction].join(
    '\n',
  );
  return { messageId, contentKey: `ck1:${sha256Hex(material)}` };
}
