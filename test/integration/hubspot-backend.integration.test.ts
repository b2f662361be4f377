import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredResult } from '../../electron/crm/crm-backend.port.js';
import {
  createHubSpotBackend,
  type HubSpotBackend,
  type HubSpotBackendOptions,
} from '../../electron/crm/hubspot/create-hubspot-backend.js';
import type { LocalStore } from '../../electron/crm/local/local-store.js';
import { openLocalStore } from '../../electron/crm/local/open-local-store.js';
import { createOutboxWorker } from '../../electron/sync/outbox-worker.js';
import type { Decision } from '#shared/model/decision.js';
import {
  startHubSpotEmulator,
  type HubSpotEmulator,
  type HubSpotEmulatorOptions,
} from '../support/hubspot-emulator/start-hubspot-emulator.js';
import { buildContact, buildDecision, buildEmail } from '../unit/electron/crm/helpers/build-decision.js';

let dir: string;
let store: LocalStore;
let emulator: HubSpotEmulator;
let committed = 0;

async function setUp(options: HubSpotEmulatorOptions = {}): Promise<void> {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hubspot-backend-'));
  store = openLocalStore(dir, { syncTarget: 'remote' });
  store.importCrm({
    users: [{ id: 1, email: 'ann@corp.example', name: 'Ann Smith' }],
    settings: { internalDomains: ['corp.example'] },
  });
  emulator = await startHubSpotEmulator(options);
  emulator.state.addOwner({ email: 'ann@corp.example', firstName: 'Ann', lastName: 'Smith' });
}

