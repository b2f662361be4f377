import fs from 'node:fs';
import type { Client } from '@hubspot/api-client';
import type { HubSpotCall } from './hubspot-call.js';

/**
 * The HubSpot calls the backend makes, each through `@hubspot/api-client` 13 and the rate-gated `call`, typed
 * with the backend's own small shapes. Request bodies are cast at the SDK boundary only because the SDK types
 * association categories as TypeScript enums, which string literals do not satisfy.
 */
export type ObjectType = 'contacts' | 'companies' | 'deals' | 'emails';

export type RemoteObject = {
  readonly id: string;
  readonly properties: Readonly<Record<string, string | null>>;
};

export type AssociationInput = {
  readonly to: { readonly id: string };
  readonly types: ReadonlyArray<{
    readonly associationCategory: 'HUBSPOT_DEFINED';
    readonly associationTypeId: number;
  }>;
};

export type CreateInput = {
  readonly properties: Readonly<Record<string, string>>;
  readonly associations: ReadonlyArray<AssociationInput>;
};

/** v4: per object, the objects it is associated with and by which type ids. */
export type Associations = ReadonlyMap<
  string,
  ReadonlyArray<{ readonly toId: string; readonly typeIds: ReadonlyArray<number> }>
>;

export type Owner = { readonly id: string; readonly email: string };

export type HubSpotApi = {
  /** `batch/read` (≤ 100 ids a call, docs/hubspot.md), by id or by a unique property; absent ids are left out. */
  readObjects(
    type: ObjectType,
    ids: ReadonlyArray<string>,
    properties: ReadonlyArray<string>,
    idProperty?: string,
  ): Promise<RemoteObject[]>;
  /** `batch/create` of at most 100 inputs, with inline associations. */
  createObjects(type: 'contacts' | 'emails', inputs: ReadonlyArray<CreateInput>): Promise<RemoteObject[]>;
  /** docs/hubspot.md: companies by domain (not unique), oldest first. */
  searchCompanies(domains: ReadonlyArray<string>, properties: ReadonlyArray<string>): Promise<RemoteObject[]>;
  /** v4 `batch/read` (the first page of 500 per object). */
  readAssociations(
    from: 'contacts',
    to: 'companies' | 'deals',
    ids: ReadonlyArray<string>,
  ): Promise<Associations>;
  /** docs/hubspot.md: every active owner (paged). */
  listOwners(): Promise<Owner[]>;
  /** docs/hubspot.md: streams the file; returns the File Manager id. */
  uploadFile(file: {
    readonly path: string;
    readonly name: string;
    readonly folderPath: string;
  }): Promise<string>;
  /** The email property, if it exists: whether HubSpot enforces its values as unique. */
  readEmailProperty(name: string): Promise<{ readonly unique: boolean } | null>;
  /**
   * Emails whose value of any of the `conditions`' properties is one of its values (one filter group per property,
   * ORed; IN takes at most 100 values a filter), oldest first; search is eventually consistent (docs/hubspot.md).
   */
  searchEmails(
    conditions: ReadonlyArray<{ readonly property: string; readonly values: ReadonlyArray<string> }>,
    properties: ReadonlyArray<string>,
  ): Promise<RemoteObject[]>;
  emailPropertyGroups(): Promise<string[]>;
  createEmailProperty(property: {
    readonly name: string;
    readonly label: string;
    readonly description: string;
    readonly groupName: string;
    readonly hasUniqueValue: boolean;
  }): Promise<void>;
};

export const batchLimit = 100;

export function chunk<T>(items: ReadonlyArray<T>, size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    chunks.push(items.slice(i, i + size));
  }
  return chunks;
}

type SdkObject = { id: string; properties: Record<string, string | null> };

function toRemote(o: SdkObject): RemoteObject {
  return { id: String(o.id), properties: { ...o.properties } };
}

