import { describe, expect, it } from 'vitest';
import type { CompanionEvent, CompanionStatus, ResultEntry } from '#shared/api/companion-schemas.js';
import { badgeTooltip, createBadgeCounter, isFailure } from '../../../../electron/app/badge-count.js';

function entry(id: number, status: ResultEntry['status'], sync: ResultEntry['sync']): ResultEntry {
  return { id, status, sync } as ResultEntry;
}
const result = (e: ResultEntry): CompanionEvent => ({ type: 'result', entry: e });
const status = (unreadFailures: number): CompanionEvent =>
  ({ type: 'status', status: { unreadFailures } as CompanionStatus }) as CompanionEvent;

describe('the tray badge', () => {
  it('counts rejected results and failed syncs, and nothing else', () => {
    expect(isFailure(entry(1, 'rejected', 'local'))).toBe(true);
    expect(isFailure(entry(2, 'logged', 'failed'))).toBe(true);
    expect(isFailure(entry(3, 'logged', 'synced'))).toBe(false);
    expect(isFailure(entry(4, 'skipped', 'local'))).toBe(false);
    expect(isFailure(entry(5, 'duplicate', 'pending'))).toBe(false);
  });

  it('starts from the status, adds each failed result once, and takes the next status as the truth', () => {
    const badge = createBadgeCounter({ unreadFailures: 2 });
    expect(badge.count).toBe(2);
    expect(badge.update(result(entry(10, 'rejected', 'local')))).toBe(3);
    expect(badge.update(result(entry(10, 'rejected', 'local')))).toBe(3); // the same result changed
    expect(badge.update(result(entry(11, 'logged', 'synced')))).toBe(3);
    expect(badge.update(result(entry(12, 'logged', 'failed')))).toBe(4);
    expect(badge.update(status(4))).toBe(4);
    expect(badge.update(status(0))).toBe(0); // markFailuresSeen
    expect(badge.update({ type: 'pairing' } as unknown as CompanionEvent)).toBe(0);
  });

  it('starts at 0 without a status, and says the count in the tooltip', () => {
    expect(createBadgeCounter(null).count).toBe(0);
    expect(badgeTooltip(0)).toBe('crm-mail-logger');
    expect(badgeTooltip(1)).toBe('crm-mail-logger: 1 failure to look at');
    expect(badgeTooltip(7)).toBe('crm-mail-logger: 7 failures to look at');
  });
});
