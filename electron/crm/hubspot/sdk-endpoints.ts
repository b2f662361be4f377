import fs from 'node:fs';
import type { Client } from '@hubspot/api-client';
import type { HttpInfoLike } from './hubspot-call.js';
import type { CreateInput, ObjectType, SdkObject } from './hubspot-objects.js';

export type BatchReadBody = {
  readonly inputs: ReadonlyArray<{ readonly id: string }>;
  readonly properties: ReadonlyArray<string>;
  readonly propertiesWithHistory: ReadonlyArray<string>;
  readonly idProperty?: string;
};

export type SearchBody = {
  readonly filterGroups: ReadonlyArray<{
    readonly filters: ReadonlyArray<{
      readonly propertyName: string;
      readonly operator: 'IN';
      readonly values: ReadonlyArray<string>;
    }>;
  }>;
  readonly properties: ReadonlyArray<string>;
  readonly sorts: ReadonlyArray<{ readonly propertyName: string; readonly direction: 'ASCENDING' }>;
  readonly limit: number;
  readonly after: string;
};

/** A list page (`{results, paging?: {next: {after}}}`, docs/hubspot.md#requests). */
export type Page<T> = {
  readonly results: ReadonlyArray<T>;
  readonly paging?: { readonly next?: { readonly after: string } };
};

export type AssociationRow = {
  readonly _from: { readonly id: string };
  readonly to: ReadonlyArray<{
    readonly toObjectId: string | number;
    readonly associationTypes: ReadonlyArray<{ readonly typeId: number }>;
  }>;
};

export type EmailPropertyBody = {
  readonly name: string;
  readonly label: string;
  readonly description: string;
  readonly groupName: string;
  readonly hasUniqueValue: boolean;
};

type Answer<T> = Promise<HttpInfoLike<T>>;

/**
 * The HubSpot endpoints the backend calls, as plain functions over `@hubspot/api-client` 13: the one place that
 * knows the SDK. Bodies are cast here only, because the SDK types association categories and some fields as
 * TypeScript enums, which string literals do not satisfy.
 */
export type HubSpotEndpoints = {
  readBatch(type: ObjectType, body: BatchReadBody): Answer<{ readonly results: ReadonlyArray<SdkObject> }>;
  createBatch(
    type: 'contacts' | 'emails',
    inputs: ReadonlyArray<CreateInput>,
  ): Answer<{ readonly results: ReadonlyArray<SdkObject> }>;
  archiveBatch(type: 'emails', ids: ReadonlyArray<string>): Answer<unknown>;
  search(type: 'companies' | 'emails', body: SearchBody): Answer<Page<SdkObject>>;
  readAssociations(
    from: 'contacts',
    to: 'companies' | 'deals',
    ids: ReadonlyArray<string>,
  ): Answer<{ readonly results: ReadonlyArray<AssociationRow> }>;
  ownersPage(after: string | undefined): Answer<Page<{ readonly id: string; readonly email?: string }>>;
  upload(file: {
    readonly path: string;
    readonly name: string;
    readonly folderPath: string;
  }): Answer<unknown>;
  emailProperty(name: string): Answer<{ readonly hasUniqueValue?: boolean }>;
  emailPropertyGroups(): Answer<{ readonly results: ReadonlyArray<{ readonly name: string }> }>;
  createEmailProperty(property: EmailPropertyBody): Answer<unknown>;
};

/** docs/hubspot.md#files: private, never overwriting, the same bytes in the same folder answered by the first file. */
export const uploadOptions = JSON.stringify({
  access: 'PRIVATE',
  overwrite: false,
  duplicateValidationStrategy: 'RETURN_EXISTING',
  duplicateValidationScope: 'EXACT_FOLDER',
});

/**
 * Takes every API object now: the SDK decorates an API object when it is first touched, from a process-wide list
 * that the next `new Client()` replaces (docs/hubspot.md#sdk).
 */
export function sdkEndpoints(client: Client): HubSpotEndpoints {
  const batchApis = {
    contacts: client.crm.contacts.batchApi,
    companies: client.crm.companies.batchApi,
    deals: client.crm.deals.batchApi,
    emails: client.crm.objects.emails.batchApi,
  };
  const searchApis = {
    companies: client.crm.companies.searchApi,
    emails: client.crm.objects.emails.searchApi,
  };
  const associationBatch = client.crm.associations.v4.batchApi;
  const ownersApi = client.crm.owners.ownersApi;
  const filesApi = client.files.filesApi;
  const propertiesApi = client.crm.properties.coreApi;
  const groupsApi = client.crm.properties.groupsApi;
  type Cast<F extends (...args: never[]) => unknown, N extends number = 0> = Parameters<F>[N];
  return {
    readBatch: (type, body) =>
      batchApis[type].readWithHttpInfo(body as Cast<typeof batchApis.contacts.readWithHttpInfo>, false),
    createBatch: (type, inputs) => {
      const api = type === 'contacts' ? batchApis.contacts : batchApis.emails;
      const body = {
        inputs: inputs.map((i) => ({ properties: { ...i.properties }, associations: i.associations })),
      };
      return api.createWithHttpInfo(body as unknown as Cast<typeof api.createWithHttpInfo>);
    },
    archiveBatch: (_type, ids) => batchApis.emails.archiveWithHttpInfo({ inputs: ids.map((id) => ({ id })) }),
    search: (type, body) =>
      searchApis[type].doSearchWithHttpInfo(
        body as unknown as Cast<typeof searchApis.companies.doSearchWithHttpInfo>,
      ),
    readAssociations: (from, to, ids) =>
      associationBatch.getPageWithHttpInfo(from, to, { inputs: ids.map((id) => ({ id })) }),
    ownersPage: (after) => ownersApi.getPageWithHttpInfo(undefined, after, 500, false),
    // A fresh stream per attempt, as a consumed stream cannot be sent twice; form-data streams a ReadStream,
    // which the SDK types as a Buffer.
    upload: (file) =>
      filesApi.uploadWithHttpInfo(
        { data: fs.createReadStream(file.path) as unknown as Buffer, name: file.name },
        undefined,
        file.folderPath,
        file.name,
        undefined,
        uploadOptions,
      ),
    emailProperty: (name) => propertiesApi.getByNameWithHttpInfo('emails', name),
    emailPropertyGroups: () => groupsApi.getAllWithHttpInfo('emails'),
    createEmailProperty: (property) =>
      propertiesApi.createWithHttpInfo('emails', {
        ...property,
        type: 'string',
        fieldType: 'text',
      } as unknown as Cast<typeof propertiesApi.createWithHttpInfo, 1>),
  };
}
