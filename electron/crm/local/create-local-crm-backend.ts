import { ok } from '#shared/util/result.js';
import type { CrmBackend } from '../crm-backend.port.js';
import type { LocalStore } from './local-store.js';

/**
 * The embedded CRM as a `CrmBackend` (docs/architecture.md: the default backend). Facts come straight from the store,
 * so R2's `logged` is always current; pushing has nothing to do, because the store that journals the result is
 * the CRM (`sync: 'local'`).
 */
export function createLocalCrmBackend(store: Pick<LocalStore, 'fetchFacts'>): CrmBackend {
  return {
    kind: 'local',
    fetchFacts: (query) => Promise.resolve(store.fetchFacts(query)),
    pushResult: () => Promise.resolve(ok({ sync: 'local' as const })),
  };
}
