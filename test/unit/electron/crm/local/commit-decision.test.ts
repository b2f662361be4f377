import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openLocalStore } from '../../../../../electron/crm/local/open-local-store.js';
import type { LocalStore } from '../../../../../electron/crm/local/local-store.js';
import type { LogResult } from '#shared/model/log-result.js';
import { buildContact, buildDecision, buildEmail, buildRejected } from '../helpers/build-decision.js';
import { makeTempDir, removeTempDirs, sampleCrm } from '../helpers/temp-store.js';

afterEach(removeTempDirs);

const receivedAt = '2026-03-02T09:16:00.000Z';

function sampleStore(options: Parameters<typeof openLocalStore>[1] = {}): LocalStore {
  const store = openLocalStore(makeTempDir(), options);
  store.importCrm(sampleCrm);
  return store;
}

/** Row counts of the journal tables, read through a second connection (what another process would see). */
function counts(store: LocalStore): Record<string, number> {
  const db = new Database(store.path, { readonly: true });
  const tables = [
    'emails',
    'email_contacts',
    'email_companies',
    'email_deals',
    'attachments',
    'identity_keys',
    'outbox',
    'log_results',
    'notices',
  ];
  const result = Object.fromEntries(
    tables.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]),
  );
  db.close();
  return result;
}

const loggedDecision = buildDecision({
  reasons: ['never-log', 'attachment-over-limit'],
  contacts: [
    buildContact(),
    buildContact({
      email: 'dana@globex.example',
      name: 'Dana',
      company: 'globex.example',
      created: true,
      role: 'cc',
    }),
  ],
  email: buildEmail({ cc: ['dana@globex.example', 'joe@competitor.example'] }),
  skippedRecipients: [{ email: 'joe@competitor.example', reason: 'never-log' }],
  companies: ['acme.example', 'globex.example'],
  attachments: {
    logged: [{ filename: 'terms.pdf', size: 1234, sha256: 'ab'.repeat(32) }],
    dropped: [{ filename: 'video.mp4', size: 40 * 2 ** 20, reason: 'attachment-over-limit' }],
  },
  notices: [{ to: 'ann@corp.example', reason: 'attachment-over-limit', locale: 'en' }],
});

const expectedLogged: LogResult = {
  file: 'a.eml',
  messageId: '<m1@corp.example>',
  route: 'bcc',
  status: 'logged',
  reasons: ['never-log', 'attachment-over-limit'],
  owner: 'ann@corp.example',
  email: {
    direction: 'outgoing',
    from: 'ann@corp.example',
    to: ['bob@acme.example'],
    cc: ['dana@globex.example', 'joe@competitor.example'],
    subject: 'Renewal terms',
    date: '2026-03-02T09:15:00.000Z',
    source: 'message',
    parts: ['text', 'html'],
  },
  contacts: [
    { email: 'bob@acme.example', created: false, role: 'to' },
    { email: 'dana@globex.example', created: true, role: 'cc' },
  ],
  skippedRecipients: [{ email: 'joe@competitor.example', reason: 'never-log' }],
  companies: ['acme.example', 'globex.example'],
  deals: ['D1'],
  attachments: {
    logged: [{ filename: 'terms.pdf', size: 1234, sha256: 'ab'.repeat(32) }],
    dropped: [{ filename: 'video.mp4', size: 40 * 2 ** 20, reason: 'attachment-over-limit' }],
  },
  notices: [{ to: 'ann@corp.example', reason: 'attachment-over-limit', sent: false }],
  sync: 'local',
};

