import { describe, expect, it } from 'vitest';
import type { SdkObject } from '../../../../../electron/crm/hubspot/hubspot-objects.js';
import type { Page, SearchBody } from '../../../../../electron/crm/hubspot/sdk-endpoints.js';
import {
  allPages,
  createConditionSearch,
  inFilterRounds,
} from '../../../../../electron/crm/hubspot/search-pages.js';
import { answer, recordingCall } from './call-fakes.js';

const object = (id: number): SdkObject => ({ id: String(id), properties: { n: String(id) } });
const values = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('inFilterRounds', () => {
  it('puts one IN group per condition in each request, at most 100 distinct values a filter', () => {
    const rounds = inFilterRounds([
      { property: 'a', values: [...values('a', 150), 'a0'] },
      { property: 'b', values: values('b', 30) },
      { property: 'c', values: [] },
    ]);
    expect(
      rounds.map((groups) => groups.map((g) => g.filters.map((f) => [f.propertyName, f.values.length]))),
    ).toEqual([[[['a', 100]], [['b', 30]]], [[['a', 50]]]]);
    expect(rounds[0]?.[0]?.filters[0]).toMatchObject({ operator: 'IN', values: values('a', 100) });
  });

  it('needs no request for no values', () => {
    expect(inFilterRounds([{ property: 'a', values: [] }])).toEqual([]);
    expect(inFilterRounds([])).toEqual([]);
  });
});

describe('allPages', () => {
  it('starts at after "0" and follows paging.next.after until a page has none', async () => {
    const asked: string[] = [];
    const pages: Record<string, Page<SdkObject>> = {
      '0': { results: [object(1), object(2)], paging: { next: { after: '2' } } },
      '2': { results: [object(3)], paging: { next: { after: '3' } } },
      '3': { results: [] },
    };
    const found = await allPages((after) => {
      asked.push(after);
      return answer(pages[after] ?? { results: [] });
    });
    expect(asked).toEqual(['0', '2', '3']);
    expect(found.map((o) => o.id)).toEqual(['1', '2', '3']);
  });
});

describe('createConditionSearch', () => {
  it('sends the documented body, oldest first, every page of every round, as a search call', async () => {
    const bodies: SearchBody[] = [];
    const { call, calls } = recordingCall();
    const search = createConditionSearch(
      call,
      'search emails',
      (body) => {
        bodies.push(body);
        return answer(
          body.after === '0'
            ? { results: [object(bodies.length)], paging: { next: { after: '200' } } }
            : { results: [object(bodies.length)] },
        );
      },
      'hs_createdate',
    );
    const found = await search([{ property: 'k', values: values('k', 101) }], ['k']);
    expect(found.map((o) => o.id)).toEqual(['1', '2', '3', '4']); // two rounds (100 + 1 values) of two pages
    expect(bodies[0]).toMatchObject({
      properties: ['k'],
      sorts: [{ propertyName: 'hs_createdate', direction: 'ASCENDING' }],
      limit: 200,
      after: '0',
    });
    expect(bodies.map((b) => [b.after, b.filterGroups[0]?.filters[0]?.values.length])).toEqual([
      ['0', 100],
      ['200', 100],
      ['0', 1],
      ['200', 1],
    ]);
    expect(calls.every((c) => c.kind === 'search' && c.idempotent && c.label === 'search emails')).toBe(true);
  });
});
