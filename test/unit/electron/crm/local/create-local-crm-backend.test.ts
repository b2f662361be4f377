import { afterEach, describe, expect, it } from 'vitest';
import { createLocalCrmBackend } from '../../../../../electron/crm/local/create-local-crm-backend.js';
import { openLocalStore } from '../../../../../electron/crm/local/open-local-store.js';
import { ok } from '#shared/util/result.js';
import { buildDecision } from '../helpers/build-decision.js';
import { makeTempDir, removeTempDirs, sampleCrm } from '../helpers/temp-store.js';

afterEach(removeTempDirs);

describe('createLocalCrmBackend (CrmBackend port)', () => {
  it('reads facts through the store and has nothing to push', async () => {
    const store = openLocalStore(makeTempDir());
    store.importCrm(sampleCrm);
    const backend = createLocalCrmBackend(store);
    const query = { addresses: ['bob@acme.example'], names: [], identityKeys: ['ck1:content-m1'] };
    expect(backend.kind).toBe('local');
    expect(await backend.fetchFacts(query)).toEqual(store.fetchFacts(query));
    store.commit({ decision: buildDecision(), rawSha256: null, receivedAt: '2026-03-02T09:16:00.000Z' });
    expect((await backend.fetchFacts(query)).logged).toEqual([
      { key: 'ck1:content-m1', messageId: '<m1@corp.example>' },
    ]);
    const stored = store.storedResult(1);
    expect(stored).not.toBeNull();
    if (stored !== null) {
      expect(await backend.pushResult(stored)).toEqual(ok({ sync: 'local' }));
    }
    expect(store.storedResult(99)).toBeNull();
    store.close();
  });
});
