import type { ImapFlow } from 'imapflow';
import type { Logger } from '../core/logger.js';

/**
 * Wakes the intake when a message arrives in `watched` (IDLE `exists`; `added` says how many more the folder holds)
 * or the connection closes (`added` 0), and logs
 * connection errors. Returns what removes the two wake-ups; the error listener stays, since imapflow may still
 * emit an error after close, and an unheard one would crash the process.
 */
export function listenImapClient(
  client: Pick<ImapFlow, 'on' | 'off'>,
  watched: string,
  wake: (added: number) => void,
  logger: Logger,
): () => void {
  const onExists = (event: { path: string; count?: number; prevCount?: number }): void => {
    if (event.path === watched) {
      wake(Math.max(0, (event.count ?? 0) - (event.prevCount ?? 0)));
    }
  };
  const onClose = (): void => wake(0);
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
