import { describe, expect, it } from 'vitest';
import { createAssociationReader } from '../../../../../electron/crm/hubspot/read-associations.js';
import { answer, recordingCall } from './call-fakes.js';

describe('createAssociationReader', () => {
  it('maps each contact to its targets and type ids, 100 distinct contacts a call', async () => {
    const parts: number[] = [];
    const { call } = recordingCall();
    const read = createAssociationReader(
      {
        readAssociations: (_, __, ids) => {
          parts.push(ids.length);
          return answer({
            results: ids.map((id) => ({
              _from: { id },
              to: [{ toObjectId: 9, associationTypes: [{ typeId: 1 }, { typeId: 279 }] }],
            })),
          });
        },
      },
      call,
    );
    const ids = Array.from({ length: 120 }, (_, i) => String(i));
    const map = await read('contacts', 'companies', [...ids, '0']);
    expect(parts).toEqual([100, 20]);
    expect(map.size).toBe(120);
    expect(map.get('7')).toEqual([{ toId: '9', typeIds: [1, 279] }]);
  });
});
