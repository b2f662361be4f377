import { apiFailure } from '#shared/api/api-error.js';
import type { CompanionService, ParsedInput } from '#shared/api/companion-api.js';
import { testPostgresConnection } from '../crm/postgres/test-postgres-connection.js';
import { createImapClient } from '../intake/create-imap-client.js';
import { writeConnectionFile } from './connection-file.js';
import { readStatus } from './read-status.js';
import type { Companion } from './start-companion.js';

type SetupMethods = Pick<CompanionService, 'testConnection' | 'saveConnection'>;
type ConnectionInput = ParsedInput<'testConnection'>;
type Outcome = { ok: boolean; message: string };

const testTimeoutMs = 15_000;

/** First-run setup (docs/api.md "Setup"): test a mailbox and a backend, then keep them for the next start. */
export function createSetupMethods(
  companion: Companion,
  options: { readonly editable: boolean },
): SetupMethods {
  return {
    async testConnection(input) {
      const mailbox = input.mailbox ? await testMailbox(input.mailbox) : null;
      const backend = input.backend ? await testBackend(input.backend) : null;
      return { ok: true, value: { mailbox, backend } };
    },
    async saveConnection(input) {
      if (!options.editable) {
        return apiFailure(
          'CONFLICT',
          "This companion's connection comes from IT's config file (serve --config): change it there.",
        );
      }
      writeConnectionFile(companion.config.store, {
        ...(input.mailbox === undefined ? {} : { mailbox: input.mailbox }),
        ...(input.backend === undefined ? {} : { backend: input.backend }),
      });
      companion.health.logger.info('connection saved: used from the next start', {
        store: companion.config.store,
      });
      return { ok: true, value: readStatus(companion) };
    },
  };
}

async function testMailbox(mailbox: NonNullable<ConnectionInput['mailbox']>): Promise<Outcome> {
  if (mailbox.password === undefined) {
    return { ok: false, message: 'A password is needed to test the mailbox.' };
  }
  if (mailbox.tls === 'none' && !isLoopback(mailbox.host)) {
    return { ok: false, message: 'A connection without TLS is refused for anything but this computer.' };
  }
  const { host, port, secure, user, password, folder: name } = mailbox;
  const client = createImapClient(
    { host, port, secure, user, password, folder: name },
    { maxIdleTimeMs: 60_000, autoIdleDelayMs: 500 },
  );
  client.on('error', () => undefined); // reported through connect()'s rejection
  const timer = setTimeout(() => client.close(), testTimeoutMs);
  try {
    await client.connect();
    const folder = await client.status(mailbox.folder, { messages: true });
    await client.logout();
    return {
      ok: true,
      message: `Signed in; ${mailbox.folder} holds ${folder === false ? 0 : (folder.messages ?? 0)} message(s).`,
    };
  } catch (error) {
    client.close();
    return { ok: false, message: `The mailbox refused or did not answer: ${describe(error)}` };
  } finally {
    clearTimeout(timer);
  }
}

async function testBackend(backend: NonNullable<ConnectionInput['backend']>): Promise<Outcome> {
  switch (backend.kind) {
    case 'local':
      return { ok: true, message: 'The embedded CRM needs no connection.' };
    case 'hubspot': {
      if (backend.accessToken === undefined) {
        return { ok: false, message: 'An access token is needed to test HubSpot.' };
      }
      const base = backend.baseUrl ?? 'https://api.hubapi.com';
      try {
        const response = await fetch(`${base}/crm/v3/objects/contacts?limit=1`, {
          headers: { authorization: `Bearer ${backend.accessToken}` },
          signal: AbortSignal.timeout(testTimeoutMs),
        });
        return response.ok
          ? { ok: true, message: 'HubSpot accepted the token.' }
          : { ok: false, message: `HubSpot answered HTTP ${response.status}.` };
      } catch (error) {
        return { ok: false, message: `HubSpot did not answer: ${describe(error)}` };
      }
    }
    case 'postgres':
      return backend.password === undefined
        ? { ok: false, message: 'A password is needed to test the team database.' }
        : testPostgresConnection({
            url: backend.url,
            password: backend.password,
            tls: backend.tls ?? 'verify-full',
          });
  }
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
