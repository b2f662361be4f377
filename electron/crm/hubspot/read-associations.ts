import type { HubSpotApi } from './hubspot-api.js';
import type { HubSpotCall } from './hubspot-call.js';
import { batchLimit, chunk } from './hubspot-objects.js';
import type { HubSpotEndpoints } from './sdk-endpoints.js';

/** v4 `batch/read` of a contact's companies or deals (the first page of 500 per object), 100 contacts a call. */
export function createAssociationReader(
  endpoints: Pick<HubSpotEndpoints, 'readAssociations'>,
  call: HubSpotCall,
): HubSpotApi['readAssociations'] {
  return async (from, to, ids) => {
    const map = new Map<string, Array<{ toId: string; typeIds: number[] }>>();
    for (const part of chunk([...new Set(ids)], batchLimit)) {
      const info = await call(`read ${from}→${to} associations`, { idempotent: true }, () =>
        endpoints.readAssociations(from, to, part),
      );
      for (const result of info.data.results) {
        map.set(
          String(result._from.id),
          result.to.map((t) => ({
            toId: String(t.toObjectId),
            typeIds: t.associationTypes.map((a) => a.typeId),
          })),
        );
      }
    }
    return map;
  };
}
