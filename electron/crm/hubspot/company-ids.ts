import { normalizeDomain } from '#shared/address/normalize-address.js';
import type { HubSpotApi } from './hubspot-api.js';
import type { RemoteIds } from './remote-ids.js';

/** How long "HubSpot has no company for this domain" is believed (B7 links what exists when the email is pushed). */
export const NO_COMPANY_TTL_MS = 10 * 60_000;

/**
 * Company ids by normalised domain, from memory or one search for the rest (docs/hubspot.md#companies); when a
 * domain has several companies, the oldest wins. A domain HubSpot had no company for is not searched again for
 * `NO_COMPANY_TTL_MS`: a back-fill names the same company-less domains in batch after batch, and searching again
 * for each batch was a sixth of the sync's requests. A company created in HubSpot meanwhile is linked to emails
 * pushed after that.
 */
export function createCompanyIds(deps: {
  readonly api: Pick<HubSpotApi, 'searchCompanies'>;
  readonly ids: Pick<RemoteIds, 'companyByDomain'>;
  readonly now: () => Date;
}): (domains: ReadonlyArray<string>) => Promise<Map<string, string>> {
  const { api, ids } = deps;
  const noCompanyUntil = new Map<string, number>();
  return async (domains) => {
    const wanted = [
      ...new Set(domains.map((d) => normalizeDomain(d)).filter((d): d is string => d !== null)),
    ];
    const at = deps.now().getTime();
    const missing = wanted.filter((d) => !ids.companyByDomain.has(d) && (noCompanyUntil.get(d) ?? 0) <= at);
    if (missing.length > 0) {
      for (const company of await api.searchCompanies(missing, ['domain', 'createdate'])) {
        const domain = normalizeDomain(company.properties.domain ?? '');
        if (domain !== null && !ids.companyByDomain.has(domain)) {
          ids.companyByDomain.set(domain, company.id); // results come oldest first: the oldest wins
        }
      }
      missing
        .filter((d) => !ids.companyByDomain.has(d))
        .forEach((d) => noCompanyUntil.set(d, at + NO_COMPANY_TTL_MS));
    }
    return new Map(
      wanted.flatMap((d) => (ids.companyByDomain.has(d) ? [[d, ids.companyByDomain.get(d) ?? '']] : [])),
    );
  };
}
