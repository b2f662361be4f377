import type { BackendConfig } from '../config/companion-config.js';
import type { Logger } from '../core/logger.js';
import type { CrmBackend } from '../crm/crm-backend.port.js';
import { createHubSpotBackend, type HubSpotBackend } from '../crm/hubspot/create-hubspot-backend.js';
import { createLocalCrmBackend } from '../crm/local/create-local-crm-backend.js';
import { createPostgresBackend, type PostgresBackend } from '../crm/postgres/create-postgres-backend.js';
import type { LocalStore } from '../crm/local/local-store.js';

/** The CRM backend CONFIG.json names (C3). Local is the embedded default; with a remote one the store caches it. */
export function createBackend(
  config: BackendConfig,
  deps: {
    readonly store: LocalStore;
    readonly blobPath: (sha256: string) => string;
    readonly logger: Logger;
  },
): CrmBackend | HubSpotBackend | PostgresBackend {
  switch (config.kind) {
    case 'local':
      return createLocalCrmBackend(deps.store);
    case 'hubspot':
      return createHubSpotBackend({
        accessToken: config.accessToken,
        ...(config.baseUrl === undefined ? {} : { baseUrl: config.baseUrl }),
        store: deps.store,
        blobPath: deps.blobPath,
        onWarning: (message) => deps.logger.warn(message, { backend: 'hubspot' }),
      });
    case 'postgres':
      return createPostgresBackend({
        connection: {
          url: config.url,
          password: config.password,
          tls: config.tls,
          ...(config.caFile === undefined ? {} : { caFile: config.caFile }),
          ...(config.poolMax === undefined ? {} : { poolMax: config.poolMax }),
        },
        store: deps.store,
        onInfo: (message, fields) => deps.logger.info(message, { backend: 'postgres', ...fields }),
        onWarning: (message) => deps.logger.warn(message, { backend: 'postgres' }),
        // An error line: the companion's status shows the latest one (`CRM.AUTH: …` for a refused sign-in).
        onError: (message, error) => deps.logger.error(message, { backend: 'postgres', error }),
        onPushed: (stored, report) => {
          if (report.kind === 'duplicate') {
            deps.logger.info('PostgreSQL: the same email was logged by another companion first', {
              resultId: stored.id,
              emailId: report.emailId,
              duplicateOf: report.duplicateOf,
            });
          }
        },
      });
  }
}
