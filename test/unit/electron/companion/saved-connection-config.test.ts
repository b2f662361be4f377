import { describe, expect, it } from 'vitest';
import {
  savedConnectionConfig,
  type SecretName,
} from '../../../../electron/companion/saved-connection-config.js';

const mailbox = {
  host: 'imap.corp.example',
  port: 993,
  secure: true,
  tls: 'required' as const,
  user: 'ann',
  folder: 'INBOX',
  onlyFor: null,
};
const secrets =
  (values: Partial<Record<SecretName, string>>) =>
  (name: SecretName): string | null =>
    values[name] ?? null;

describe("the desktop app's companion config (C4)", () => {
  it('without a saved connection: the local CRM, no mailbox, the window on the port', () => {
    expect(
      savedConnectionConfig({ store: '/s', port: 47806, connection: null, secret: secrets({}) }),
    ).toEqual({
      config: { store: '/s', backend: { kind: 'local' }, ui: { port: 47806 } },
      missing: [],
    });
  });

  it('joins the saved connection with the secrets from safeStorage', () => {
    const { config, missing } = savedConnectionConfig({
      store: '/s',
      port: 0,
      connection: {
        mailbox: { ...mailbox, onlyFor: 'ann@corp.example' },
        backend: { kind: 'hubspot', baseUrl: null },
      },
      secret: secrets({ mailboxPassword: 'hunter2', hubspotToken: 'pat-1' }),
    });
    expect(missing).toEqual([]);
    expect(config).toEqual({
      store: '/s',
      ui: { port: 0 },
      mailbox: {
        host: 'imap.corp.example',
        port: 993,
        secure: true,
        tls: 'required',
        user: 'ann',
        folder: 'INBOX',
        onlyFor: 'ann@corp.example',
        password: 'hunter2',
      },
      backend: { kind: 'hubspot', accessToken: 'pat-1' },
    });
  });

  it('a missing secret leaves its part out and says so, rather than failing sign-in', () => {
    const { config, missing } = savedConnectionConfig({
      store: '/s',
      port: 1,
      connection: { mailbox, backend: { kind: 'hubspot', baseUrl: 'https://api.example' } },
      secret: secrets({}),
    });
    expect(config).toEqual({ store: '/s', backend: { kind: 'local' }, ui: { port: 1 } });
    expect(missing).toEqual([
      'the mailbox password: enter it again in the window',
      'the HubSpot access token: enter it again in the window (the local CRM is used until then)',
    ]);
  });

  it('postgres takes its password from safeStorage, else from the owner-only file (headless), else falls back', () => {
    const connection = { backend: { kind: 'postgres' as const, url: 'postgres://ann@db/crm' } };
    const stored = savedConnectionConfig({
      store: '/s',
      port: 1,
      connection,
      secret: secrets({ postgresPassword: 'from-keyring' }),
    });
    expect(stored.config.backend).toEqual({
      kind: 'postgres',
      url: 'postgres://ann@db/crm',
      password: 'from-keyring',
      tls: 'verify-full',
    });
    const headless = savedConnectionConfig({
      store: '/s',
      port: 1,
      connection: { backend: { ...connection.backend, password: 'in-file', tls: 'require' as const } },
      secret: () => null,
    });
    expect(headless.config.backend).toMatchObject({ password: 'in-file', tls: 'require' });
    const none = savedConnectionConfig({ store: '/s', port: 1, connection, secret: secrets({}) });
    expect(none.config.backend).toEqual({ kind: 'local' });
    expect(none.missing.join(' ')).toContain('team database password');
  });
});
