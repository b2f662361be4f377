import type { Client } from '@hubspot/api-client';
import { createEmailProperties } from './email-properties.js';
import type { HubSpotCall } from './hubspot-call.js';
import type { Associations, CreateInput, ObjectType, Owner, RemoteObject } from './hubspot-objects.js';
import { createOwnerListing } from './list-owners.js';
import { createObjectBatches } from './object-batches.js';
import { createAssociationReader } from './read-associations.js';
import { sdkEndpoints, type HubSpotEndpoints } from './sdk-endpoints.js';
import { createConditionSearch, type SearchCondition } from './search-pages.js';
import { createFileUpload } from './upload-file.js';

export {
  batchLimit,
  chunk,
  type AssociationInput,
  type Associations,
  type CreateInput,
  type ObjectType,
  type Owner,
  type RemoteObject,
} from './hubspot-objects.js';

/**
 * The HubSpot calls the backend makes, each through `@hubspot/api-client` 13 (`sdk-endpoints.ts`) and the
 * rate-gated `call`, typed with the backend's own small shapes (`hubspot-objects.ts`).
 */
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
  /** `batch/archive` (≤ 100 ids a call): the emails go to the recycling bin. */
  archiveObjects(type: 'emails', ids: ReadonlyArray<string>): Promise<void>;
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
   * ORed; at most 100 values an `IN` filter), oldest first; search is eventually consistent (docs/hubspot.md).
   */
  searchEmails(
    conditions: ReadonlyArray<SearchCondition>,
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

/** The API over any endpoints (the SDK's, or a test's), each call through `call`. */
export function hubSpotApiOver(endpoints: HubSpotEndpoints, call: HubSpotCall): HubSpotApi {
  const searchCompanies = createConditionSearch(
    call,
    'search companies',
    (body) => endpoints.search('companies', body),
    'createdate',
  );
  return {
    ...createObjectBatches(endpoints, call),
    searchCompanies: (domains, properties) =>
      searchCompanies([{ property: 'domain', values: domains }], properties),
    readAssociations: createAssociationReader(endpoints, call),
    listOwners: createOwnerListing(endpoints, call),
    uploadFile: createFileUpload(endpoints, call),
    searchEmails: createConditionSearch(
      call,
      'search emails',
      (body) => endpoints.search('emails', body),
      'hs_createdate',
    ),
    ...createEmailProperties(endpoints, call),
  };
}

export function createHubSpotApi(client: Client, call: HubSpotCall): HubSpotApi {
  return hubSpotApiOver(sdkEndpoints(client), call);
}
