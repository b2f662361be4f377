import type { HubSpotApi } from './hubspot-api.js';

export type OwnerDirectory = {
  /** The owner id of a user's address (docs/hubspot.md: `hubspot_owner_id` is the owner id, not the user id). */
  ownerIdOf(email: string): Promise<string | null>;
};

/**
 * Owners by email, from one listing of every owner (docs/hubspot.md: cache the list rather than a call per address).
 * An address not found triggers a new listing at most once per `refreshMs`, so a user added in HubSpot is seen
 * without a restart and an address that has no owner costs no call per email.
 */
export function createOwnerDirectory(
  api: HubSpotApi,
  now: () => number,
  refreshMs = 10 * 60_000,
): OwnerDirectory {
  let owners = new Map<string, string>();
  let loadedAt = Number.NEGATIVE_INFINITY;
  let loading: Promise<void> | null = null;

  async function load(): Promise<void> {
    const list = await api.listOwners();
    owners = new Map(list.map((o) => [o.email, o.id]));
    loadedAt = now();
  }

  return {
    async ownerIdOf(email) {
      const address = email.toLowerCase();
      if (!owners.has(address) && now() - loadedAt >= refreshMs) {
        loading ??= load().finally(() => {
          loading = null;
        });
        await loading;
      }
      return owners.get(address) ?? null;
    },
  };
}
