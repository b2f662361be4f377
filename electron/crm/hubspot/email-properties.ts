import type { HubSpotApi } from './hubspot-api.js';
import type { HubSpotCall } from './hubspot-call.js';
import type { HubSpotEndpoints } from './sdk-endpoints.js';

/** docs/hubspot.md#key-property: reading, and creating, the custom email properties the keys live in. */
export function createEmailProperties(
  endpoints: Pick<HubSpotEndpoints, 'emailProperty' | 'emailPropertyGroups' | 'createEmailProperty'>,
  call: HubSpotCall,
): Pick<HubSpotApi, 'readEmailProperty' | 'emailPropertyGroups' | 'createEmailProperty'> {
  return {
    async readEmailProperty(name) {
      try {
        const info = await call('read email property', { idempotent: true }, () =>
          endpoints.emailProperty(name),
        );
        return { unique: info.data.hasUniqueValue === true };
      } catch (e) {
        if ((e as { kind?: string }).kind === 'not-found') {
          return null;
        }
        throw e;
      }
    },

    async emailPropertyGroups() {
      const info = await call('read email property groups', { idempotent: true }, () =>
        endpoints.emailPropertyGroups(),
      );
      return info.data.results.map((g) => g.name);
    },

    async createEmailProperty(property) {
      await call('create email property', { idempotent: false }, () =>
        endpoints.createEmailProperty(property),
      );
    },
  };
}
