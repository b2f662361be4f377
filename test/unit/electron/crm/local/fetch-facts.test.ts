import { afterEach, describe, expect, it } from 'vitest';
import { openLocalStore } from '../../../../../electron/crm/local/open-local-store.js';
import { buildDecision } from '../helpers/build-decision.js';
import { makeTempDir, removeTempDirs, sampleCrm } from '../helpers/temp-store.js';

afterEach(removeTempDirs);

function storeWithSample() {
  const store = openLocalStore(makeTempDir());
  store.importCrm(sampleCrm);
  store.importCrm({
    users: [],
    contacts: [
      { email: 'dan@acme.example', name: 'Dan', company: 'acme.example' },
      { email: 'dan@other.example', name: 'Dan' },
    ],
  });
  return store;
}

describe('fetchFacts (Facts, docs/rules.md#words: read-through scope)', () => {
  it('returns only the contacts named, their companies and all their deals, plus every user and list', () => {
    const store = storeWithSample();
    const facts = store.fetchFacts({ addresses: ['Bob <BOB@acme.example>'], names: [], identityKeys: [] });
    expect(facts).toEqual({
      settings: store.settings(),
      users: store.listUsers(),
      contacts: [{ email: 'bob@acme.example', name: 'Bob', company: 'acme.example' }],
      companies: [{ domain: 'acme.example', name: 'Acme' }],
      deals: [
        // all stages (B7's rule picks the open ones), newest first
        {
          id: 'D1',
          name: 'Renewal',
          stage: 'open',
          createdAt: '2026-01-02T00:00:00.000Z',
          contacts: ['bob@acme.example'],
        },
        {
          id: 'D2',
          name: 'Pilot',
          stage: 'won',
          createdAt: '2025-06-01T00:00:00.000Z',
          contacts: ['bob@acme.example'],
        },
      ],
      neverLog: ['competitor.example', 'noreply@vendor.example'],
      logged: [],
    });
    store.close();
  });

  it("includes the company of an unknown address's domain, for the contact B7 would create", () => {
    const store = storeWithSample();
    const facts = store.fetchFacts({ addresses: ['new.person@globex.example'], names: [], identityKeys: [] });
    expect(facts.contacts).toEqual([]);
    expect(facts.companies).toEqual([{ domain: 'globex.example', name: 'Globex' }]);
    expect(facts.deals).toEqual([]);
    store.close();
  });

  it('matches forwarded senders without an address by exact display name only (F6)', () => {
    const store = storeWithSample();
    const byName = store.fetchFacts({
      addresses: [],
      names: [' Dan ', 'Carol', 'carol', ''],
      identityKeys: [],
    });
    expect(byName.contacts.map((c) => c.email)).toEqual([
      'carol@globex.example',
      'dan@acme.example',
      'dan@other.example',
    ]);
    store.close();
  });

  it("reports identity keys held by logged emails only, with the earlier result's messageId (R2)", () => {
    const store = storeWithSample();
    store.commit({ decision: buildDecision(), rawSha256: null, receivedAt: '2026-03-02T09:16:00.000Z' });
    store.commit({
      decision: buildDecision({
        status: 'rejected',
        reasons: ['sender-not-user'],
        identity: { messageId: '<rejected@x.example>', contentKey: 'ck1:rejected' },
      }),
      rawSha256: null,
      receivedAt: '2026-03-02T09:17:00.000Z',
    });
    const facts = store.fetchFacts({
      addresses: [],
      names: [],
      identityKeys: ['ck1:content-m1', '<rejected@x.example>', '<unknown@x.example>'],
    });
    expect(facts.logged).toEqual([{ key: 'ck1:content-m1', messageId: '<m1@corp.example>' }]);
    store.close();
  });
});
