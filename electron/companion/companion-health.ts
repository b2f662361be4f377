import type { CompanionStatus } from '#shared/api/companion-schemas.js';
import type { Logger } from '../core/logger.js';

type MailboxState = CompanionStatus['mailbox']['state'];

/** What the status route reports about the background parts besides the store's own counts. */
export type CompanionHealth = {
  mailbox(): { readonly state: MailboxState; readonly detail: string | null };
  setMailbox(state: MailboxState, detail: string | null): void;
  lastError(): { readonly at: string; readonly message: string } | null;
  /** A logger that writes through to `logger` and keeps the mailbox state and the last error. */
  readonly logger: Logger;
  /** Called when the mailbox state or the last error changes (the status event). */
  onChange(listener: () => void): void;
};

/**
 * The intake and the outbox worker report how they are doing through their log lines only, so the status is read
 * from those: "IMAP connected" means connected, a connection error means offline (or refused sign-in), and the
 * latest error line is the status's last error.
 */
export function createCompanionHealth(logger: Logger, now: () => Date = () => new Date()): CompanionHealth {
  let mailbox: { state: MailboxState; detail: string | null } = { state: 'not-configured', detail: null };
  let last: { at: string; message: string } | null = null;
  const listeners: Array<() => void> = [];
  const changed = (): void => listeners.forEach((l) => l());

  function observe(message: string, fields: Readonly<Record<string, unknown>>): void {
    const error = typeof fields['error'] === 'string' ? fields['error'] : null;
    if (message === 'IMAP connected') {
      mailbox = { state: 'connected', detail: null };
      changed();
    } else if (message === 'IMAP connection error' || message === 'IMAP session ended') {
      const auth = error !== null && /auth|login|credential/i.test(error);
      mailbox = { state: auth ? 'auth-failed' : 'offline', detail: error };
      changed();
    }
  }

  return {
    mailbox: () => mailbox,
    setMailbox(state, detail) {
      mailbox = { state, detail };
      changed();
    },
    lastError: () => last,
    onChange: (listener) => void listeners.push(listener),
    logger: {
      info(message, fields = {}) {
        observe(message, fields);
        logger.info(message, fields);
      },
      warn(message, fields = {}) {
        observe(message, fields);
        logger.warn(message, fields);
      },
      error(message, fields = {}) {
        observe(message, fields);
        const error = typeof fields['error'] === 'string' ? `: ${fields['error']}` : '';
        last = { at: now().toISOString(), message: `${message}${error}` };
        changed();
        logger.error(message, fields);
      },
    },
  };
}
