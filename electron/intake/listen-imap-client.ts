import type { ImapFlow } from 'imapflow';
import type { Logger } from '../core/logger.js';

/**
 * Wakes the intake when a message arrives in `watched` (IDLE `exists`) or the connection closes, and logs
 * connection errors. Returns what removes the two wake-ups; the error listener stays, since imapflow may still
 * emit an error after close, and an unheard one would crash the process.
 */
export function listenImapClient(
  client: Pick<ImapFlow, 'on' | 'off'>,
  watched: string,
  wake: () => void,
  logger: Logger,
): () => void {
  const onExists = (event: { path: string }): void => {
    if (event.path === watched) {
      wake();
    }
  };
  const onClose = (): void => wake();
  client.on('exists', onExists);
  client.on('close', onClose);
  client.on('error', (error: Error) => {
    logger.warn('IMAP connection error', { error: error.message });
  });
  return () => {
    client.off('exists', onExists);
    client.off('close', onClose);
  };
}
