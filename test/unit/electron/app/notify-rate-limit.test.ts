import { describe, expect, it } from 'vitest';
import { createNotifyRateLimit, notificationBody } from '../../../../electron/app/notify-rate-limit.js';

describe('the notification rate limit', () => {
  it('shows at most max in a window, counts the rest, and names them in the next one shown', () => {
    let now = 0;
    const limit = createNotifyRateLimit({ max: 3, windowMs: 60_000, now: () => now });
    expect([limit.take(), limit.take(), limit.take()]).toEqual([
      { show: true, suppressed: 0 },
      { show: true, suppressed: 0 },
      { show: true, suppressed: 0 },
    ]);
    expect(limit.take()).toEqual({ show: false });
    now = 59_999;
    expect(limit.take()).toEqual({ show: false });
    now = 60_000; // the first three left the window
    expect(limit.take()).toEqual({ show: true, suppressed: 2 });
    expect(limit.take()).toEqual({ show: true, suppressed: 0 });
    now = 60_500;
    expect(limit.take()).toEqual({ show: true, suppressed: 0 });
    expect(limit.take()).toEqual({ show: false });
    now = 200_000;
    expect(limit.take()).toEqual({ show: true, suppressed: 1 });
    expect(limit.take()).toEqual({ show: true, suppressed: 0 });
  });

  it('a notification carries the subject alone, on one line, at most 120 characters', () => {
    expect(notificationBody(undefined)).toBe('(no subject)');
    expect(notificationBody('  \n ')).toBe('(no subject)');
    expect(notificationBody('Quote\r\n for  ACME')).toBe('Quote for ACME');
    const long = notificationBody('x'.repeat(500));
    expect(long).toHaveLength(120);
    expect(long.endsWith('…')).toBe(true);
  });
});
