import { describe, expect, it } from 'vitest';
import { createRemoteIds } from '../../../../../electron/crm/hubspot/remote-ids.js';

describe('createRemoteIds', () => {
  it('keeps the most recently used ids up to its bound, so memory stays flat', () => {
    const ids = createRemoteIds(3);
    for (const n of [1, 2, 3]) {
      ids.contactByEmail.set(`p${n}@x.example`, String(n));
    }
    ids.contactByEmail.get('p1@x.example');
    ids.contactByEmail.set('p4@x.example', '4');
    expect([...ids.contactByEmail.keys()].sort()).toEqual(['p1@x.example', 'p3@x.example', 'p4@x.example']);
  });
});
