import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredResult } from '../../electron/crm/crm-backend.port.js';
import {
  createHubSpotBackend,
  type HubSpotBackend,
} from '../../electron/crm/hubspot/create-hubspot-backend.js';
import { identityOf } from '#shared/rules/assemble-decision.js';
import type { LocalStore } from '../../electron/crm/local/local-store.js';
import { openLocalStore } from '../../electron/crm/local/open-local-store.js';
import { createOutboxWorker } from '../../electron/sync/outbox-worker.js';
import type { EmailToLog } from '#shared/model/decision.js';
import {
  startHubSpotEmulator,
  type HubSpotEmulator,
} from '../support/hubspot-emulator/start-hubspot-emulator.js';
import { buildContact, buildDecision, buildEmail } from '../unit/electron/crm/helpers/build-decision.js';

/**
 * R2 across users on HubSpot (docs/rules.md#c3, docs/hubspot.md#idempotency): Ann and Tom each run a companion with
 * its own store, and both log the same mail from Bob. HubSpot, the backend they share, must end up with one email;
 * the second push is reported as a duplicate of the first, and nothing is written twice.
 */

type Companion = { readonly dir: string; readonly store: LocalStore; readonly backend: HubSpotBackend };

let emulator: HubSpotEmulator;
let companions: Companion[] = [];

async function companion(user: { id: number; email: string; name: string }): Promise<Companion> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hubspot-cross-user-'));
  const store = openLocalStore(dir, { syncTarget: 'remote' });
  store.importCrm({ users: [user], settings: { internalDomains: ['corp.example'] } });
  const backend = createHubSpotBackend({
    accessToken: emulator.token,
    baseUrl: emulator.url,
    store,
    blobPath: (sha) => path.join(dir, 'blobs', sha),
    requestTimeoutMs: 2_000,
  });
  const made = { dir, store, backend };
  companions.push(made);
  return made;
}

/** Bob's mail "Pricing" as one user forwarded it: the forward's own Message-ID, Bob's sender, date and subject. */
function bobsPricing(messageId: string, to: string): EmailToLog {
  return buildEmail({
    direction: 'incoming',
    from: 'bob@acme.example',
    fromName: 'Bob Martin',
    to: [to],
    subject: 'Pricing',
    date: '2026-03-02T09:15:00.000Z',
    messageId,
  });
}

/** Commits the email as the pipeline does (identity keys from the email, docs/rules.md#r2) and reads it back. */
function commit(c: Companion, owner: string, email: EmailToLog): StoredResult {
  const rawSha256 = createHash('sha256')
    .update(`${owner} ${email.messageId ?? ''}`)
    .digest('hex');
  c.store.commit({
    decision: buildDecision({
      route: 'forward',
      owner,
      email,
      identity: identityOf(email),
      contacts: [buildContact({ email: 'bob@acme.example', role: 'sender', name: 'Bob Martin' })],
      companies: [],
      deals: [],
    }),
    rawSha256,
    receivedAt: '2026-03-02T09:16:00.000Z',
  });
  const id = c.store.resultForRaw(rawSha256)?.id;
  const stored = id === undefined ? null : c.store.storedResult(id);
  if (stored === null) {
    throw new Error('commit did not store the result');
  }
  return stored;
}

function emails(): Array<{ id: string; subject: string | undefined }> {
  return [...emulator.state.objects.emails.values()].map((e) => ({
    id: e.id,
    subject: e.properties.hs_email_subject,
  }));
}

let ann: Companion;
let tom: Companion;

beforeEach(async () => {
  emulator = await startHubSpotEmulator();
  emulator.state.addOwner({ email: 'ann@corp.example' });
  emulator.state.addOwner({ email: 'tom@corp.example' });
  emulator.state.addContact({ email: 'bob@acme.example', firstname: 'Bob', lastname: 'Martin' });
  ann = await companion({ id: 1, email: 'ann@corp.example', name: 'Ann Smith' });
  tom = await companion({ id: 1, email: 'tom@corp.example', name: 'Tom Jones' });
});

afterEach(async () => {
  expect(emulator.violations).toEqual([]);
  await emulator.stop();
  for (const c of companions) {
    c.store.close();
    fs.rmSync(c.dir, { recursive: true, force: true });
  }
  companions = [];
});