export function createHubSpotApi(client: Client, call: HubSpotCall): HubSpotApi {
  // Every API object is taken now: the SDK decorates an API object when it is first touched, from a process-wide
  // list that the next `new Client()` replaces (docs/hubspot.md "singleton pitfall").
  const batchApis = {
    contacts: client.crm.contacts.batchApi,
    companies: client.crm.companies.batchApi,
    deals: client.crm.deals.batchApi,
    emails: client.crm.objects.emails.batchApi,
  };
  const companySearch = client.crm.companies.searchApi;
  const emailSearch = client.crm.objects.emails.searchApi;
  const associationBatch = client.crm.associations.v4.batchApi;
  const ownersApi = client.crm.owners.ownersApi;
  const filesApi = client.files.filesApi;
  const propertiesApi = client.crm.properties.coreApi;
  const groupsApi = client.crm.properties.groupsApi;
  return {
    async readObjects(type, ids, properties, idProperty) {
      const found: RemoteObject[] = [];
      for (const part of chunk([...new Set(ids)], batchLimit)) {
        const body = {
          inputs: part.map((id) => ({ id })),
          properties: [...properties],
          propertiesWithHistory: [],
          ...(idProperty !== undefined ? { idProperty } : {}),
        };
        const info = await call(`read ${type}`, { idempotent: true }, () =>
          batchApis[type].readWithHttpInfo(body, false),
        );
        found.push(...(info.data.results as SdkObject[]).map(toRemote));
      }
      return found;
    },

    async createObjects(type, inputs) {
      if (inputs.length > batchLimit) {
        throw new RangeError(`createObjects: ${inputs.length} inputs, at most ${batchLimit}`);
      }
      const body = {
        inputs: inputs.map((i) => ({ properties: { ...i.properties }, associations: i.associations })),
      };
      const api = type === 'contacts' ? batchApis.contacts : batchApis.emails;
      const info = await call(`create ${type}`, { idempotent: false }, () =>
        api.createWithHttpInfo(body as unknown as Parameters<typeof api.createWithHttpInfo>[0]),
      );
      return (info.data.results as SdkObject[]).map(toRemote);
    },

    async searchCompanies(domains, properties) {
      const found: RemoteObject[] = [];
      for (const part of chunk([...new Set(domains)], batchLimit)) {
        let after: string | undefined = '0';
        while (after !== undefined) {
          const page: string = after;
          const body = {
            filterGroups: [{ filters: [{ propertyName: 'domain', operator: 'IN', values: part }] }],
            properties: [...properties],
            sorts: [{ propertyName: 'createdate', direction: 'ASCENDING' }],
            limit: 200,
            after: page,
          };
          const api = companySearch;
          const info = await call('search companies', { kind: 'search', idempotent: true }, () =>
            api.doSearchWithHttpInfo(body as unknown as Parameters<typeof api.doSearchWithHttpInfo>[0]),
          );
          found.push(...(info.data.results as SdkObject[]).map(toRemote));
          after = info.data.paging?.next?.after;
        }
      }
      return found;
    },

    async readAssociations(from, to, ids) {
      const map = new Map<string, Array<{ toId: string; typeIds: number[] }>>();
      for (const part of chunk([...new Set(ids)], batchLimit)) {
        const info = await call(`read ${from}→${to} associations`, { idempotent: true }, () =>
          associationBatch.getPageWithHttpInfo(from, to, { inputs: part.map((id) => ({ id })) }),
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
    },

    async listOwners() {
      const owners: Owner[] = [];
      let after: string | undefined;
      do {
        const page: string | undefined = after;
        const info = await call('list owners', { idempotent: true }, () =>
          ownersApi.getPageWithHttpInfo(undefined, page, 500, false),
        );
        for (const o of info.data.results) {
          if (o.email !== undefined) {
            owners.push({ id: String(o.id), email: o.email.toLowerCase() });
          }
        }
        after = info.data.paging?.next?.after;
      } while (after !== undefined);
      return owners;
    },

    async uploadFile(file) {
      const options = JSON.stringify({
        access: 'PRIVATE',
        overwrite: false,
        duplicateValidationStrategy: 'RETURN_EXISTING',
        duplicateValidationScope: 'EXACT_FOLDER',
      });
      // Repeatable: a second upload of the same bytes to the same folder returns the first file (RETURN_EXISTING).
      // A fresh stream per attempt, as a consumed stream cannot be sent twice.
      const info = await call('upload file', { idempotent: true }, () =>
        filesApi.uploadWithHttpInfo(
          // form-data streams a ReadStream; the SDK types the part as a Buffer.
          { data: fs.createReadStream(file.path) as unknown as Buffer, name: file.name },
          undefined,
          file.folderPath,
          file.name,
          undefined,
          options,
        ),
      );
      const id = (info.data as { id?: unknown } | null)?.id;
      if (typeof id !== 'string' && typeof id !== 'number') {
        throw new Error(`upload file: HubSpot answered without a file id`);
      }
      return String(id);
    },

    async readEmailProperty(name) {
      try {
        const info = await call('read email property', { idempotent: true }, () =>
          propertiesApi.getByNameWithHttpInfo('emails', name),
        );
        return { unique: info.data.hasUniqueValue === true };
      } catch (e) {
        if ((e as { kind?: string }).kind === 'not-found') {
          return null;
        }
        throw e;
      }
    },

    async searchEmails(conditions, properties) {
      const chunked = conditions.map((c) => ({
        property: c.property,
        parts: chunk([...new Set(c.values)], batchLimit),
      }));
      const rounds = Math.max(0, ...chunked.map((c) => c.parts.length));
      const found: RemoteObject[] = [];
      for (let round = 0; round < rounds; round++) {
        const filterGroups = chunked.flatMap((c) => {
          const part = c.parts[round];
          return part === undefined
            ? []
            : [{ filters: [{ propertyName: c.property, operator: 'IN', values: part }] }];
        });
        let after: string | undefined = '0';
        while (after !== undefined) {
          const page: string = after;
          const body = {
            filterGroups,
            properties: [...properties],
            sorts: [{ propertyName: 'hs_createdate', direction: 'ASCENDING' }],
            limit: 200,
            after: page,
          };
          const api = emailSearch;
          const info = await call('search emails', { kind: 'search', idempotent: true }, () =>
            api.doSearchWithHttpInfo(body as unknown as Parameters<typeof api.doSearchWithHttpInfo>[0]),
          );
          found.push(...(info.data.results as SdkObject[]).map(toRemote));
          after = info.data.paging?.next?.after;
        }
      }
      return found;
    },

    async emailPropertyGroups() {
      const info = await call('read email property groups', { idempotent: true }, () =>
        groupsApi.getAllWithHttpInfo('emails'),
      );
      return info.data.results.map((g) => g.name);
    },

    async createEmailProperty(property) {
      const body = { ...property, type: 'string', fieldType: 'text' };
      const api = propertiesApi;
      await call('create email property', { idempotent: false }, () =>
        api.createWithHttpInfo('emails', body as unknown as Parameters<typeof api.createWithHttpInfo>[1]),
      );
    },
  };
}
