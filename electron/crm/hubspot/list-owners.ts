import type { HubSpotCall } from './hubspot-call.js';
import type { Owner } from './hubspot-objects.js';
import type { HubSpotEndpoints } from './sdk-endpoints.js';

/** docs/hubspot.md#owners: every active owner with an address (paged, 500 a page), addresses in lower case. */
export function createOwnerListing(
  endpoints: Pick<HubSpotEndpoints, 'ownersPage'>,
  call: HubSpotCall,
): () => Promise<Owner[]> {
  return async () => {
    const owners: Owner[] = [];
    let after: string | undefined;
    do {
      const page: string | undefined = after;
      const info = await call('list owners', { idempotent: true }, () => endpoints.ownersPage(page));
      for (const o of info.data.results) {
        if (o.email !== undefined) {
          owners.push({ id: String(o.id), email: o.email.toLowerCase() });
        }
      }
      after = info.data.paging?.next?.after;
    } while (after !== undefined);
    return owners;
  };
}