describe('R2 across users on HubSpot (C3)', () => {
  it.each([
    [
      'by the content key (each forward has its own Message-ID)',
      '<fwd-ann@corp.example>',
      '<fwd-tom@corp.example>',
    ],
    [
      'by the Message-ID (the same original, F9 or log-now)',
      '<pricing@acme.example>',
      '<pricing@acme.example>',
    ],
  ])(
    'the second companion finds the email %s before writing, and reports a duplicate',
    async (_, annId, tomId) => {
      const first = await ann.backend.pushResult(
        commit(ann, 'ann@corp.example', bobsPricing(annId, 'ann@corp.example')),
      );
      expect(first).toEqual({ ok: true, value: { sync: 'synced', remoteId: emails()[0]?.id } });

      const creates = emulator.counts.byEndpoint['POST /crm/v3/objects/emails/batch/create'];
      const second = await tom.backend.pushResult(
        commit(tom, 'tom@corp.example', bobsPricing(tomId, 'tom@corp.example')),
      );
      expect(second).toEqual({
        ok: true,
        value: { sync: 'synced', remoteId: emails()[0]?.id, duplicateOf: annId },
      });
      expect(emails()).toEqual([{ id: emails()[0]?.id, subject: 'Pricing' }]);
      // Found by the search before the create: Tom's companion never tried to write it.
      expect(emulator.counts.byEndpoint['POST /crm/v3/objects/emails/batch/create']).toBe(creates);
      expect(emulator.requests.some((r) => r.path === '/crm/v3/objects/emails/search')).toBe(true);
    },
  );

  it("through both outboxes: one email in HubSpot; Ann's result logged, Tom's a synced duplicate of it", async () => {
    commit(ann, 'ann@corp.example', bobsPricing('<fwd-ann@corp.example>', 'ann@corp.example'));
    commit(tom, 'tom@corp.example', bobsPricing('<fwd-tom@corp.example>', 'tom@corp.example'));
    const run = (c: Companion) =>
      createOutboxWorker({ store: c.store, backend: c.backend, leaseMs: 60_000 }).runOnce();
    expect(await run(ann)).toMatchObject({ claimed: 1, synced: 1, failed: 0 });
    expect(await run(tom)).toMatchObject({ claimed: 1, synced: 1, failed: 0 });
    expect(emails()).toHaveLength(1);
    expect(ann.store.listResults()[0]).toMatchObject({ status: 'logged', sync: 'synced' });
    expect(tom.store.listResults()[0]).toMatchObject({
      status: 'duplicate',
      sync: 'synced',
      duplicateOf: expect.any(String) as unknown,
      contacts: [],
    });
  });

  it("the race: both companions search before either creates, and HubSpot's unique key lets one write", async () => {
    const a = commit(ann, 'ann@corp.example', bobsPricing('<fwd-ann@corp.example>', 'ann@corp.example'));
    const t = commit(tom, 'tom@corp.example', bobsPricing('<fwd-tom@corp.example>', 'tom@corp.example'));
    // Neither search is answered until both were carried out: each companion sees no email, and both create.
    emulator.inject({ kind: 'barrier', count: 2, match: /emails\/search$/ });
    const outcomes = await Promise.all([ann.backend.pushResult(a), tom.backend.pushResult(t)]);

    expect(emails()).toHaveLength(1);
    const id = emails()[0]?.id;
    expect(emulator.counts.byEndpoint['POST /crm/v3/objects/emails/batch/create']).toBe(2);
    expect(emulator.counts.byStatus[400]).toBe(1); // the loser's create: INVALID_UNIQUE_VALUE
    const receipts = outcomes.map((o) => (o.ok ? o.value : null));
    expect(receipts).toContainEqual({ sync: 'synced', remoteId: id });
    expect(receipts.filter((r) => r?.duplicateOf !== undefined)).toEqual([
      { sync: 'synced', remoteId: id, duplicateOf: expect.stringMatching(/^<fwd-(ann|tom)@corp\.example>$/) },
    ]);
  });

  it('the race without unique properties (HubSpot refused them): settled after the create, the younger email archived', async () => {
    emulator.state.uniquePropertiesAllowed.delete('emails');
    const a = commit(ann, 'ann@corp.example', bobsPricing('<fwd-ann@corp.example>', 'ann@corp.example'));
    const t = commit(tom, 'tom@corp.example', bobsPricing('<fwd-tom@corp.example>', 'tom@corp.example'));
    emulator.inject({ kind: 'barrier', count: 2, match: /emails\/search$/ });
    const outcomes = await Promise.all([ann.backend.pushResult(a), tom.backend.pushResult(t)]);

    const all = [...emulator.state.objects.emails.values()];
    expect(emulator.counts.byEndpoint['POST /crm/v3/objects/emails/batch/create']).toBe(2); // both wrote
    const kept = all.filter((e) => !e.archived);
    expect(kept).toHaveLength(1);
    expect(Number(kept[0]?.id)).toBeLessThan(Number(all.find((e) => e.archived)?.id)); // the older one stays
    const receipts = outcomes.map((o) => (o.ok ? o.value : null));
    expect(receipts).toContainEqual({ sync: 'synced', remoteId: kept[0]?.id });
    expect(receipts.filter((r) => r?.duplicateOf !== undefined)).toEqual([
      {
        sync: 'synced',
        remoteId: kept[0]?.id,
        duplicateOf: kept[0]?.properties.crm_mail_logger_message_id,
      },
    ]);
  });
});
