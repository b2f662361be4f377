import { afterEach, describe, expect, it } from 'vitest';
import { CrmStoreError } from '../../../../../electron/crm/local/crm-store-error.js';
import type { LocalStore } from '../../../../../electron/crm/local/local-store.js';
import { openLocalStore } from '../../../../../electron/crm/local/open-local-store.js';
import { makeTempDir, removeTempDirs, sampleCrm } from '../helpers/temp-store.js';

afterEach(removeTempDirs);

function sampleStore(): LocalStore {
  const store = openLocalStore(makeTempDir());
  store.importCrm(sampleCrm);
  return store;
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof CrmStoreError ? `${e.code}: ${e.message}` : `not a CrmStoreError: ${String(e)}`;
  }
  return undefined;
}

describe('user administration (C6)', () => {
  it('adds users with the next free id and refuses a second user with the same address', () => {
    const store = sampleStore();
    expect(store.addUser({ email: 'Mia <MIA@corp.example>', name: 'Mia', locale: 'ja' })).toEqual({
      id: 3,
      email: 'mia@corp.example',
      name: 'Mia',
      aliases: [],
      token: null,
      neverLog: [],
      locale: 'ja',
    });
    expect(codeOf(() => store.addUser({ email: 'mia@corp.example' }))).toBe(
      'USER.ALREADY_EXISTS: a user with the address mia@corp.example already exists',
    );
    expect(codeOf(() => store.addUser({ id: 1, email: 'x@corp.example' }))).toBe(
      'USER.ALREADY_EXISTS: a user with the id 1 already exists',
    );
    expect(codeOf(() => store.addUser({ email: 'not an address' }))).toBe(
      'INPUT.INVALID: email: not an email address: "not an address"',
    );
    store.close();
  });

  it('updates a user found by primary address, and says when there is none', () => {
    const store = sampleStore();
    expect(store.updateUser('KEN@corp.example', { name: 'Ken Sato', locale: 'en' })).toMatchObject({
      id: 2,
      name: 'Ken Sato',
      locale: 'en',
    });
    expect(codeOf(() => store.updateUser('nobody@corp.example', { name: 'x' }))).toBe(
      'USER.NOT_FOUND: no user has the primary address nobody@corp.example',
    );
    expect(codeOf(() => store.updateUser('ken@corp.example', { email: 'ann@corp.example' }))).toBe(
      'USER.ALREADY_EXISTS: ann@corp.example is already the address of user 1',
    );
    store.close();
  });

  it('B2: adds and removes aliases; a shared alias may belong to several users', () => {
    const store = sampleStore();
    store.addAlias('ann@corp.example', 'Sales@Corp.Example');
    expect(store.addAlias('ken@corp.example', 'sales@corp.example').aliases).toEqual(['sales@corp.example']);
    expect(store.removeAlias('ann@corp.example', 'a.smith@corp.example').aliases).toEqual([
      'sales@corp.example',
    ]);
    expect(codeOf(() => store.removeAlias('ann@corp.example', 'a.smith@corp.example'))).toBe(
      'INPUT.INVALID: a.smith@corp.example is not an alias of ann@corp.example',
    );
    store.close();
  });

  it('C1: sets and clears personal logging addresses, each naming one user', () => {
    const store = sampleStore();
    expect(
      store.setPersonalAddresses('ken@corp.example', {
        bccAddress: 'ken+crm-bcc@corp.example',
        forwardingAddress: 'ken+crm-fwd@corp.example',
      }),
    ).toMatchObject({
      bccAddress: 'ken+crm-bcc@corp.example',
      forwardingAddress: 'ken+crm-fwd@corp.example',
    });
    const cleared = store.setPersonalAddresses('ken@corp.example', { forwardingAddress: null });
    expect(cleared.bccAddress).toBe('ken+crm-bcc@corp.example');
    expect(cleared.forwardingAddress).toBeUndefined();
    expect(
      codeOf(() =>
        store.setPersonalAddresses('ken@corp.example', { bccAddress: 'ann+crm-bcc@corp.example' }),
      ),
    ).toBe('CRM.CONFLICT: ann+crm-bcc@corp.example is already a logging address of user 1');
    store.close();
  });

  it('B2: rotating a token gives a new random [a-z0-9] token and the old one stops working', () => {
    const store = sampleStore();
    const tokens = new Set<string>(['k3x9']);
    for (let i = 0; i < 20; i++) {
      const token = store.rotateToken('ann@corp.example');
      expect(token).toMatch(/^[a-z0-9]{10,}$/);
      expect(tokens.has(token)).toBe(false);
      tokens.add(token);
      const users = store.fetchFacts({ addresses: [], names: [], identityKeys: [] }).users;
      expect(users.filter((u) => u.token !== null).map((u) => [u.email, u.token])).toEqual([
        ['ann@corp.example', token],
      ]);
    }
    expect(store.rotateToken('ken@corp.example')).toMatch(/^[a-z0-9]{10,}$/); // a user without a token gets one
    store.close();
  });
});
