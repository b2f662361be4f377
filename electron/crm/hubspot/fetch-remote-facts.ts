import { LRUCache } from 'lru-cache';
import { isFreeMailDomain } from '#shared/address/free-mail-domains.js';
import { domainOf, normalizeAddress, normalizeDomain } from '#shared/address/normalize-address.js';
import type { Company, Contact, Deal, Facts, FactsQuery } from '#shared/model/crm-data.js';
import type { LocalStore } from '../local/local-store.js';
import { joinContactName } from './contact-name.js';
import { dealProperties, mapDealStage } from './deal-stage.js';
import type { HubSpotApi, RemoteObject } from './hubspot-api.js';
import { classifyFailure } from './hubspot-failure.js';
import type { RemoteIds } from './remote-ids.js';

export type RemoteFactsDeps = {
  readonly api: HubSpotApi;
  readonly store: LocalStore;
  readonly ids: RemoteIds;
  readonly now: () => number;
  /** An address read from HubSpot this recently is answered from the cache alone. */
  readonly ttlMs: number;
  readonly onWarning: (message: string) => void;
  /** Addresses whose last read time is remembered at most (default `FETCHED_AT_MAX`). */
  readonly fetchedAtMax?: number;
};

/** Read times remembered at most: beyond it the least recently read address is read again when next seen. */
export const FETCHED_AT_MAX = 50_000;

/** docs/hubspot.md: contact → company primary (1) and unlabeled (279). */
const primaryCompanyType = 1;

/** The primary company among a contact's companies: the one labelled primary, else the oldest id. */
export function primaryCompanyOf(
  links: ReadonlyArray<{ toId: string; typeIds: ReadonlyArray<number> }>,
): string | null {
  const primary = links.find((l) => l.typeIds.includes(primaryCompanyType));
  if (primary !== undefined) {
    return primary.toId;
  }
  const sorted = [...links].sort((a, b) => Number(a.toId) - Number(b.toId));
  return sorted[0]?.toId ?? null;
}

function isoOrEpoch(value: string | null | undefined): string {
  const ms =
    value === null || value === undefined ? NaN : /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return new Date(Number.isNaN(ms) ? 0 : ms).toISOString();
}

/**
 * docs/rules.md#words "Facts" with HubSpot as the CRM: the read-through cache (docs/architecture.md "CrmBackend is a port"). For the
 * message's addresses it reads from HubSpot the contacts (`batch/read` by email: strongly consistent, unlike
 * search), their primary companies and every deal associated with them (v4 associations + `batch/read`), and the
 * companies of the other addresses' domains (B7 links a new contact to its domain's company; search, as `domain`
 * is not unique: the oldest wins, docs/hubspot.md). All of it is upserted into the local store, which then answers:
 * so R2's `logged`, users, settings and never-log lists stay local, and `decide()` picks the open deals itself
 * (B7: `dealsPerContact` most recent by create date; stages mapped by `mapDealStage`).
 *
 * When HubSpot is rate-limited or unreachable the cached facts are used as they are (a warning says so): the
 * message is still decided, and the push that follows neither duplicates a contact (it reads by email first)
 * nor loses the email. A rejected call (bad token, missing scope) throws: configuration, not weather.
 */
