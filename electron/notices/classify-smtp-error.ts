/** An SMTP send that failed: the words to record, and whether trying again could help. */
export type SmtpFailure = { readonly permanent: boolean; readonly message: string };

type NodemailerError = {
  readonly message?: unknown;
  readonly code?: unknown;
  readonly responseCode?: unknown;
  readonly response?: unknown;
};

const maxMessageLength = 500;

/**
 * Sorts a nodemailer error (`code`, `responseCode`, `response`). Permanent: a 5xx reply (RFC 5321: "do not repeat
 * the exact request"), or a message nodemailer itself cannot build (`EENVELOPE` without a reply, `EMESSAGE`).
 * Retryable: a 4xx reply, a connection, TLS or timeout failure — and an authentication failure (`EAUTH`), which is
 * the companion's configuration, not the notice's fault, and may be fixed before the notice expires; likewise a
 * server that does not start the TLS the configuration requires (`ETLS`).
 */
export function classifySmtpError(error: unknown): SmtpFailure {
  const e = (typeof error === 'object' && error !== null ? error : {}) as NodemailerError;
  const code = typeof e.code === 'string' ? e.code : null;
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : null;
  const text =
    typeof e.response === 'string' && e.response !== ''
      ? e.response
      : typeof e.message === 'string'
        ? e.message
        : String(error);
  const flat = text.replace(/\s+/g, ' ').trim();
  const message = flat.length > maxMessageLength ? `${flat.slice(0, maxMessageLength - 1)}…` : flat;
  if (code === 'EAUTH') {
    return { permanent: false, message };
  }
  if (code === 'ETLS') {
    // C1: TLS is required and the server did not start it: the configuration's fault, not the notice's.
    return { permanent: false, message: `the SMTP server did not start TLS (STARTTLS required): ${message}` };
  }
  if (responseCode !== null) {
    return { permanent: responseCode >= 500 && responseCode < 600, message };
  }
  return { permanent: code === 'EENVELOPE' || code === 'EMESSAGE', message };
}
