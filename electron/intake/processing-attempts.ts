/**
 * How often the companion began processing one claimed message. A message that makes the pipeline throw (or
 * kills the process) is tried `maxAttempts` times, then put in Quarantine, so it never blocks the ones behind it.
 *
 * Counted twice over: in memory, and — where the server keeps custom keywords (PERMANENTFLAGS has `\*`, as
 * Dovecot, Gmail and most servers do) — as a keyword `$CrmAttempt<n>` on the message itself, set BEFORE each try.
 * The keyword survives a crash of the companion, so a message that crashes the process every time is still put
 * aside after `maxAttempts` starts. No migration is needed for it, and the count travels with the message.
 */
const attemptKeywordPrefix = '$CrmAttempt';

/** Set on a message put in Quarantine because it failed every try (its reason is in the companion's log). */
export const failedKeyword = '$CrmFailed';

/**
 * Set on a claim whose result is committed but which the server refused to MOVE out of Processing: its try is not
 * counted (not the message's fault), yet the next try must answer the committed result, not log it again (C1).
 */
export const committedKeyword = '$CrmCommitted';

export function attemptKeyword(attempt: number): string {
  return `${attemptKeywordPrefix}${attempt}`;
}

/** The highest `$CrmAttempt<n>` among a message's flags, 0 when none. */
export function attemptsFromFlags(flags: Iterable<string>): number {
  let highest = 0;
  for (const flag of flags) {
    if (flag.toLowerCase().startsWith(attemptKeywordPrefix.toLowerCase())) {
      const n = Number(flag.slice(attemptKeywordPrefix.length));
      if (Number.isSafeInteger(n) && n > highest) {
        highest = n;
      }
    }
  }
  return highest;
}

/** Whether a keyword records a try of a claim (`$CrmAttempt<n>`, `$CrmFailed`, `$CrmCommitted`), whatever its case. */
export function isTryKeyword(flag: string): boolean {
  const lower = flag.toLowerCase();
  return (
    lower.startsWith(attemptKeywordPrefix.toLowerCase()) ||
    lower === failedKeyword.toLowerCase() ||
    lower === committedKeyword.toLowerCase()
  );
}

/** Whether a claim's flags say its result is committed already (`$CrmCommitted`), whatever their case. */
export function isCommittedByFlags(flags: Iterable<string>): boolean {
  return [...flags].some((flag) => flag.toLowerCase() === committedKeyword.toLowerCase());
}

/** Whether the server lets the client set keywords of its own (RFC 3501 PERMANENTFLAGS `\*`). */
export function canKeepKeywords(permanentFlags: ReadonlySet<string> | undefined): boolean {
  return permanentFlags?.has('\\*') ?? false;
}

/** In-memory attempts per message, keyed by `uidValidity:uid` of the Processing folder. */
export type AttemptLedger = {
  count(key: string): number;
  record(key: string, attempt: number): void;
  /** The claim's result is committed, though the message is still in Processing (the MOVE was refused). */
  markCommitted(key: string): void;
  isCommitted(key: string): boolean;
  /** Forgets the count and the committed mark. */
  forget(key: string): void;
};

export function createAttemptLedger(): AttemptLedger {
  const attempts = new Map<string, number>();
  const committed = new Set<string>();
  return {
    count: (key) => attempts.get(key) ?? 0,
    record: (key, attempt) => {
      attempts.set(key, Math.max(attempt, attempts.get(key) ?? 0));
    },
    markCommitted: (key) => {
      committed.add(key);
    },
    isCommitted: (key) => committed.has(key),
    forget: (key) => {
      attempts.delete(key);
      committed.delete(key);
    },
  };
}
