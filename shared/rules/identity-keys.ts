import type { Direction } from '../model/log-result.js';
import type { IdentityKeys } from '../model/decision.js';
import { sha256Hex } from '../util/sha256.js';

/** Reply and forward prefixes, in the languages our users write (R2 ignores them in the content key). */
const prefix =
  /^\s*(?:re|fw|fwd|aw|wg|tr|sv|vs|rv|enc|r|odp|antw|返信|転送|回复|转发)\s*(?:\[\d+\])?\s*[:：]\s*/i;

/** The subject as R2 compares it: without any number of Re/Fw prefixes, spaces folded, case ignored. */
export function normalizeSubject(subject: string): string {
  let s = subject.normalize('NFKC');
  for (let previous = ''; previous !== s;) {
    previous = s;
    s = s.replace(prefix, '');
  }
  return s.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** A Message-ID in its one written form `<id>`; null when missing. */
export function normalizeMessageId(raw: string | null): string | null {
  const id = raw?.trim().replace(/^<|>$/g, '').trim();
  return id ? `<${id}>` : null;
}

/**
 * R2: the keys by which a logged email is recognised again. The content key hashes (sender, instant to the
 * minute, subject without Re/Fw prefixes, direction), so the same email reached through BCC, forward and log-now
 * is one email even where no Message-ID survives (a forwarded block has none).
 */
export function identityKeys(input: {
  readonly messageId: string | null;
  readonly from: string;
  readonly date: string | null;
  readonly subject: string;
  readonly direction: Direction;
}): IdentityKeys {
  const instant = input.date === null ? Number.NaN : Date.parse(input.date);
  const minute = Number.isNaN(instant) ? '' : new Date(instant).toISOString().slice(0, 16);
  const material = [input.from.toLowerCase(), minute, normalizeSubject(input.subject), input.direction].join(
    '\n',
  );
  return { messageId: normalizeMessageId(input.messageId), contentKey: `ck1:${sha256Hex(material)}` };
}
