import type { User } from '../model/crm-data.js';
import type { NoticeToSend } from '../model/decision.js';
import type { ParsedMessage } from '../model/parsed-message.js';
import type { NoticeReason, ReasonCode } from '../model/reason-code.js';
import type { AccountIndex } from './account-index.js';
import { senderAddress } from './resolve-owner.js';

const noticeReasons: ReadonlyArray<NoticeReason> = [
  'attachment-over-limit',
  'forward-format-unrecognized',
  'forward-of-own-message',
  'forward-sender-unknown',
  'token-mismatch',
  'sender-not-user',
];

/** N2: automatic mail is never answered, so two robots cannot keep each other busy. */
function isAutomatic(message: ParsedMessage): boolean {
  const h = message.headers;
  const autoSubmitted = h.autoSubmitted?.trim().toLowerCase();
  if (autoSubmitted && autoSubmitted !== 'no') {
    return true;
  }
  if (/^(bulk|list|junk)$/i.test(h.precedence?.trim() ?? '')) {
    return true;
  }
  if (h.listId !== null && h.listId.trim() !== '') {
    return true;
  }
  const returnPath = h.returnPath?.trim().replace(/^<|>$/g, '').toLowerCase();
  if (returnPath === '' || isDaemon(returnPath ?? 'x@x')) {
    return true;
  }
  const from = message.from.map((a) => a.address.toLowerCase());
  return from.length === 0 || from.some(isDaemon);
}

/** The null sender's stand-ins: bounces and other daemon mail come from these. */
function isDaemon(address: string): boolean {
  return /^(mailer-daemon|postmaster)@/i.test(address);
}

/**
 * N1, N2: which notices a result carries. They go to the user who sent or forwarded the message; for
 * `token-mismatch` and `sender-not-user` only when From is in the account's internal domains (to From itself):
 * never anyone outside the account, so a forged From cannot turn the logger into a backscatter source.
 */
export function planNotices(
  reasons: ReadonlyArray<ReasonCode>,
  message: ParsedMessage,
  owner: User | null,
  index: AccountIndex,
): ReadonlyArray<NoticeToSend> {
  if (isAutomatic(message)) {
    return [];
  }
  const sender = senderAddress(message);
  const notices: NoticeToSend[] = [];
  for (const reason of reasons) {
    if (!(noticeReasons as ReadonlyArray<string>).includes(reason)) {
      continue;
    }
    const r = reason as NoticeReason;
    if (r === 'token-mismatch' || r === 'sender-not-user') {
      if (sender !== null && index.isInInternalDomain(sender)) {
        const user = index.usersWithAddress(sender)[0];
        notices.push({ to: sender, reason: r, locale: user?.locale ?? 'en' });
      }
    } else if (owner !== null) {
      notices.push({ to: owner.email.toLowerCase(), reason: r, locale: owner.locale });
    }
  }
  return notices.filter((n, i) => notices.findIndex((m) => m.to === n.to && m.reason === n.reason) === i);
}
