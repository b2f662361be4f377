import { afterEach, describe, expect, it } from 'vitest';
import { CrmStoreError } from '../../../../../electron/crm/local/crm-store-error.js';
import { openLocalStore } from '../../../../../electron/crm/local/open-local-store.js';
import { defaultSettings } from '#shared/model/crm-data.js';
import { makeTempDir, removeTempDirs, sampleCrm } from '../helpers/temp-store.js';

afterEach(removeTempDirs);

const everything = { addresses: ['bob@acme.example', 'carol@globex.example'], names: [], identityKeys: [] };

describe('importCrm (--crm upserts, docs/rules.md#crm-json)', () => {
  it('imports CRM.json and reports what it created', () => {
    const store = openLocalStore(makeTempDir());
    expect(store.importCrm(sampleCrm)).toEqual({
      users: { created: 2, updated: 0 },
      companies: { created: 2, updated: 0 },
      contacts: { created: 2, updated: 0 },
      deals: { created: 3, updated: 0 },
      neverLog: 2,
      settings: [
        'bccAddress',
        'forwardingAddress',
        'requireToken',
        'internalDomains',
        'attachmentLimitMB',
        'dealsPerContact',
        'dealSort',
        'freeMailDomains',
      ],
    });
    expect(store.listUsers()).toEqual([
      {
        id: 1,
        email: 'ann@corp.example',
        aliases: ['a.smith@corp.example'],
        token: 'k3x9',
        neverLog: [],
        locale: 'en',
        bccAddress: 'ann+crm-bcc@corp.example',
        forwardingAddress: 'ann+crm-fwd@corp.example',
      },
      {
        id: 2,
        email: 'ken@corp.example',
        aliases: [],
        token: null,
        neverLog: ['rival.example'],
        locale: 'ja',
      },
    ]);
    expect(store.settings()).toEqual({ ...defaultSettings, freeMailDomains: ['extra-free-mail.example'] });
    store.close();
  });

  it('is idempotent: importing twice leaves the same store', () => {
    const store = openLocalStore(makeTempDir());
    store.importCrm(sampleCrm);
    const users = store.listUsers();
    const facts = store.fetchFacts(everything);
    const second = store.importCrm(sampleCrm);
    expect(second.users).toEqual({ created: 0, updated: 2 });
    expect(second.contacts).toEqual({ created: 0, updated: 2 });
    expect(store.listUsers()).toEqual(users);
    expect(store.fetchFacts(everything)).toEqual(facts);
    store.close();
  });

  it('updates by key: a changed name, a moved deal, replaced lists', () => {
    const store = openLocalStore(makeTempDir());
    store.importCrm(sampleCrm);
    store.importCrm({
      users: [{ id: 1, email: 'ann@corp.example', name: 'Ann Smith', aliases: [] }],
      companies: [{ domain: 'acme.example', name: 'Acme Corp' }],
      contacts: [{ email: 'bob@acme.example', name: 'Robert' }],
      deals: [
        {
          id: 'D1',
          name: 'Renewal',
          stage: 'won',
          createdAt: '2026-01-02T00:00:00.000Z',
          contacts: ['carol@globex.example'],
        },
      ],
      neverLog: ['competitor.example'],
    });
    const ann = store.listUsers()[0];
    // Given fields change, lists given are replaced, fields left out are kept (token, locale, personal addresses).
    expect(ann).toMatchObject({
      name: 'Ann Smith',
      aliases: [],
      token: 'k3x9',
      bccAddress: 'ann+crm-bcc@corp.example',
    });
    const facts = store.fetchFacts(everything);
    expect(facts.contacts).toEqual([
      { email: 'bob@acme.example', name: 'Robert', company: 'acme.example' },
      { email: 'carol@globex.example', name: 'Carol', company: 'globex.example' },
    ]);
    expect(facts.companies).toContainEqual({ domain: 'acme.example', name: 'Acme Corp' });
    expect(facts.deals.find((d) => d.id === 'D1')).toEqual({
      id: 'D1',
      name: 'Renewal',
      stage: 'won',
      createdAt: '2026-01-02T00:00:00.000Z',
      contacts: ['carol@globex.example'],
    });
    // CRM.json is the source of truth for the account never-log list: replaced, not merged.
    expect(store.listNeverLog()).toEqual(['competitor.example']);
    store.close();
  });

  it('keeps settings set earlier when a later CRM.json leaves them out', () => {
    const store = openLocalStore(makeTempDir());
    store.importCrm({ users: [], settings: { requireToken: true, attachmentLimitMB: 10 } });
    store.importCrm({ users: [], settings: { attachmentLimitMB: 20 } });
    expect(store.settings()).toMatchObject({ requireToken: true, attachmentLimitMB: 20, dealsPerContact: 5 });
    expect(store.listNeverLog()).toEqual([]); // no neverLog in CRM.json: the list is left as it was
    store.close();
  });

  it("clears a token with null and refuses to give one user another user's address, changing nothing", () => {
    const store = openLocalStore(makeTempDir());
    store.importCrm(sampleCrm);
    store.importCrm({ users: [{ id: 1, email: 'ann@corp.example', token: null }] });
    expect(store.listUsers()[0]?.token).toBeNull();
    const before = store.listUsers();
    const conflicting = () =>
      store.importCrm({
        users: [
          { id: 1, email: 'ann@corp.example', name: 'changed' },
          { id: 3, email: 'ken@corp.example' },
        ],
      });
    expect(conflicting).toThrow(CrmStoreError);
    expect(conflicting).toThrow(
      'users: ken@corp.example is the address of user 2 in the store, not of user 3',
    );
    expect(store.listUsers()).toEqual(before); // one transaction: user 1's change was rolled back too
    store.close();
  });
});
