/**
 * HubSpot ids of what the local cache names by address or domain, learnt while reading facts and pushing (the
 * local store keys contacts by address and companies by domain, and has no column for a remote id). In memory:
 * after a restart a miss costs one batched read or search, never a wrong write. Deals need no map: they are
 * cached under their HubSpot id.
 */
export type RemoteIds = {
  readonly contactByEmail: Map<string, string>;
  readonly companyByDomain: Map<string, string>;
  /** Attachment sha256 → File Manager id. */
  readonly fileBySha256: Map<string, string>;
};

export function createRemoteIds(): RemoteIds {
  return { contactByEmail: new Map(), companyByDomain: new Map(), fileBySha256: new Map() };
}
