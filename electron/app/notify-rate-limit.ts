export type NotifyRateLimit = {
  /**
   * Whether a notification may be shown now. When it may, `suppressed` is how many were held back since the last
   * one shown (the shown one says "and N more").
   */
  take(): { readonly show: true; readonly suppressed: number } | { readonly show: false };
};

/**
 * Desktop notifications for failures, rate-limited (docs/security.md "Electron"): at most `max` in any `windowMs`,
 * so a mailbox full of rejected mail raises a few notifications, not hundreds; the rest are counted and named in
 * the next one shown.
 */
export function createNotifyRateLimit(options: {
  readonly max: number;
  readonly windowMs: number;
  readonly now?: () => number;
}): NotifyRateLimit {
  const now = options.now ?? Date.now;
  const shown: number[] = [];
  let suppressed = 0;
  return {
    take() {
      const at = now();
      while (shown.length > 0 && (shown[0] ?? 0) <= at - options.windowMs) {
        shown.shift();
      }
      if (shown.length >= options.max) {
        suppressed += 1;
        return { show: false };
      }
      shown.push(at);
      const held = suppressed;
      suppressed = 0;
      return { show: true, suppressed: held };
    },
  };
}

/** The subject alone, one line, at most 120 characters; a notification never carries more of a mail. */
export function notificationBody(subject: string | undefined): string {
  const line = (subject ?? '').replace(/\s+/g, ' ').trim();
  if (line === '') {
    return '(no subject)';
  }
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}
