import type { HubSpotCall, HttpInfoLike } from './hubspot-call.js';
import { batchLimit, chunk, toRemote, type RemoteObject, type SdkObject } from './hubspot-objects.js';
import type { Page, SearchBody } from './sdk-endpoints.js';

/** Objects whose `property` has one of `values`; several conditions are ORed. */
export type SearchCondition = { readonly property: string; readonly values: ReadonlyArray<string> };

/** docs/hubspot.md#batch-limits: a search page holds at most 200 results. */
export const searchPageLimit = 200;

/**
 * The filter groups of each request a search by `conditions` needs: one `IN` filter group per condition (groups
 * are ORed, docs/hubspot.md#batch-limits), each with at most `batchLimit` distinct values, so a condition with more
 * values spreads over several requests, and conditions share them.
 */
export function inFilterRounds(conditions: ReadonlyArray<SearchCondition>): SearchBody['filterGroups'][] {
  const parts = conditions.map((c) => ({
    property: c.property,
    chunks: chunk([...new Set(c.values)], batchLimit),
  }));
  const rounds = Math.max(0, ...parts.map((p) => p.chunks.length));
  return Array.from({ length: rounds }, (_, round) =>
    parts.flatMap((p) => {
      const values = p.chunks[round];
      return values === undefined
        ? []
        : [{ filters: [{ propertyName: p.property, operator: 'IN' as const, values }] }];
    }),
  );
}

/**
 * Every page of one search: HubSpot's pagination, written once. The first page is `after: "0"` (the SDK sends it
 * and the emulator requires it); the next is asked for while the answer names `paging.next.after`.
 */
export async function allPages(
  fetchPage: (after: string) => Promise<HttpInfoLike<Page<SdkObject>>>,
): Promise<RemoteObject[]> {
  const found: RemoteObject[] = [];
  let after: string | undefined = '0';
  while (after !== undefined) {
    const info: HttpInfoLike<Page<SdkObject>> = await fetchPage(after);
    found.push(...info.data.results.map(toRemote));
    after = info.data.paging?.next?.after;
  }
  return found;
}

/**
 * A search of one object type by conditions, oldest first by `sortBy`, each request under the rate gate's search
 * limit (docs/hubspot.md#rate-limits). Eventually consistent: what was created a moment ago may be missing.
 */
export function createConditionSearch(
  call: HubSpotCall,
  label: string,
  search: (body: SearchBody) => Promise<HttpInfoLike<Page<SdkObject>>>,
  sortBy: string,
): (
  conditions: ReadonlyArray<SearchCondition>,
  properties: ReadonlyArray<string>,
) => Promise<RemoteObject[]> {
  return async (conditions, properties) => {
    const found: RemoteObject[] = [];
    for (const filterGroups of inFilterRounds(conditions)) {
      const page = (after: string): Promise<HttpInfoLike<Page<SdkObject>>> =>
        call(label, { kind: 'search', idempotent: true }, () =>
          search({
            filterGroups,
            properties: [...properties],
            sorts: [{ propertyName: sortBy, direction: 'ASCENDING' }],
            limit: searchPageLimit,
            after,
          }),
        );
      found.push(...(await allPages(page)));
    }
    return found;
  };
}
