import { describe, expect, it } from 'vitest';
import {
  attemptKeyword,
  attemptsFromFlags,
  canKeepKeywords,
  createAttemptLedger,
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
});
