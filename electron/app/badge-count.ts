import type { CompanionEvent, CompanionStatus, ResultEntry } from '#shared/api/companion-schemas.js';

/** A result the tray counts as a failure: rejected, or its sync to the CRM failed (docs/rules.md#c2, docs/api.md). */
export function isFailure(entry: ResultEntry): boolean {
  return entry.status === 'rejected' || entry.sync === 'failed';
}

export type BadgeCounter = {
  /** Feeds one companion event; returns the badge count after it. */
  update(event: CompanionEvent): number;
  readonly count: number;
};

/**
 * The tray badge: unread failures. A status event is authoritative (`unreadFailures`, cleared by the window's
 * markFailuresSeen); a failed result that arrives between two status events counts at once, once per result id,
 * so the badge never waits for the next status and never counts one result twice.
 */
export function createBadgeCounter(initial: Pick<CompanionStatus, 'unreadFailures'> | null): BadgeCounter {
  let base = initial?.unreadFailures ?? 0;
  const since = new Set<number>();
  const count = (): number => base + since.size;
  return {
    update(event) {
      if (event.type === 'status') {
        base = event.status.unreadFailures;
        since.clear();
      } else if (event.type === 'result' && isFailure(event.entry)) {
        since.add(event.entry.id);
      }
      return count();
    },
    get count() {
      return count();
    },
  };
}

/** The tray's tooltip for a badge count. */
export function badgeTooltip(count: number): string {
  if (count === 0) {
    return 'crm-mail-logger';
  }
  return `crm-mail-logger: ${count} failure${count === 1 ? '' : 's'} to look at`;
}
