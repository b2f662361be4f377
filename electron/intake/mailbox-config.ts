/**
 * The logging mailbox the IMAP intake connects to. Declared here, where it is used: CONFIG.json's reader in
 * electron/config/ produces a value of this shape and electron/companion/ hands it over (docs/architecture.md).
 */
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
  /** C1: `required` (absent) or `none`, cleartext, which the config allows only for a loopback host. */
  readonly tls?: 'required' | 'none';
};
