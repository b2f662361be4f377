import type { Logger } from '../core/logger.js';
import { isTlsRefusal } from './create-imap-client.js';
import type { MailboxConfig } from './mailbox-config.js';

/** Why a session ended. C1: a server without TLS is refused, not used in cleartext; that says so in words, as an error. */
export function logImapSessionEnd(
  logger: Logger,
  mailbox: Pick<MailboxConfig, 'host' | 'port'>,
  error: unknown,
): void {
  if (isTlsRefusal(error)) {
    logger.error('IMAP server offers no TLS: not logging in over cleartext', {
      host: mailbox.host,
      port: mailbox.port,
      error: error instanceof Error ? error.message : String(error),
      fix: 'enable STARTTLS or implicit TLS (secure: true) on the server; "tls": "none" is for loopback only',
    });
  } else {
    logger.warn('IMAP session ended', { error: String(error) });
  }
}
