/** CONFIG.json of `crm-mail-logger serve --config` (SPEC §7), after validation and secrets from the environment. */

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
};

export type SmtpConfig = {
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  /** The notices' From: the logging mailbox (N1). */
  readonly from: string;
  readonly user?: string;
  readonly password?: string;
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
  /** The local API and window (docs/api.md): on `https://localhost:PORT`, or false for none. Default port 47806. */
  readonly ui: UiConfig;
};

export type UiConfig = { readonly port: number } | false;

export const defaultUiPort = 47806;
