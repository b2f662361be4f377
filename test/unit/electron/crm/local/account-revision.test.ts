import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { LocalStore } from '../../../../../electron/crm/local/local-store.js';
import { openLocalStore } from '../../../../../electron/crm/local/open-local-store.js';
import type { Facts, FactsQuery } from '#shared/model/crm-data.js';
import { buildDecision } from '../helpers/build-decision.js';
import { makeTempDir, openTwoStores, removeTempDirs, sampleCrm } from '../helpers/temp-store.js';

const open: Array<{ close(): void }> = [];

afterEach(() => {
  for (const connection of open.splice(0)) {
    connection.close();
  }
  removeTempDirs();
});

const query: FactsQuery = { addresses: ['bob@acme.example'], names: [], identityKeys: [] };

/** Two connections to one store, as two processes (companion and CLI) would hold; A has read and cached. */
function twoStores(): { a: LocalStore; b: LocalStore; dir: string } {
  const stores = openTwoStores(open);
  stores.a.fetchFacts(query);
  stores.a.settings();
  return stores;
}

function user(facts: Facts, email: string) {
  return facts.users.find((u) => u.email === email);
}

describe('account tables cached per connection, re-read when account_revision moves (migration 4)', () => {
  it('hands out the same cached users, settings and never-log list while nothing changes', () => {
    const { a } = twoStores();
    const first = a.fetchFacts(query);
    const second = a.fetchFacts({ addresses: ['carol@globex.example'], names: [], identityKeys: [] });
    expect(second.users).toBe(first.users);
    expect(second.settings).toBe(first.settings);
    expect(second.neverLog).toBe(first.neverLog);
    expect(a.settings()).toBe(first.settings);
    // The per-message part of the facts is read every time.
    expect(second.contacts).not.toEqual(first.contacts);
  });

  it('keeps the cache across writes that touch no account table (contacts, commits)', () => {
    const { a, b } = twoStores();
    const before = a.fetchFacts(query);
    b.importCrm({
      users: [],
      contacts: [{ email: 'dan@acme.example', name: 'Dan', company: 'acme.example' }],
    });
    b.commit({ decision: buildDecision(), rawSha256: null, receivedAt: '2026-03-02T09:16:00.000Z' });
    a.commit({
      decision: buildDecision({
        identity: { messageId: '<m2@corp.example>', contentKey: 'ck1:content-m2' },
      }),
      rawSha256: null,
      receivedAt: '2026-03-02T09:17:00.000Z',
    });
    const after = a.fetchFacts({ ...query, identityKeys: ['<m1@corp.example>'] });
    expect(after.users).toBe(before.users);
    expect(after.settings).toBe(before.settings);
    expect(after.neverLog).toBe(before.neverLog);
    expect(after.logged).toEqual([{ key: '<m1@corp.example>', messageId: '<m1@corp.example>' }]);
  });

  describe("sees another connection's change on its next read", () => {
    it('a new user (users)', () => {
      const { a, b } = twoStores();
      const before = a.fetchFacts(query);
      b.addUser({ email: 'mia@corp.example', name: 'Mia', locale: 'ja' });
      const after = a.fetchFacts(query);
      expect(after.users).not.toBe(before.users);
      expect(user(after, 'mia@corp.example')).toEqual({
        id: 3,
        email: 'mia@corp.example',
        name: 'Mia',
        aliases: [],
        token: null,
        neverLog: [],
        locale: 'ja',
      });
      expect(a.listUsers().map((u) => u.email)).toEqual([
        'ann@corp.example',
        'ken@corp.example',
        'mia@corp.example',
      ]);
    });

    it('a changed user (users update)', () => {
      const { a, b } = twoStores();
      b.updateUser('ken@corp.example', { name: 'Ken Sato', locale: 'en' });
      expect(user(a.fetchFacts(query), 'ken@corp.example')).toMatchObject({ name: 'Ken Sato', locale: 'en' });
    });

    it('an added and a removed alias (user_aliases)', () => {
      const { a, b } = twoStores();
      b.addAlias('ken@corp.example', 'k.sato@corp.example');
      expect(user(a.fetchFacts(query), 'ken@corp.example')?.aliases).toEqual(['k.sato@corp.example']);
      b.removeAlias('ann@corp.example', 'a.smith@corp.example');
      expect(user(a.fetchFacts(query), 'ann@corp.example')?.aliases).toEqual([]);
    });

    it('a rotated token (user_tokens), so the old token stops working at once (B2)', () => {
      const { a, b } = twoStores();
      expect(user(a.fetchFacts(query), 'ann@corp.example')?.token).toBe('k3x9');
      const token = b.rotateToken('ann@corp.example');
      expect(user(a.fetchFacts(query), 'ann@corp.example')?.token).toBe(token);
      const ken = b.rotateToken('ken@corp.example'); // ken had none: an insert rather than an update
      expect(user(a.fetchFacts(query), 'ken@corp.example')?.token).toBe(ken);
    });

    it('personal logging addresses set and cleared (user_logging_addresses)', () => {
      const { a, b } = twoStores();
      b.setPersonalAddresses('ken@corp.example', { bccAddress: 'ken+crm@corp.example' });
      expect(user(a.fetchFacts(query), 'ken@corp.example')).toMatchObject({
        bccAddress: 'ken+crm@corp.example',
      });
      b.setPersonalAddresses('ann@corp.example', { bccAddress: null, forwardingAddress: null });
      const ann = user(a.fetchFacts(query), 'ann@corp.example');
      expect(ann).not.toHaveProperty('bccAddress');
      expect(ann).not.toHaveProperty('forwardingAddress');
    });

    it("a user's personal never-log entry added and removed (user_never_log)", () => {
      const { a, b } = twoStores();
      b.addNeverLog('*@secret.example', 'ann@corp.example');
      expect(user(a.fetchFacts(query), 'ann@corp.example')?.neverLog).toEqual(['secret.example']);
      expect(b.removeNeverLog('rival.example', 'ken@corp.example')).toBe(true);
      expect(user(a.fetchFacts(query), 'ken@corp.example')?.neverLog).toEqual([]);
    });

    it('an account never-log entry added and removed (account_never_log)', () => {
      const { a, b } = twoStores();
      const before = a.fetchFacts(query).neverLog;
      b.addNeverLog('secret.example');
      const added = a.fetchFacts(query).neverLog;
      expect(added).not.toBe(before);
      expect(added).toEqual(['competitor.example', 'noreply@vendor.example', 'secret.example']);
      b.removeNeverLog('competitor.example');
      expect(a.fetchFacts(query).neverLog).toEqual(['noreply@vendor.example', 'secret.example']);
    });

    it('imported CRM settings, users and never-log list (importCrm)', () => {
      const { a, b } = twoStores();
      const before = a.settings();
      b.importCrm({
        settings: { requireToken: true, attachmentLimitMB: 10 },
        users: [{ id: 2, email: 'ken@corp.example', token: 'kentoken', neverLog: [] }],
        neverLog: ['only.example'],
      });
      const settings = a.settings();
      expect(settings).not.toBe(before);
      expect(settings).toMatchObject({ requireToken: true, attachmentLimitMB: 10, dealsPerContact: 5 });
      const facts = a.fetchFacts(query);
      expect(facts.settings).toBe(settings);
      expect(facts.neverLog).toEqual(['only.example']);
      expect(user(facts, 'ken@corp.example')).toMatchObject({ token: 'kentoken', neverLog: [] });
    });

    it('a failed import changes nothing and the cache stays', () => {
      const { a, b } = twoStores();
      const before = a.fetchFacts(query);
      // ken's address under ann's id: CRM.CONFLICT after the settings were written, so all of it rolls back.
      expect(() =>
        b.importCrm({ settings: { requireToken: true }, users: [{ id: 1, email: 'ken@corp.example' }] }),
      ).toThrow(/is the address of user 2/);
      const after = a.fetchFacts(query);
      expect(after.settings).toBe(before.settings);
      expect(after.users).toBe(before.users);
      expect(after.settings.requireToken).toBe(false);
    });
  });

  describe('every trigger of migration 4 moves the revision (a write from any program, e.g. sqlite3)', () => {
    const statements: ReadonlyArray<[string, string, (facts: Facts) => unknown, unknown]> = [
      [
        'settings insert',
        `INSERT INTO settings (key, value_json) VALUES ('requireDmarc', 'true')`,
        (f) => f.settings.requireDmarc,
        true,
      ],
      [
        'settings update',
        `UPDATE settings SET value_json = '7' WHERE key = 'dealsPerContact'`,
        (f) => f.settings.dealsPerContact,
        7,
      ],
      [
        'settings delete',
        `DELETE FROM settings WHERE key = 'freeMailDomains'`,
        (f) => f.settings.freeMailDomains,
        [],
      ],
      [
        'users insert',
        `INSERT INTO users (id, email) VALUES (9, 'zed@corp.example')`,
        (f) => f.users.length,
        3,
      ],
      ['users update', `UPDATE users SET locale = 'ja' WHERE id = 1`, (f) => f.users[0]?.locale, 'ja'],
      ['users delete', 'DELETE FROM users WHERE id = 2', (f) => f.users.length, 1],
      [
        'user_aliases insert',
        `INSERT INTO user_aliases (user_id, alias) VALUES (2, 'k@corp.example')`,
        (f) => f.users[1]?.aliases,
        ['k@corp.example'],
      ],
      [
        'user_aliases update',
        `UPDATE user_aliases SET alias = 'as@corp.example'`,
        (f) => f.users[0]?.aliases,
        ['as@corp.example'],
      ],
      ['user_aliases delete', 'DELETE FROM user_aliases', (f) => f.users[0]?.aliases, []],
      [
        'user_tokens insert',
        `INSERT INTO user_tokens (user_id, token, created_at) VALUES (2, 'kt', 'x')`,
        (f) => f.users[1]?.token,
        'kt',
      ],
      [
        'user_tokens update',
        `UPDATE user_tokens SET token = 'new1' WHERE user_id = 1`,
        (f) => f.users[0]?.token,
        'new1',
      ],
      ['user_tokens delete', 'DELETE FROM user_tokens', (f) => f.users[0]?.token, null],
      [
        'user_logging_addresses insert',
        `INSERT INTO user_logging_addresses (user_id, kind, address) VALUES (2, 'bcc', 'kb@corp.example')`,
        (f) => f.users[1]?.bccAddress,
        'kb@corp.example',
      ],
      [
        'user_logging_addresses update',
        `UPDATE user_logging_addresses SET address = 'ab@corp.example' WHERE kind = 'bcc'`,
        (f) => f.users[0]?.bccAddress,
        'ab@corp.example',
      ],
      [
        'user_logging_addresses delete',
        'DELETE FROM user_logging_addresses',
        (f) => f.users[0]?.bccAddress,
        undefined,
      ],
      [
        'user_never_log insert',
        `INSERT INTO user_never_log (user_id, entry) VALUES (1, 'x.example')`,
        (f) => f.users[0]?.neverLog,
        ['x.example'],
      ],
      [
        'user_never_log update',
        `UPDATE user_never_log SET entry = 'y.example'`,
        (f) => f.users[1]?.neverLog,
        ['y.example'],
      ],
      ['user_never_log delete', 'DELETE FROM user_never_log', (f) => f.users[1]?.neverLog, []],
      [
        'account_never_log insert',
        `INSERT INTO account_never_log (entry) VALUES ('z.example')`,
        (f) => f.neverLog.length,
        3,
      ],
      [
        'account_never_log update',
        `UPDATE account_never_log SET entry = 'c.example' WHERE entry = 'competitor.example'`,
        (f) => f.neverLog[0],
        'c.example',
      ],
      ['account_never_log delete', 'DELETE FROM account_never_log', (f) => f.neverLog, []],
    ];

    it.each(statements)('%s', (_name, sql, pick, expected) => {
      const { a, dir } = twoStores();
      const before = pick(a.fetchFacts(query));
      expect(before).not.toEqual(expected);
      const raw = new Database(`${dir}/crm.sqlite`);
      open.push(raw);
      raw.pragma('foreign_keys = ON');
      raw.exec(sql);
      expect(pick(a.fetchFacts(query))).toEqual(expected);
    });
  });

  describe('within one connection', () => {
    it('sees its own administration at once, in facts, settings and the user list', () => {
      const store = openLocalStore(makeTempDir());
      open.push(store);
      store.importCrm(sampleCrm);
      const before = store.fetchFacts(query);
      expect(store.fetchFacts(query).users).toBe(before.users);

      store.addUser({ email: 'mia@corp.example' });
      const withMia = store.fetchFacts(query);
      expect(user(withMia, 'mia@corp.example')).toMatchObject({ id: 3 });
      expect(store.listUsers()).toEqual(withMia.users);

      store.addAlias('mia@corp.example', 'm@corp.example');
      expect(user(store.fetchFacts(query), 'mia@corp.example')?.aliases).toEqual(['m@corp.example']);

      const token = store.rotateToken('mia@corp.example');
      expect(user(store.fetchFacts(query), 'mia@corp.example')?.token).toBe(token);

      store.addNeverLog('secret.example');
      expect(store.fetchFacts(query).neverLog).toContain('secret.example');

      store.importCrm({ settings: { dealsPerContact: 2 }, users: [] });
      expect(store.settings().dealsPerContact).toBe(2);
      expect(store.fetchFacts(query).settings.dealsPerContact).toBe(2);
    });

    it('a store upgraded to schema 4 starts with revision 0, counted up by each account write', () => {
      const dir = makeTempDir();
      const store = openLocalStore(dir);
      open.push(store);
      const raw = new Database(`${dir}/crm.sqlite`, { readonly: true });
      open.push(raw);
      const revision = (): unknown => raw.prepare('SELECT n FROM account_revision').pluck().all();
      expect(revision()).toEqual([0]);
      store.addUser({ email: 'mia@corp.example' });
      expect(revision()).toEqual([1]);
      store.addNeverLog('secret.example');
      expect(revision()).toEqual([2]);
    });
  });
});
