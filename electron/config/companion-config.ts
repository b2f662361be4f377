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

export type CompanionConfig = {
  readonly store: string;
  /** CRM.json imported at start (upsert), resolved against the config file's folder. */
  readonly crm?: string;
  readonly mailbox?: MailboxConfig;
  readonly smtp?: SmtpConfig;
  readonly backend: BackendConfig;
};
