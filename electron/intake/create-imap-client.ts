import { ImapFlow } from 'imapflow';
import type { MailboxConfig } from './mailbox-config.js';

export type ImapTiming = {
  /** imapflow breaks and restarts IDLE this often, so a live server answers at least this often. */
  readonly maxIdleTimeMs: number;
  /**
   * Quiet time after the last command before IDLE starts. imapflow's default is 15 s, during which a server sends
   * nothing about new mail; a short delay keeps the delivery-to-log delay short.
   */
  readonly autoIdleDelayMs: number;
};

/**
 * A NEW imapflow connection for one session: an `ImapFlow` cannot be reused after `close` and never reconnects by
 * itself (reliability-security.md §1.2), so the intake makes one per (re)connection.
 */
export function createImapClient(mailbox: MailboxConfig, timing: ImapTiming): ImapFlow {
  if (mailbox.password === undefined && mailbox.accessToken === undefined) {
    throw new Error(`mailbox ${mailbox.user}@${mailbox.host}: neither a password nor an access token is set`);
  }
  const auth =
    mailbox.accessToken !== undefined
      ? { user: mailbox.user, accessToken: mailbox.accessToken }
      : { user: mailbox.user, pass: mailbox.password ?? '' };
  return new ImapFlow({
    host: mailbox.host,
    port: mailbox.port,
    secure: mailbox.secure,
    auth,
    logger: false,
    maxIdleTime: timing.maxIdleTimeMs,
    autoIdleDelay: timing.autoIdleDelayMs,
    ...(mailbox.allowUntrustedCertificate ? { tls: { rejectUnauthorized: false } } : {}),
  });
}
