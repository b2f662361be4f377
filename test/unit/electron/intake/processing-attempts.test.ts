import { describe, expect, it } from 'vitest';
import {
  attemptKeyword,
  attemptsFromFlags,
  canKeepKeywords,
  committedKeyword,
  createAttemptLedger,
  failedKeyword,
  isCommittedByFlags,
  isTryKeyword,
} from '../../../../electron/intake/processing-attempts.js';

describe('processing attempts', () => {
  it('reads the highest $CrmAttempt<n> keyword, whatever its case', () => {
    expect(attemptsFromFlags(['\\Seen', attemptKeyword(1), '$crmattempt3', '$CrmAttemptX'])).toBe(3);
    expect(attemptsFromFlags(['\\Seen'])).toBe(0);
  });

  it('keeps keywords only where PERMANENTFLAGS allows new ones', () => {
    expect(canKeepKeywords(new Set(['\\Seen', '\\*']))).toBe(true);
    expect(canKeepKeywords(new Set(['\\Seen']))).toBe(false);
    expect(canKeepKeywords(undefined)).toBe(false);
  });

  it('counts in memory per message, never down by record', () => {
    const ledger = createAttemptLedger();
    ledger.record('1:7', 2);
    ledger.record('1:7', 1);
    expect(ledger.count('1:7')).toBe(2);
    ledger.forget('1:7');
    expect(ledger.count('1:7')).toBe(0);
  });

  it('C1: tells the keywords of a try apart from the claim keyword and the system flags', () => {
    const flags = [
      '\\Seen',
      '$CrmClaim-Processing',
      attemptKeyword(2),
      '$crmfailed',
      committedKeyword,
      'Junk',
    ];
    expect(flags.filter(isTryKeyword)).toEqual([attemptKeyword(2), '$crmfailed', committedKeyword]);
    expect(isTryKeyword(failedKeyword)).toBe(true);
  });

  it('C1: a committed claim is known by its keyword or in memory, and forgetting it clears both marks', () => {
    expect([isCommittedByFlags(['$crmcommitted']), isCommittedByFlags([attemptKeyword(1)])]).toEqual([
      true,
      false,
    ]);
    const ledger = createAttemptLedger();
    ledger.record('1:7', 1);
    ledger.markCommitted('1:7');
    expect([ledger.isCommitted('1:7'), ledger.isCommitted('1:8')]).toEqual([true, false]);
    ledger.forget('1:7');
    expect([ledger.isCommitted('1:7'), ledger.count('1:7')]).toEqual([false, 0]);
  });
});
