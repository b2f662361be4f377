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

describe('never-log administration (C6)', () => {
  it('adds, lists and removes account entries in their canonical spelling', () => {
    const store = sampleStore();
    expect(store.addNeverLog('*@Rival.Example')).toBe('rival.example');
    expect(store.addNeverLog('*.Sub.Example')).toBe('*.sub.example');
    expect(store.addNeverLog('Joe <JOE@x.example>')).toBe('joe@x.example');
    expect(store.addNeverLog('rival.example')).toBe('rival.example'); // the same entry, once
    expect(store.listNeverLog()).toEqual([
      '*.sub.example',
      'competitor.example',
      'joe@x.example',
      'noreply@vendor.example',
      'rival.example',
    ]);
    expect(store.removeNeverLog('*@rival.example')).toBe(true);
    expect(store.removeNeverLog('rival.example')).toBe(false);
    expect(store.fetchFacts({ addresses: [], names: [], identityKeys: [] }).neverLog).toEqual([
      '*.sub.example',
      'competitor.example',
      'joe@x.example',
      'noreply@vendor.example',
    ]);
    store.close();
  });

  it("keeps a user's personal list apart from the account list", () => {
    const store = sampleStore();
    store.addNeverLog('friend.example', 'ann@corp.example');
    expect(store.listNeverLog('ann@corp.example')).toEqual(['friend.example']);
    expect(store.listNeverLog()).not.toContain('friend.example');
    expect(store.listUsers()[0]?.neverLog).toEqual(['friend.example']);
    expect(store.removeNeverLog('*@friend.example', 'ann@corp.example')).toBe(true);
    expect(store.listNeverLog('ann@corp.example')).toEqual([]);
    store.close();
  });

  it.each([['*@'], ['localhost'], ['@x.example'], ['*.'], ['x y.example'], ['']])(
    'refuses the garbage entry %j with a clear error',
    (entry) => {
      const store = sampleStore();
      expect(codeOf(() => store.addNeverLog(entry))).toMatch(/^INPUT\.INVALID: not a never-log entry: /);
      store.close();
    },
  );

  it('says which user is unknown', () => {
    const store = sampleStore();
    expect(codeOf(() => store.addNeverLog('x.example', 'nobody@corp.example'))).toBe(
      'USER.NOT_FOUND: no user has the primary address nobody@corp.example',
    );
    store.close();
  });
});