export function createRemoteFactsReader(deps: RemoteFactsDeps): (query: FactsQuery) => Promise<Facts> {
  // Bounded, least recently read first out: memory stays flat however many addresses pass through (a
  // stranger's mail can list thousands). An evicted address is only read again.
  const fetchedAt = new LRUCache<string, number>({ max: deps.fetchedAtMax ?? FETCHED_AT_MAX });

  async function refresh(addresses: ReadonlyArray<string>): Promise<void> {
    const { api, store, ids } = deps;
    const settings = store.settings();
    const before = store.fetchFacts({ addresses, names: [], identityKeys: [] });
    const contacts = await api.readObjects(
      'contacts',
      addresses,
      ['email', 'firstname', 'lastname'],
      'email',
    );
    const emailOfId = new Map<string, string>();
    for (const c of contacts) {
      const email = normalizeAddress(c.properties.email ?? '');
      if (email !== null) {
        emailOfId.set(c.id, email);
        ids.contactByEmail.set(email, c.id);
      }
    }
    const contactIds = [...emailOfId.keys()];
    const companyLinks =
      contactIds.length === 0 ? new Map() : await api.readAssociations('contacts', 'companies', contactIds);
    const dealLinks =
      contactIds.length === 0 ? new Map() : await api.readAssociations('contacts', 'deals', contactIds);

    const primaryOf = new Map<string, string>();
    for (const [contactId, links] of companyLinks) {
      const primary = primaryCompanyOf(links);
      if (primary !== null) {
        primaryOf.set(contactId, primary);
      }
    }
    const companies = await api.readObjects(
      'companies',
      [...new Set(primaryOf.values())],
      ['name', 'domain'],
    );
    const domainOfCompany = new Map<string, string>();
    const cachedCompanies: Company[] = [];
    const remember = (company: RemoteObject): void => {
      const domain = normalizeDomain(company.properties.domain ?? '');
      if (domain === null) {
        return; // the local model names a company by its domain: one without cannot be cached
      }
      domainOfCompany.set(company.id, domain);
      if (!ids.companyByDomain.has(domain)) {
        ids.companyByDomain.set(domain, company.id);
      }
      if (!cachedCompanies.some((c) => c.domain === domain)) {
        cachedCompanies.push({ domain, name: company.properties.name ?? domain });
      }
    };
    companies.forEach(remember);

    const found = new Set(emailOfId.values());
    const otherDomains = [
      ...new Set(
        addresses
          .filter((a) => !found.has(a))
          .map(domainOf)
          .filter((d) => !isFreeMailDomain(d, settings.freeMailDomains) && !ids.companyByDomain.has(d)),
      ),
    ];
    if (otherDomains.length > 0) {
      (await api.searchCompanies(otherDomains, ['name', 'domain', 'createdate'])).forEach(remember);
    }

    const cachedContacts: Array<Partial<Contact> & { readonly email: string }> = contacts.flatMap((c) => {
      const email = emailOfId.get(c.id);
      if (email === undefined) {
        return [];
      }
      const name = joinContactName({ firstname: c.properties.firstname, lastname: c.properties.lastname });
      const companyId = primaryOf.get(c.id);
      const company = companyId === undefined ? null : (domainOfCompany.get(companyId) ?? null);
      return [{ email, company, ...(name !== '' ? { name } : {}) }];
    });

    const contactsOfDeal = new Map<string, string[]>();
    for (const [contactId, links] of dealLinks) {
      for (const link of links as ReadonlyArray<{ toId: string }>) {
        const list = contactsOfDeal.get(link.toId) ?? [];
        list.push(emailOfId.get(contactId) ?? '');
        contactsOfDeal.set(link.toId, list);
      }
    }
    const remoteDeals = new Map(
      (await api.readObjects('deals', [...contactsOfDeal.keys()], dealProperties)).map((d) => [d.id, d]),
    );
    // A deal's cached contacts outside this query stay; those inside it become what HubSpot says now.
    const asked = new Set(addresses);
    const cachedDeals: Deal[] = [];
    for (const id of new Set([...before.deals.map((d) => d.id), ...remoteDeals.keys()])) {
      const cached = before.deals.find((d) => d.id === id);
      const remote = remoteDeals.get(id);
      const dealContacts = [
        ...new Set([
          ...(cached?.contacts ?? []).filter((e) => !asked.has(e)),
          ...(contactsOfDeal.get(id) ?? []),
        ]),
      ].filter((e) => e !== '');
      if (remote !== undefined) {
        cachedDeals.push({
          id,
          name: remote.properties.dealname ?? '',
          stage: mapDealStage(remote.properties),
          createdAt: isoOrEpoch(remote.properties.createdate),
          contacts: dealContacts,
        });
      } else if (cached !== undefined) {
        cachedDeals.push({ ...cached, contacts: dealContacts });
      }
    }
    store.importCrm({ users: [], companies: cachedCompanies, contacts: cachedContacts, deals: cachedDeals });
  }

  return async (query) => {
    const settings = deps.store.settings();
    const internal = new Set(settings.internalDomains.map((d) => d.toLowerCase()));
    const at = deps.now();
    const stale = [...new Set(query.addresses.map(normalizeAddress).filter((a): a is string => a !== null))]
      .filter(
        (a) =>
          !internal.has(domainOf(a)) && at - (fetchedAt.get(a) ?? Number.NEGATIVE_INFINITY) >= deps.ttlMs,
      )
      // B2: one message looks up a bounded number of addresses (headers come first in the query); the rest are
      // answered from the local cache as it stands.
      .slice(0, settings.maxFactLookups);

    if (stale.length > 0) {
      try {
        await refresh(stale);
        stale.forEach((a) => fetchedAt.set(a, at));
      } catch (e) {
        const failure = classifyFailure(e, new Date(at));
        if (failure.kind !== 'rate-limited' && failure.kind !== 'unavailable') {
          throw failure;
        }
        deps.onWarning(`HubSpot facts not refreshed, using the local cache: ${failure.message}`);
      }
    }
    return deps.store.fetchFacts(query);
  };
}
