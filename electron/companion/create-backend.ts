import type { BackendConfig } from '../config/companion-config.js';
import type { Logger } from '../core/logger.js';
import type { CrmBackend } from '../crm/crm-backend.port.js';
import { createHubSpotBackend, type HubSpotBackend } from '../crm/hubspot/create-hubspot-backend.js';
import { createLocalCrmBackend } from '../crm/local/create-local-crm-backend.js';
import type { LocalStore } from '../crm/local/local-store.js';

/** The CRM backend CONFIG.json names (C3). Local is the embedded default; with a remote one the store caches it. */
export function createBackend(
  config: BackendConfig,
  deps: {
    readonly store: LocalStore;
    readonly blobPath: (sha256: string) => string;
    readonly logger: Logger;
  },
): CrmBackend | HubSpotBackend {
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
      // Said plainly at start rather than failing later: the team PostgreSQL backend is not built yet.
      throw new Error('backend.kind "postgres" is not available in this version; use "local" or "hubspot"');
  }
}
