/** CONFIG.json of `crm-mail-logger serve --config` (SPEC §7), after validation and secrets from the environment. */

/**
 * C1: `required` (the default): implicit TLS when `secure`, else STARTTLS, which must succeed (never a fallback to
 * cleartext); `none`: cleartext, allowed only for a loopback host.
 */
export type TlsMode = 'required' | 'none';

export type MailboxConfig = {
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  readonly user: string;
  /** One of the two secrets: a password, or an OAuth access token for XOAUTH2. */
  readonly password?: string;
  readonly accessToken?: string;
  /** The folder the logging addresses deliver to (default INBOX). */
  readonly folder: string;
  /** C1 shared mode with per-user companions: claim only this user's messages. Absent: every message. */
  readonly onlyFor?: string;
  /** Accept a self-signed certificate (a test or on-premises server); never the default. */
  readonly allowUntrustedCertificate?: boolean;
  /** Absent: `required`. */
  readonly tls?: TlsMode;
};

export type SmtpConfig = {
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  /** The notices' From: the logging mailbox (N1). */
  readonly from: string;
  readonly user?: string;
  readonly password?: string;
  /** Absent: `required`. */
  readonly tls?: TlsMode;
};

export type BackendConfig =
  | { readonly kind: 'local' }
  | { readonly kind: 'hubspot'; readonly accessToken: string; readonly baseUrl?: string }
  | { readonly kind: 'postgres'; readonly url: string };

/** C1: days the raw bytes of rejected, skipped and duplicate messages are kept (for `reprocess`). */
export const defaultRawRetentionDays = 30;

/**
 * C1: below this much free space under the store the intake pauses. Room for the largest message accepted
 * (150 MiB, `limits.ts`) stored twice, as raw bytes and as its attachments, with a margin for SQLite's WAL.
 */
export const defaultMinFreeDiskMB = 1024;

export type CompanionConfig = {
  readonly store: string;
  /** Default `defaultRawRetentionDays`. */
  readonly rawRetentionDays?: number;
  /** Default `defaultMinFreeDiskMB`. */
  readonly minFreeDiskMB?: number;
  /** CRM.json imported at start (upsert), resolved against the config file's folder. */
  readonly crm?: string;
  readonly mailbox?: MailboxConfig;
  readonly smtp?: SmtpConfig;
  readonly backend: BackendConfig;
};
