import { Notification } from 'electron';
import type { CompanionEvent } from '#shared/api/companion-schemas.js';
import { isFailure } from './badge-count.js';
import { createNotifyRateLimit, notificationBody } from './notify-rate-limit.js';

/**
 * Desktop notifications for failures (docs/rules.md#c2): a rejected result or a failed sync, at most 3 a minute; the held
 * back ones are counted in the next one shown. `enabled` reads the companion's desktopNotifications preference.
 * The text is plain (no HTML, no links): Notification bodies are not a place for mail content beyond a subject.
 */
export function createFailureNotifier(deps: {
  readonly enabled: () => boolean;
  readonly onClick: () => void;
}): (event: CompanionEvent) => void {
  const limit = createNotifyRateLimit({ max: 3, windowMs: 60_000 });
  return (event) => {
    if (
      event.type !== 'result' ||
      !isFailure(event.entry) ||
      !deps.enabled() ||
      !Notification.isSupported()
    ) {
      return;
    }
    const verdict = limit.take();
    if (!verdict.show) {
      return;
    }
    const what = event.entry.status === 'rejected' ? 'Not logged' : 'Sync to the CRM failed';
    const more = verdict.suppressed > 0 ? ` (and ${verdict.suppressed} more)` : '';
    const notification = new Notification({
      title: `crm-mail-logger: ${what}${more}`,
      body: notificationBody(event.entry.email?.subject),
      silent: false,
    });
    notification.on('click', deps.onClick);
    notification.show();
  };
}
