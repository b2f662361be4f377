import { LRUCache } from 'lru-cache';

/**
 * HubSpot ids of what the local cache names by address or domain, learnt while reading facts and pushing (the
 * local store keys contacts by address and companies by domain, and has no column for a remote id). In memory:
 * after a restart a miss costs one batched read or search, never a wrong write. Deals need no map: they are
 * cached under their HubSpot id.
 *
 * Each map keeps the most recently used entries up to a bound, so that a companion fed strangers' address
 * lists for months does not grow without limit; an evicted id is a miss, which costs one read again.
 */
export type RemoteIds = {
  readonly contactByEmail: LRUCache<string, string>;
  readonly companyByDomain: LRUCache<string, string>;
  /** Attachment sha256 → File Manager id. */
  readonly fileBySha256: LRUCache<string, string>;
};

/** Ids kept per map: a contact id and its address are about 100 bytes, so a few MB at most. */
export const REMOTE_IDS_MAX = 50_000;

export function createRemoteIds(max = REMOTE_IDS_MAX): RemoteIds {
  return {
    contactByEmail: new LRUCache({ max }),
    companyByDomain: new LRUCache({ max }),
    fileBySha256: new LRUCache({ max }),
  };
}
