import type { ConnectionFile } from './connection-file.js';
import type { CompanionConfig } from '../config/companion-config.js';

/** The secrets a saved connection needs; the desktop app keeps them in safeStorage (docs/security.md). */
export const secretNames = ['mailboxPassword', 'hubspotToken', 'postgresPassword'] as const;
export type SecretName = (typeof secretNames)[number];

/**
 * The companion config of the desktop app and of headless `start` (docs/rules.md#c4): the connection the person set up in the window
 * (`<store>/connection.json`, which the app writes without secrets) joined with the secrets from safeStorage. A
 * mailbox or a HubSpot backend whose secret is missing (refused by the secrets policy, or never entered) is left
 * out, and `missing` says so for the log: the companion then starts on the local CRM and without a mailbox
 * rather than failing sign-in over and over.
 */
export function savedConnectionConfig(input: {
  readonly store: string;
  readonly port: number;
  readonly connection: ConnectionFile | null;
  readonly secret: (name: SecretName) => string | null;
}): { readonly config: CompanionConfig; readonly missing: ReadonlyArray<string> } {
  const missing: string[] = [];
  const saved = input.connection;
  let mailbox: CompanionConfig['mailbox'];
  if (saved?.mailbox != null) {
    const { password: filePassword, onlyFor, ...rest } = saved.mailbox;
    const password = input.secret('mailboxPassword') ?? filePassword;
    if (password === undefined) {
      missing.push('the mailbox password: enter it again in the window');
    } else {
      mailbox = { ...rest, password, ...(onlyFor === null ? {} : { onlyFor }) };
    }
  }
  let backend: CompanionConfig['backend'] = { kind: 'local' };
  if (saved?.backend?.kind === 'hubspot') {
    const accessToken = input.secret('hubspotToken') ?? saved.backend.accessToken;
    if (accessToken === undefined) {
      missing.push(
        'the HubSpot access token: enter it again in the window (the local CRM is used until then)',
      );
    } else {
      const baseUrl = saved.backend.baseUrl;
      backend = { kind: 'hubspot', accessToken, ...(baseUrl == null ? {} : { baseUrl }) };
    }
  } else if (saved?.backend?.kind === 'postgres') {
    // The team database's password is a secret like the others: never in connection.json (docs/deployment.md).
    const password = input.secret('postgresPassword') ?? saved.backend.password ?? null;
    if (password === null) {
      missing.push(
        'the team database password: enter it again in the window (the local CRM is used until then)',
      );
    } else {
      backend = {
        kind: 'postgres',
        url: saved.backend.url,
        password,
        tls: saved.backend.tls ?? 'verify-full',
      };
    }
  }
  return {
    config: {
      store: input.store,
      backend,
      ui: { port: input.port },
      ...(mailbox === undefined ? {} : { mailbox }),
    },
    missing,
  };
}
