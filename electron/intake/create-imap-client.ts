import { ImapFlow } from 'imapflow';
import type { MailboxConfig } from './mailbox-config.js';
import { cleartextRefusal } from '../core/is-loopback-host.js';
import { silentLogger, type Logger } from '../core/logger.js';

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
 * itself (docs/architecture.md#imap-connections), so the intake makes one per (re)connection.
 *
 * C1: TLS unless `tls: "none"`. Without `secure` (implicit TLS), STARTTLS is required (`doSTARTTLS: true`): a
 * server that offers none, or a man in the middle who strips it, ends the connection before the password is
 * sent, instead of imapflow's default of going on in cleartext with a warning. `none` is refused for a host
 * that is not loopback. imapflow's warnings and errors go to the companion's log (only their message and code:
 * its other fields may quote server data).
 */
export function createImapClient(
  mailbox: MailboxConfig,
  timing: ImapTiming,
  logger: Logger = silentLogger,
): ImapFlow {
  if (mailbox.password === undefined && mailbox.accessToken === undefined) {
    throw new Error(`mailbox ${mailbox.user}@${mailbox.host}: neither a password nor an access token is set`);
  }
  assertMailboxTls(mailbox);
  const cleartext = mailbox.tls === 'none';
  const auth =
    mailbox.accessToken !== undefined
      ? { user: mailbox.user, accessToken: mailbox.accessToken }
      : { user: mailbox.user, pass: mailbox.password ?? '' };
  return new ImapFlow({
    host: mailbox.host,
    port: mailbox.port,
    secure: mailbox.secure,
    ...(mailbox.secure ? {} : { doSTARTTLS: !cleartext }),
    auth,
    logger: imapLogger(logger),
    maxIdleTime: timing.maxIdleTimeMs,
    autoIdleDelay: timing.autoIdleDelayMs,
    ...(mailbox.allowUntrustedCertificate ? { tls: { rejectUnauthorized: false } } : {}),
  });
}

/** C1: throws, in words, for `tls: "none"` on a host that is not loopback (the config file is checked too). */
export function assertMailboxTls(mailbox: MailboxConfig): void {
  const refusal = mailbox.tls === 'none' ? cleartextRefusal('mailbox', mailbox.host) : null;
  if (refusal !== null) {
    throw new Error(refusal);
  }
}

/** Whether a failed connection is imapflow's refusal to go on without TLS (`doSTARTTLS: true`). */
export function isTlsRefusal(error: unknown): boolean {
  return (error as { tlsFailed?: unknown } | null)?.tlsFailed === true;
}

type ImapLogEntry = { readonly msg?: unknown; readonly err?: unknown };

/** imapflow's pino-style logger: debug and info (every command) are dropped, warn and error are kept. */
function imapLogger(logger: Logger): {
  debug(entry: ImapLogEntry): void;
  info(entry: ImapLogEntry): void;
  warn(entry: ImapLogEntry): void;
  error(entry: ImapLogEntry): void;
} {
  const fields = (entry: ImapLogEntry): Record<string, unknown> => {
    const error = entry.err as { message?: unknown; code?: unknown } | undefined;
    return {
      ...(typeof error?.message === 'string' ? { error: error.message } : {}),
      ...(typeof error?.code === 'string' ? { code: error.code } : {}),
    };
  };
  const message = (entry: ImapLogEntry): string =>
    `IMAP client: ${typeof entry.msg === 'string' ? entry.msg : 'error'}`;
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: (entry) => logger.warn(message(entry), fields(entry)),
    error: (entry) => logger.error(message(entry), fields(entry)),
  };
}
