import type { ImapFlow } from 'imapflow';
import type { Logger } from '../core/logger.js';

/**
 * Silent IDLE death (imapflow #14, #98; docs/architecture.md#imap-connections): IDLE is restarted every `maxIdleTimeMs`, so a live
 * server sends something at least that often, and every command is answered at once. No data for twice as long
 * means the connection is dead without anyone having said so (a half-open TCP connection after sleep or a Wi-Fi
 * change): close it, and the session ends and reconnects. The time spent in the pipeline does not count.
 */
export function startImapWatchdog(
  client: Pick<ImapFlow, 'stats' | 'close'>,
  maxIdleTimeMs: number,
  isInPipeline: () => boolean,
  logger: Logger,
): NodeJS.Timeout {
  let received = client.stats().received;
  let lastDataAt = Date.now();
  const timer = setInterval(
    () => {
      const current = client.stats().received;
      if (current !== received || isInPipeline()) {
        received = current;
        lastDataAt = Date.now();
        return;
      }
      if (Date.now() - lastDataAt > 2 * maxIdleTimeMs) {
        logger.warn('no data from the IMAP server: reconnecting', { silentMs: Date.now() - lastDataAt });
        clearInterval(timer);
        client.close();
      }
    },
    Math.max(50, Math.min(1_000, Math.floor(maxIdleTimeMs / 4))),
  );
  timer.unref();
  return timer;
}
