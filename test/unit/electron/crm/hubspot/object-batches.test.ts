import { describe, expect, it } from 'vitest';
import type { CreateInput } from '../../../../../electron/crm/hubspot/hubspot-objects.js';
import { createObjectBatches } from '../../../../../electron/crm/hubspot/object-batches.js';
import type { BatchReadBody } from '../../../../../electron/crm/hubspot/sdk-endpoints.js';
import { answer, recordingCall } from './call-fakes.js';

const input: CreateInput = { properties: { email: 'a@x.example' }, associations: [] };

function batches() {
  const reads: BatchReadBody[] = [];
  const archived: string[][] = [];
  const { call, calls } = recordingCall();
  const api = createObjectBatches(
    {
      readBatch: (_, body) => {
        reads.push(body);
        return answer({
          results: body.inputs.map((i) => ({ id: `id-${i.id}`, properties: { email: i.id } })),
        });
      },
      archiveBatch: (_, ids) => {
        archived.push([...ids]);
        return answer('');
      },
      createBatch: (_, inputs) =>
        answer({ results: inputs.map((i, n) => ({ id: String(n + 1), properties: { ...i.properties } })) }),
    },
    call,
  );
  return { api, reads, archived, calls };
}

describe('createObjectBatches', () => {
  it('reads distinct ids in calls of at most 100, by the property asked for, and repeats a lost read', async () => {
    const { api, reads, calls } = batches();
    const ids = Array.from({ length: 150 }, (_, i) => `p${i}@x.example`);
    const found = await api.readObjects('contacts', [...ids, 'p0@x.example'], ['email'], 'email');
    expect(found).toHaveLength(150);
    expect(reads.map((r) => r.inputs.length)).toEqual([100, 50]);
    expect(reads[0]).toMatchObject({ properties: ['email'], propertiesWithHistory: [], idProperty: 'email' });
    expect(calls.map((c) => [c.label, c.idempotent])).toEqual([
      ['read contacts', true],
      ['read contacts', true],
    ]);
  });

  it('reads by HubSpot id when no id property is given', async () => {
    const { api, reads } = batches();
    await api.readObjects('deals', ['7'], ['dealname']);
    expect(Object.keys(reads[0] ?? {})).not.toContain('idProperty');
  });

  it('creates at most 100 inputs in one call that is never repeated', async () => {
    const { api, calls } = batches();
    expect(await api.createObjects('contacts', [input])).toEqual([{ id: '1', properties: input.properties }]);
    expect(calls).toEqual([{ label: 'create contacts', idempotent: false }]);
    await expect(
      api.createObjects(
        'emails',
        Array.from({ length: 101 }, () => input),
      ),
    ).rejects.toThrow(RangeError);
  });

  it('archives distinct ids in calls of at most 100, repeatable', async () => {
    const { api, archived, calls } = batches();
    await api.archiveObjects('emails', [...Array.from({ length: 101 }, (_, i) => String(i)), '0']);
    expect(archived.map((a) => a.length)).toEqual([100, 1]);
    expect(calls.every((c) => c.label === 'archive emails' && c.idempotent)).toBe(true);
  });
});
