import { describe, expect, it } from 'vitest';
import { createCompanyIds, NO_COMPANY_TTL_MS } from '../../../../../electron/crm/hubspot/company-ids.js';
import { createRemoteIds } from '../../../../../electron/crm/hubspot/remote-ids.js';

describe('createCompanyIds', () => {
  it('B7: searches normalised domains once, the oldest company wins, and a company-less domain rests for the TTL', async () => {
    let now = 0;
    const searched: string[][] = [];
    const companies = [
      { id: '1', properties: { domain: 'acme.example' } },
      { id: '2', properties: { domain: 'ACME.example' } },
    ];
    const companyIds = createCompanyIds({
      api: {
        searchCompanies: (domains) => {
          searched.push([...domains]);
          return Promise.resolve(
            companies.filter((c) => domains.includes(c.properties.domain.toLowerCase())),
          );
        },
      },
      ids: createRemoteIds(),
      now: () => new Date(now),
    });
    const first = await companyIds(['Acme.example', 'acme.example', 'none.example']);
    expect(first).toEqual(new Map([['acme.example', '1']]));
    expect(searched).toEqual([['acme.example', 'none.example']]);

    now += NO_COMPANY_TTL_MS - 1;
    expect(await companyIds(['acme.example', 'none.example'])).toEqual(new Map([['acme.example', '1']]));
    expect(searched).toHaveLength(1); // acme from memory; none still believed company-less

    now += 1;
    companies.push({ id: '3', properties: { domain: 'none.example' } });
    expect(await companyIds(['none.example'])).toEqual(new Map([['none.example', '3']]));
    expect(searched).toEqual([['acme.example', 'none.example'], ['none.example']]);
  });
});