describe('LocalStore.commit', () => {
  it('B3/B4/B7/B8: writes a logged email with its content, created contacts, links, attachments and outbox row', () => {
    const store = sampleStore();
    const result = store.commit({
      decision: loggedDecision,
      file: 'a.eml',
      rawSha256: 'cd'.repeat(32),
      receivedAt,
    });
    expect(result).toEqual(expectedLogged);
    expect(JSON.stringify(Object.keys(result))).toBe(JSON.stringify(Object.keys(expectedLogged))); // the order of docs/rules.md#results
    expect(counts(store)).toEqual({
      emails: 1,
      email_contacts: 2,
      email_companies: 2,
      email_deals: 1,
      attachments: 1,
      identity_keys: 2,
      outbox: 1,
      log_results: 1,
      notices: 1,
    });
    // The created contact is a contact now, with the name and company the decision gave it.
    expect(
      store.fetchFacts({ addresses: ['dana@globex.example'], names: [], identityKeys: [] }).contacts,
    ).toEqual([{ email: 'dana@globex.example', name: 'Dana', company: 'globex.example' }]);
    expect(store.listResults()).toEqual([expectedLogged]);
    const stored = store.storedResult(1);
    expect(stored?.logged?.email).toEqual(
      buildEmail({ cc: ['dana@globex.example', 'joe@competitor.example'] }),
    );
    expect(stored?.logged?.contacts.map((c) => [c.email, c.name, c.created])).toEqual([
      ['bob@acme.example', 'Bob', false],
      ['dana@globex.example', 'Dana', true],
    ]);
    store.close();
  });

  it('B6: a skipped result writes the result only, and never blocks a later message with the same keys (R2)', () => {
    const store = sampleStore();
    const skipped = store.commit({
      decision: buildDecision({
        status: 'skipped',
        reasons: ['no-loggable-recipients', 'internal-recipient'],
        contacts: [],
        companies: [],
        deals: [],
        skippedRecipients: [{ email: 'ken@corp.example', reason: 'internal-recipient' }],
      }),
      rawSha256: null,
      receivedAt,
    });
    expect(skipped).toMatchObject({
      status: 'skipped',
      reasons: ['no-loggable-recipients', 'internal-recipient'],
      contacts: [],
      skippedRecipients: [{ email: 'ken@corp.example', reason: 'internal-recipient' }],
      sync: 'local',
    });
    expect(counts(store)).toMatchObject({ emails: 0, identity_keys: 0, outbox: 0, log_results: 1 });
    expect(store.commit({ decision: buildDecision(), rawSha256: null, receivedAt }).status).toBe('logged');
    store.close();
  });

  it('B1/N1: a rejected result keeps its notices and associates nothing', () => {
    const store = sampleStore();
    const result = store.commit({
      decision: buildRejected({
        notices: [{ to: 'ann@corp.example', reason: 'sender-not-user', locale: 'en' }],
      }),
      messageId: '<stranger@elsewhere.example>',
      rawSha256: null,
      receivedAt,
    });
    expect(result).toEqual({
      messageId: '<stranger@elsewhere.example>',
      route: 'bcc',
      status: 'rejected',
      reasons: ['sender-not-user'],
      owner: null,
      email: expectedLogged.email && { ...expectedLogged.email, cc: [] },
      contacts: [],
      skippedRecipients: [],
      companies: [],
      deals: [],
      attachments: { logged: [], dropped: [] },
      notices: [{ to: 'ann@corp.example', reason: 'sender-not-user', sent: false }],
      sync: 'local',
    });
    expect(counts(store)).toMatchObject({ emails: 0, identity_keys: 0, outbox: 0, notices: 1 });
    store.close();
  });

  it('R2: a second commit with a logged identity key becomes a duplicate of the first, with nothing associated', () => {
    const store = sampleStore();
    store.commit({ decision: loggedDecision, rawSha256: null, receivedAt });
    // Same content key, reached another way (a forward has no Message-ID of its own original).
    const again = store.commit({
      decision: buildDecision({
        route: 'forward',
        identity: { messageId: null, contentKey: 'ck1:content-m1' },
        email: buildEmail({ messageId: null }),
        notices: [{ to: 'ann@corp.example', reason: 'attachment-over-limit', locale: 'en' }],
      }),
      messageId: '<fwd-of-m1@corp.example>',
      rawSha256: null,
      receivedAt,
    });
    expect(again).toEqual({
      messageId: '<fwd-of-m1@corp.example>',
      route: 'forward',
      status: 'duplicate',
      reasons: [],
      owner: 'ann@corp.example',
      duplicateOf: '<m1@corp.example>',
      email: { ...expectedLogged.email, cc: [] },
      contacts: [],
      skippedRecipients: [],
      companies: [],
      deals: [],
      attachments: { logged: [], dropped: [] },
      notices: [],
      sync: 'local',
    });
    expect(counts(store)).toMatchObject({ emails: 1, identity_keys: 2, outbox: 1, log_results: 2 });
    store.close();
  });

  it('R2: a duplicate decided by decide() is journaled as it is', () => {
    const store = sampleStore();
    const result = store.commit({
      decision: buildDecision({
        status: 'duplicate',
        duplicateOf: '<m0@corp.example>',
        contacts: [],
        companies: [],
        deals: [],
      }),
      rawSha256: null,
      receivedAt,
    });
    expect(result).toMatchObject({ status: 'duplicate', duplicateOf: '<m0@corp.example>', contacts: [] });
    expect(counts(store)).toMatchObject({ emails: 0, identity_keys: 0, log_results: 1 });
    store.close();
  });

  it('B4: a contact planned as new but created meanwhile is linked, created: false', () => {
    const store = sampleStore();
    store.importCrm({ users: [], contacts: [{ email: 'dana@globex.example', name: 'Dana Existing' }] });
    const result = store.commit({ decision: loggedDecision, rawSha256: null, receivedAt });
    expect(result.contacts).toEqual([
      { email: 'bob@acme.example', created: false, role: 'to' },
      { email: 'dana@globex.example', created: false, role: 'cc' },
    ]);
    expect(
      store.fetchFacts({ addresses: ['dana@globex.example'], names: [], identityKeys: [] }).contacts[0]?.name,
    ).toBe('Dana Existing');
    store.close();
  });

  it('C3: with a remote backend a logged result is pending in the outbox; other results stay local', () => {
    const store = sampleStore({ syncTarget: 'remote' });
    expect(store.commit({ decision: buildDecision(), rawSha256: null, receivedAt }).sync).toBe('pending');
    expect(store.commit({ decision: buildRejected(), rawSha256: null, receivedAt }).sync).toBe('local');
    expect(store.listResults().map((r) => r.sync)).toEqual(['pending', 'local']);
    store.close();
  });

  it('C1: a durable commit (synchronous=FULL) writes the same result', () => {
    const store = sampleStore();
    const result = store.commit({
      decision: loggedDecision,
      file: 'a.eml',
      rawSha256: null,
      receivedAt,
      durable: true,
    });
    expect(result).toEqual(expectedLogged);
    store.close();
  });

  it('rolls back everything when the commit fails half-way', () => {
    const store = sampleStore();
    const broken = buildDecision({ email: undefined });
    expect(() => store.commit({ decision: broken, rawSha256: null, receivedAt })).toThrow(
      /must carry its email/,
    );
    expect(counts(store)).toMatchObject({ emails: 0, log_results: 0 });
    store.close();
  });
});

describe('LocalStore.listResults (docs/rules.md#results)', () => {
  it('lists oldest first, narrowed by --since and --limit', () => {
    let clock = Date.parse('2026-03-01T00:00:00.000Z');
    const store = openLocalStore(makeTempDir(), { now: () => new Date((clock += 3_600_000)) });
    for (const n of [1, 2, 3, 4]) {
      store.commit({
        decision: buildRejected({ email: buildEmail({ messageId: `<r${n}@x.example>` }) }),
        file: `${n}.eml`,
        rawSha256: null,
        receivedAt,
      });
    }
    expect(store.listResults().map((r) => r.file)).toEqual(['1.eml', '2.eml', '3.eml', '4.eml']);
    expect(store.listResults({ since: '2026-03-01T02:30:00Z' }).map((r) => r.file)).toEqual([
      '3.eml',
      '4.eml',
    ]);
    expect(store.listResults({ limit: 2 }).map((r) => r.file)).toEqual(['1.eml', '2.eml']);
    expect(() => store.listResults({ since: 'yesterday-ish' })).toThrow(/since: not a date/);
    store.close();
  });
});
