/**
 * The SMTP server the notice sender sends through. Declared here, where it is used: CONFIG.json's reader in
 * electron/config/ produces a value of this shape and electron/companion/ hands it over (docs/architecture.md).
 */
export type SmtpConfig = {
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  /** The notices' From: the logging mailbox (N1). */
  readonly from: string;
  readonly user?: string;
  readonly password?: string;
  /** C1: `required` (absent) or `none`, cleartext, which the config allows only for a loopback host. */
  readonly tls?: 'required' | 'none';
};
