import { normalizeAddress } from '../address/normalize-address.js';
import { isNeverLog } from '../address/is-never-log.js';
import type { User } from '../model/crm-data.js';
import type { MailAddress } from '../model/parsed-message.js';
import type { SkippedRecipient } from '../model/log-result.js';
import type { SkipReason } from '../model/reason-code.js';
import type { AccountIndex } from './account-index.js';

export type Candidate = {
  readonly email: string;
  readonly name: string;
  readonly role: 'to' | 'cc' | 'sender';
};

export type Classified = {
  readonly candidates: ReadonlyArray<Candidate>;
  readonly skipped: ReadonlyArray<SkippedRecipient>;
};

/** Why an address may not be associated, if it may not: B4's order (logging address, internal, never-log). */
export function skipReasonFor(
  address: string,
  owner: User,
  index: AccountIndex,
  neverLog: ReadonlyArray<string>,
) {
  if (index.matchLoggingAddress(address) !== null) {
    return 'logging-address' as const;
  }
  if (index.isInternal(address)) {
    return 'internal-recipient' as const;
  }
  if (isNeverLog(address, [...neverLog, ...owner.neverLog])) {
    return 'never-log' as const;
  }
  return null;
}

/**
 * B4, B5: which To and Cc recipients may be associated, and why each other one is not. An address in both To and
 * Cc counts once, as To. Bcc recipients are listed `bcc-recipient` and never associated, even when they are
 * contacts (an address also visible in To/Cc is that To/Cc recipient). Unparseable addresses are ignored.
 */
export function classifyRecipients(
  recipients: {
    to: ReadonlyArray<MailAddress>;
    cc: ReadonlyArray<MailAddress>;
    bcc: ReadonlyArray<MailAddress>;
  },
  owner: User,
  index: AccountIndex,
  neverLog: ReadonlyArray<string>,
): Classified {
  const seen = new Set<string>();
  const candidates: Candidate[] = [];
  const skipped: SkippedRecipient[] = [];
  const visit = (entry: MailAddress, role: 'to' | 'cc' | 'bcc'): void => {
    const email = normalizeAddress(entry.address);
    if (email === null || seen.has(email)) {
      return;
    }
    seen.add(email);
    const reason: SkipReason | null =
      skipReasonFor(email, owner, index, neverLog) ?? (role === 'bcc' ? 'bcc-recipient' : null);
    if (reason !== null) {
      skipped.push({ email, reason });
    } else if (role !== 'bcc') {
      candidates.push({ email, name: entry.name.trim(), role });
    }
  };
  recipients.to.forEach((a) => visit(a, 'to'));
  recipients.cc.forEach((a) => visit(a, 'cc'));
  recipients.bcc.forEach((a) => visit(a, 'bcc'));
  return { candidates, skipped };
}