afterEach(async () => {
  expect(emulator.violations).toEqual([]);
  await emulator.stop();
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function backend(overrides: Partial<HubSpotBackendOptions> = {}): HubSpotBackend {
  return createHubSpotBackend({
    accessToken: emulator.token,
    baseUrl: emulator.url,
    store,
    blobPath: (sha) => path.join(dir, 'blobs', sha),
    requestTimeoutMs: 2_000,
    ...overrides,
  });
}

/** Commits a decision the way the pipeline does and reads it back as the outbox would (C3). */
function commit(overrides: Partial<Decision> = {}): StoredResult {
  committed++;
  const messageId = `<m${committed}@corp.example>`;
  const rawSha256 = createHash('sha256').update(`raw ${committed}`).digest('hex');
  store.commit({
    decision: buildDecision({
      email: buildEmail({ messageId, subject: `Renewal terms ${committed}` }),
      identity: { messageId, contentKey: `ck:${committed}` },
      deals: [],
      ...overrides,
    }),
    rawSha256,
    receivedAt: '2026-03-02T09:16:00.000Z',
  });
  const id = store.resultForRaw(rawSha256)?.id;
  const stored = id === undefined ? null : store.storedResult(id);
  if (stored === null) {
    throw new Error('commit did not store the result');
  }
  return stored;
}

function writeBlob(content: string): { sha256: string; size: number } {
  const data = Buffer.from(content);
  const sha256 = createHash('sha256').update(data).digest('hex');
  fs.mkdirSync(path.join(dir, 'blobs'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'blobs', sha256), data);
  return { sha256, size: data.length };
}

/** The outbox's loop in miniature: push what is not synced, wait what HubSpot asks, until done or rejected. */
async function pushUntilDone(
  b: HubSpotBackend,
  results: ReadonlyArray<StoredResult>,
): Promise<Map<number, string>> {
  const done = new Map<number, string>();
  let todo = [...results];
  for (let round = 0; round < 20 && todo.length > 0; round++) {
    const outcomes = await b.pushResults(todo);
    let wait = 0;
    const next: StoredResult[] = [];
    outcomes.forEach((o, i) => {
      const r = todo[i] as StoredResult;
      if (o.ok) {
        done.set(r.id, o.value.remoteId ?? '');
      } else if (o.error.retryable) {
        next.push(r);
        wait = Math.max(wait, o.error.retryAfterMs ?? 100);
      } else {
        throw new Error(`rejected: ${o.error.message}`);
      }
    });
    todo = next;
    await new Promise((r) => setTimeout(r, wait));
  }
  return done;
}

function emailsIn(e: HubSpotEmulator): ReturnType<HubSpotEmulator['state']['objects']['emails']['get']>[] {
  return [...e.state.objects.emails.values()];
}

describe('HubSpot backend: fetchFacts (read-through cache, docs/architecture.md)', () => {
  beforeEach(() => setUp());

  it('B7: reads the contact by email, its primary company and its deals, caches them and answers from the store', async () => {
    const s = emulator.state;
    const acme = s.addCompany({ name: 'Acme', domain: 'acme.example' });
    const other = s.addCompany({ name: 'Acme Holding', domain: 'holding.example' });
    const globex = s.addCompany({ name: 'Globex', domain: 'globex.example' });
    const bob = s.addContact({ email: 'Bob@Acme.example', firstname: 'Bob', lastname: 'Martin' });
    s.associate('contacts', bob.id, 'companies', other.id, 279);
    s.associate('contacts', bob.id, 'companies', acme.id, 1);
    const stages = [
      'appointmentscheduled',
      'qualifiedtobuy',
      'contractsent',
      'presentationscheduled',
      'qualifiedtobuy',
      'decisionmakerboughtin',
      'closedwon',
      'closedlost',
    ];
    const deals = stages.map((dealstage, i) =>
      s.addDeal({ dealname: `Deal ${i}`, dealstage, createdate: `2026-01-0${i + 1}T00:00:00.000Z` }),
    );
    deals.forEach((d) => s.associate('contacts', bob.id, 'deals', d.id, 4));

    const b = backend();
    const facts = await b.fetchFacts({
      addresses: ['ann@corp.example', 'bob@acme.example', 'new@globex.example'],
      names: [],
      identityKeys: [],
    });

    expect(facts.contacts).toEqual([
      { email: 'bob@acme.example', name: 'Bob Martin', company: 'acme.example' },
    ]);
    expect(facts.companies.map((c) => c.domain).sort()).toEqual(['acme.example', 'globex.example']);
    expect(facts.companies.find((c) => c.domain === 'globex.example')?.name).toBe('Globex');
    expect(facts.users.map((u) => u.email)).toEqual(['ann@corp.example']);
    const stageOf = new Map(facts.deals.map((d) => [d.id, d.stage]));
    expect(stageOf.get(deals[6]?.id ?? '')).toBe('won');
    expect(stageOf.get(deals[7]?.id ?? '')).toBe('lost');
    const recentOpen = facts.deals
      .filter((d) => d.stage === 'open')
      .sort((x, y) => y.createdAt.localeCompare(x.createdAt))
      .slice(0, facts.settings.dealsPerContact)
      .map((d) => d.id);
    expect(recentOpen).toEqual([5, 4, 3, 2, 1].map((i) => deals[i]?.id));
    expect(facts.deals.every((d) => d.contacts.includes('bob@acme.example'))).toBe(true);
    expect(globex.id).toBeDefined();

    // batch/read by email, not search; search only for the company of a new address's domain.
    expect(emulator.counts.byEndpoint['POST /crm/v3/objects/contacts/batch/read']).toBe(1);
    expect(emulator.counts.byEndpoint['POST /crm/v3/objects/contacts/search']).toBeUndefined();
    expect(emulator.counts.byEndpoint['POST /crm/v3/objects/companies/search']).toBe(1);

    // Cached: the local store alone answers now, and within the TTL HubSpot is not asked again.
    expect(
      store.fetchFacts({ addresses: ['bob@acme.example'], names: [], identityKeys: [] }).contacts,
    ).toHaveLength(1);
    const before = emulator.counts.total;
    const again = await b.fetchFacts({ addresses: ['bob@acme.example'], names: [], identityKeys: [] });
    expect(emulator.counts.total).toBe(before);
    expect(again.deals).toHaveLength(8);
  });

  it('moves a deal out of the contact when HubSpot no longer associates it, and maps a stage that closed', async () => {
    const s = emulator.state;
    const bob = s.addContact({ email: 'bob@acme.example', firstname: 'Bob' });
    const deal = s.addDeal({ dealname: 'Renewal', dealstage: 'contractsent' });
    s.associate('contacts', bob.id, 'deals', deal.id, 4);
    const b = backend({ factsTtlMs: 0 });
    const query = { addresses: ['bob@acme.example'], names: [], identityKeys: [] };
    expect((await b.fetchFacts(query)).deals.map((d) => d.stage)).toEqual(['open']);
    const stored = s.objects.deals.get(deal.id);
    if (stored === undefined) {
      throw new Error('deal missing');
    }
    stored.properties.dealstage = 'closedwon';
    s.derive('deals', stored);
    expect((await b.fetchFacts(query)).deals.map((d) => d.stage)).toEqual(['won']);
  });

  it('answers from the cache with a warning when HubSpot is unavailable', async () => {
    const warnings: string[] = [];
    const b = backend({ onWarning: (m) => warnings.push(m) });
    emulator.inject({ kind: 'server-error', status: 503, count: 3 });
    const facts = await b.fetchFacts({ addresses: ['bob@acme.example'], names: [], identityKeys: [] });
    expect(facts.contacts).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/local cache/);
  });
});

describe('HubSpot backend: pushResult (C3, B4, B7, B8)', () => {
  beforeEach(() => setUp());

  it('creates the missing contact (family name first), the email with its associations and its attachment', async () => {
    const s = emulator.state;
    const acme = s.addCompany({ name: 'Acme', domain: 'acme.example' });
    const globex = s.addCompany({ name: 'Globex', domain: 'globex.example' });
    const bob = s.addContact({ email: 'bob@acme.example', firstname: 'Bob', lastname: 'Martin' });
    const deal = s.addDeal({ dealname: 'Renewal', dealstage: 'contractsent' });
    const blob = writeBlob('quarterly figures');
    const stored = commit({
      email: buildEmail({ to: ['bob@acme.example', 'taro@globex.example'], messageId: '<jp@corp.example>' }),
      identity: { messageId: '<jp@corp.example>', contentKey: 'ck:jp' },
      contacts: [
        buildContact(),
        buildContact({
          email: 'taro@globex.example',
          name: '山田 太郎',
          created: true,
          company: 'globex.example',
        }),
      ],
      companies: ['acme.example', 'globex.example'],
      deals: [deal.id],
      attachments: { logged: [{ filename: 'figures.txt', ...blob }], dropped: [] },
    });

    const outcome = await backend().pushResult(stored);

    expect(outcome.ok).toBe(true);
    const taro = s.findByUnique('contacts', 'email', 'taro@globex.example');
    expect(taro?.properties).toMatchObject({ lastname: '山田', firstname: '太郎' });
    expect(
      s.associationsOf('contacts', taro?.id ?? '', 'companies').map((a) => [a.toId, a.typeId]),
    ).toContainEqual([globex.id, 1]);
    const [email] = emailsIn(emulator);
    expect(outcome.ok && outcome.value).toEqual({ sync: 'synced', remoteId: email?.id });
    const [file] = [...s.files.values()];
    expect(file).toMatchObject({
      name: 'figures',
      extension: 'txt',
      sha256: blob.sha256,
      access: 'PRIVATE',
      folderPath: '/crm-mail-logger',
    });
    const owner = s.owners[0];
    expect(email?.properties).toMatchObject({
      hs_email_direction: 'EMAIL',
      hs_email_status: 'SENT',
      hs_email_subject: 'Renewal terms',
      hs_email_text: 'Hello Bob',
      hs_email_html: '<p>Hello Bob</p>',
      hs_timestamp: '2026-03-02T09:15:00.000Z',
      hubspot_owner_id: owner?.id,
      hs_attachment_ids: file?.id,
      hs_email_from_email: 'ann@corp.example',
      hs_email_from_firstname: 'Ann',
      hs_email_to_email: 'bob@acme.example;taro@globex.example',
      crm_mail_logger_id: expect.stringMatching(new RegExp(`:${stored.id}$`)) as unknown,
    });
    const linked = (type: 'contacts' | 'companies' | 'deals'): string[] =>
      s
        .associationsOf('emails', email?.id ?? '', type)
        .map((a) => a.toId)
        .sort();
    expect(linked('contacts')).toEqual([bob.id, taro?.id].sort());
    expect(linked('companies')).toEqual([acme.id, globex.id].sort());
    expect(linked('deals')).toEqual([deal.id]);
    expect(s.associationsOf('deals', deal.id, 'emails').map((a) => a.typeId)).toEqual([209]);
  });

  it('logs an incoming email (F5) as INCOMING_EMAIL', async () => {
    emulator.state.addContact({ email: 'bob@acme.example' });
    const stored = commit({
      route: 'forward',
      email: buildEmail({
        direction: 'incoming',
        from: 'bob@acme.example',
        fromName: 'Bob Martin',
        to: ['ann@corp.example'],
        messageId: '<in@acme.example>',
      }),
      identity: { messageId: '<in@acme.example>', contentKey: 'ck:in' },
      contacts: [buildContact({ role: 'sender' })],
      companies: [],
    });
    expect((await backend().pushResult(stored)).ok).toBe(true);
    expect(emailsIn(emulator)[0]?.properties).toMatchObject({
      hs_email_direction: 'INCOMING_EMAIL',
      hs_email_from_email: 'bob@acme.example',
      hs_email_from_lastname: 'Martin',
    });
  });

  it('C3: a re-push after a crash between the remote write and the local mark writes nothing twice', async () => {
    emulator.state.addContact({ email: 'bob@acme.example' });
    const stored = commit({
      contacts: [buildContact({ email: 'new@acme.example', name: 'New Person', created: true })],
      companies: [],
    });
    // HubSpot creates the email, but its answer never arrives (the companion dies or times out before the mark).
    emulator.inject({ kind: 'hang', afterHandling: true, match: /emails\/batch\/create/ });
    const first = await backend({ requestTimeoutMs: 300 }).pushResult(stored);
    expect(first).toMatchObject({ ok: false, error: { code: 'CRM.UNAVAILABLE', retryable: true } });
    expect(emailsIn(emulator)).toHaveLength(1);

    // A new process (no memory of the first) pushes the same result again.
    const second = await backend().pushResult(stored);
    expect(second).toEqual({ ok: true, value: { sync: 'synced', remoteId: emailsIn(emulator)[0]?.id } });
    const third = await backend().pushResult(stored);
    expect(third).toEqual(second);
    expect(emailsIn(emulator)).toHaveLength(1);
    expect(emulator.state.objects.contacts.size).toBe(2);
    expect(emulator.counts.byEndpoint['POST /crm/v3/objects/emails/batch/create']).toBe(1);
    expect(emulator.counts.byEndpoint['POST /crm/v3/objects/contacts/batch/create']).toBe(1);
  });

  it('C3 through the outbox: a first push creates without looking, a re-push after a lost answer looks first and writes once', async () => {
    emulator.state.addContact({ email: 'bob@acme.example' });
    let now = Date.now() + 1_000; // the store stamps the outbox row with the real time
    const clock = (): Date => new Date(now);
    const worker = (requestTimeoutMs: number) =>
      createOutboxWorker({ store, backend: backend({ requestTimeoutMs, clock }), clock, leaseMs: 60_000 });
    const reads = (): number => emulator.counts.byEndpoint['POST /crm/v3/objects/emails/batch/read'] ?? 0;
    const creates = (): number => emulator.counts.byEndpoint['POST /crm/v3/objects/emails/batch/create'] ?? 0;

    commit({ companies: [] });
    // HubSpot creates the email but its answer never arrives (the companion is cut off before the mark).
    emulator.inject({ kind: 'hang', afterHandling: true, match: /emails\/batch\/create/ });
    expect(await worker(300).runOnce()).toMatchObject({ claimed: 1, synced: 0 });
    expect(emailsIn(emulator)).toHaveLength(1);
    expect([reads(), creates()]).toEqual([0, 1]); // never claimed before: nothing to look up

    now += 10 * 60_000; // the retry is due
    expect(await worker(2_000).runOnce()).toMatchObject({ claimed: 1, synced: 1 });
    expect([reads(), creates()]).toEqual([1, 1]); // claimed before: looked up by key, found, not created again
    expect(emailsIn(emulator)).toHaveLength(1);
    expect(store.listResults()[0]?.sync).toBe('synced');
  });

  it('B7: a domain HubSpot has no company for is searched once per 10 minutes, then its new company is linked', async () => {
    let now = Date.parse('2026-03-02T10:00:00.000Z');
    const b = backend({ clock: () => new Date(now) });
    const searches = (): number | undefined =>
      emulator.counts.byEndpoint['POST /crm/v3/objects/companies/search'];
    const push = async (): Promise<string | undefined> => {
      const pushed = await b.pushResult(commit({ companies: ['initech.example'] }));
      return pushed.ok ? pushed.value.remoteId : undefined;
    };
    const companiesOf = (emailId: string | undefined): string[] =>
      emulator.state.associationsOf('emails', emailId ?? '', 'companies').map((a) => a.toId);

    expect(companiesOf(await push())).toEqual([]);
    expect(searches()).toBe(1);
    now += 9 * 60_000; // a back-fill: batch after batch names the same company-less domain
    expect(companiesOf(await push())).toEqual([]);
    expect(searches()).toBe(1);

    const initech = emulator.state.addCompany({ domain: 'initech.example', name: 'Initech' });
    now += 2 * 60_000;
    expect(companiesOf(await push())).toEqual([initech.id]);
    expect(searches()).toBe(2);
  });

  it('C3: finds keys by search when HubSpot refuses a unique email property (docs/hubspot.md), still writing once', async () => {
    emulator.state.uniquePropertiesAllowed.delete('emails');
    emulator.state.addContact({ email: 'bob@acme.example' });
    const warnings: string[] = [];
    const stored = commit({ companies: [] });
    emulator.inject({ kind: 'hang', afterHandling: true, match: /emails\/batch\/create/ });
    const first = await backend({ requestTimeoutMs: 300, onWarning: (m) => warnings.push(m) }).pushResult(
      stored,
    );
    expect(first).toMatchObject({ ok: false, error: { code: 'CRM.UNAVAILABLE' } });
    const second = await backend().pushResult(stored);
    expect(second).toEqual({ ok: true, value: { sync: 'synced', remoteId: emailsIn(emulator)[0]?.id } });
    expect(emailsIn(emulator)).toHaveLength(1);
    expect(emulator.state.properties.emails.get('crm_mail_logger_id')?.hasUniqueValue).toBe(false);
    expect(emulator.counts.byEndpoint['POST /crm/v3/objects/emails/search']).toBe(2);
    expect(warnings.join('\n')).toMatch(/found by search/);
  });

  it('B4: a contact created meanwhile (409 on create) is read and used, not duplicated', async () => {
    const stored = commit({
      contacts: [buildContact({ email: 'race@acme.example', name: 'Race Winner', created: true })],
      companies: [],
    });
    // Another writer creates the contact between our read and our create.
    let created = false;
    const b = backend();
    const original = emulator.state.findByUnique.bind(emulator.state);
    emulator.state.findByUnique = (type, property, value) => {
      if (
        type === 'contacts' &&
        !created &&
        emulator.counts.byEndpoint['POST /crm/v3/objects/contacts/batch/create'] === 1
      ) {
        created = true;
        emulator.state.addContact({ email: 'race@acme.example', firstname: 'Other' });
      }
      return original(type, property, value);
    };
    const outcome = await b.pushResult(stored);
    expect(outcome.ok).toBe(true);
    expect(created).toBe(true);
    expect(emulator.counts.byStatus[409]).toBe(1);
    const race = emulator.state.findByUnique('contacts', 'email', 'race@acme.example');
    expect(
      emulator.state.associationsOf('emails', emailsIn(emulator)[0]?.id ?? '', 'contacts').map((a) => a.toId),
    ).toEqual([race?.id]);
  });

  it('retries 5xx and timeouts: reads at once, a failed create on the next round', async () => {
    emulator.state.addContact({ email: 'bob@acme.example' });
    const stored = commit({ companies: [] });
    emulator.inject({ kind: 'server-error', status: 502, count: 1, match: /contacts\/batch\/read/ });
    emulator.inject({ kind: 'hang', count: 1, match: /emails\/batch\/read/ });
    emulator.inject({ kind: 'server-error', status: 500, count: 1, match: /emails\/batch\/create/ });
    const b = backend({ requestTimeoutMs: 300 });
    const first = await b.pushResult(stored);
    expect(first).toMatchObject({ ok: false, error: { code: 'CRM.UNAVAILABLE', retryable: true } });
    emulator.inject({ kind: 'malformed-json', count: 1, match: /emails\/batch\/read/ });
    const second = await b.pushResult(stored);
    expect(second.ok).toBe(true);
    expect(emailsIn(emulator)).toHaveLength(1);
    expect(emulator.counts.injected).toBe(4);
  });

  it('reports a request HubSpot rejects as not retryable, and still writes the rest of the batch', async () => {
    emulator.state.addContact({ email: 'bob@acme.example' });
    const good = commit({ companies: [] });
    const bad = commit({ companies: [], deals: ['999999'] });
    const outcomes = await backend().pushResults([good, bad]);
    expect(outcomes[0]?.ok).toBe(true);
    expect(outcomes[1]).toMatchObject({ ok: false, error: { code: 'CRM.REJECTED', retryable: false } });
    expect(emailsIn(emulator)).toHaveLength(1);
  });

  it('has nothing to write for a result that was not logged', async () => {
    const stored = commit({
      status: 'skipped',
      reasons: ['no-loggable-recipients'],
      contacts: [],
      companies: [],
    });
    expect(await backend().pushResult(stored)).toEqual({ ok: true, value: { sync: 'synced' } });
    expect(emulator.counts.total).toBe(0);
  });
});

describe('HubSpot backend: rate limits (docs/hubspot.md)', () => {
  it('backs off a 429 flood of every policy and finishes without exceeding the emulator limit', async () => {
    await setUp({ tenSecondly: { max: 20, intervalMs: 2_000 }, searchPerSecond: 2 });
    emulator.state.addCompany({ name: 'Acme', domain: 'acme.example' });
    const results = Array.from({ length: 150 }, (_, i) =>
      commit({
        contacts: [buildContact({ email: `p${i}@acme.example`, name: `Person ${i}`, created: true })],
        companies: ['acme.example'],
      }),
    );
    emulator.inject({ kind: 'rate-limit', policy: 'TEN_SECONDLY_ROLLING', retryAfterSeconds: 1, count: 3 });
    emulator.inject({ kind: 'rate-limit', policy: 'SECONDLY', count: 2, match: /search/ });
    const done = await pushUntilDone(backend({ maxRateLimitWaitMs: 5_000, searchPerSecond: 2 }), results);
    expect(done.size).toBe(150);
    expect(emailsIn(emulator)).toHaveLength(150);
    expect(emulator.counts.injected).toBe(5);
    expect(emulator.counts.limitExceeded).toEqual({ DAILY: 0, TEN_SECONDLY_ROLLING: 0, SECONDLY: 0 });
    expect(emulator.counts.peakInWindow).toBeLessThanOrEqual(20);
  });

  it('paces itself below the ten-secondly limit it learns from the headers', async () => {
    await setUp({ tenSecondly: { max: 10, intervalMs: 1_000 } });
    emulator.state.addContact({ email: 'bob@acme.example' });
    const b = backend({ rateLimit: { max: 100, intervalMs: 1_000 } });
    for (let i = 0; i < 8; i++) {
      expect((await b.pushResult(commit({ companies: [] }))).ok).toBe(true);
    }
    expect(emulator.counts.total).toBeGreaterThan(20);
    expect(emulator.counts.limitExceeded.TEN_SECONDLY_ROLLING).toBe(0);
  });

  it('reports the daily limit as CRM.RATE_LIMITED with the time to wait, without waiting it out', async () => {
    await setUp();
    const stored = commit({ companies: [] });
    emulator.inject({ kind: 'rate-limit', policy: 'DAILY', count: 1 });
    const outcome = await backend().pushResult(stored);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'CRM.RATE_LIMITED', retryable: true } });
    expect(!outcome.ok && (outcome.error.retryAfterMs ?? 0) > 0).toBe(true);
    expect(emulator.counts.total).toBe(1);
  });

  it.each([
    ['190 requests / 10 s', { max: 190, intervalMs: 10_000 }],
    [
      '19 requests / 1 s (the same rate, so 1,000 results already run at the sustained pace)',
      { max: 19, intervalMs: 1_000 },
    ],
  ])(
    'measures the push rate of 1,000 small results in batches of 100 (docs/performance.md), limit %s',
    async (label, tenSecondly) => {
      await setUp({ tenSecondly });
      emulator.state.addCompany({ name: 'Acme', domain: 'acme.example' });
      for (let i = 0; i < 200; i++) {
        emulator.state.addContact({ email: `known${i}@acme.example` });
      }
      // Half to known contacts, half to a contact the push must create (B4).
      const results = Array.from({ length: 1000 }, (_, i) =>
        commit({
          contacts: [
            i % 2 === 0
              ? buildContact({ email: `known${i % 200}@acme.example` })
              : buildContact({ email: `new${i}@acme.example`, name: `New ${i}`, created: true }),
          ],
          companies: ['acme.example'],
        }),
      );
      const b = backend();
      const started = performance.now();
      const done = await pushUntilDone(b, results);
      const seconds = (performance.now() - started) / 1000;
      expect(done.size).toBe(1000);
      expect(emulator.counts.limitExceeded.TEN_SECONDLY_ROLLING).toBe(0);
      console.log(
        `HubSpot push (${label}): 1,000 results in ${seconds.toFixed(2)} s = ${Math.round(1000 / seconds)} emails/s, ` +
          `${emulator.counts.total} requests ${JSON.stringify(emulator.counts.byEndpoint)}`,
      );
    },
  );
});
