import type { HubSpotApi } from './hubspot-api.js';
import type { HubSpotCall } from './hubspot-call.js';
import { batchLimit, chunk, toRemote } from './hubspot-objects.js';
import type { HubSpotEndpoints } from './sdk-endpoints.js';

/**
 * `batch/read` and `batch/create` (docs/hubspot.md#batch-limits: at most 100 inputs a call). Reads are split into
 * calls of 100 distinct ids and repeated when an answer is lost; a create is never repeated (docs/hubspot.md#idempotency).
 */
export function createObjectBatches(
  endpoints: Pick<HubSpotEndpoints, 'readBatch' | 'createBatch' | 'archiveBatch'>,
  call: HubSpotCall,
): Pick<HubSpotApi, 'readObjects' | 'createObjects' | 'archiveObjects'> {
  return {
    async readObjects(type, ids, properties, idProperty) {
      const found = [];
      for (const part of chunk([...new Set(ids)], batchLimit)) {
        const body = {
          inputs: part.map((id) => ({ id })),
          properties: [...properties],
          propertiesWithHistory: [],
          ...(idProperty !== undefined ? { idProperty } : {}),
        };
        const info = await call(`read ${type}`, { idempotent: true }, () => endpoints.readBatch(type, body));
        found.push(...info.data.results.map(toRemote));
      }
      return found;
    },

    async createObjects(type, inputs) {
      if (inputs.length > batchLimit) {
        throw new RangeError(`createObjects: ${inputs.length} inputs, at most ${batchLimit}`);
      }
      const info = await call(`create ${type}`, { idempotent: false }, () =>
        endpoints.createBatch(type, inputs),
      );
      return info.data.results.map(toRemote);
    },

    async archiveObjects(type, ids) {
      for (const part of chunk([...new Set(ids)], batchLimit)) {
        // Repeatable: archiving what is archived already answers 204 as well.
        await call(`archive ${type}`, { idempotent: true }, () => endpoints.archiveBatch(type, part));
      }
    },
  };
}
