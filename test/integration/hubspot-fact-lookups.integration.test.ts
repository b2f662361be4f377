import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBlobStore } from '../../electron/core/blob-store.js';
import { createPipeline, type Pipeline } from '../../electron/core/pipeline.js';
import { createHubSpotBackend } from '../../electron/crm/hubspot/create-hubspot-backend.js';
import type { LocalStore } from '../../electron/crm/local/local-store.js';
import { openLocalStore } from '../../electron/crm/local/open-local-store.js';
import {
  startHubSpotEmulator,
  type HubSpotEmulator,
} from '../support/hubspot-emulator/start-hubspot-emulator.js';

/**
 * B2 (docs/rules.md): everything that costs the backend something happens after B1/B2/F1 accepted the
 * sender, and one message makes at most `maxFactLookups` addresses be looked up. Counted at the HubSpot emulator,
 * through the real pipeline (parse, rules, facts reader).
 */

let dir: string;
let store: LocalStore;
let emulator: HubSpotEmulator;
let pipeline: Pipeline;

const addresses = (n: number): string[] => Array.from({ length: n }, (_, i) => `p${i}@d${i}.example`);

function mail(from: string, to: ReadonlyArray<string>, subject: string, body: string): Buffer {
  return Buffer.from(
    [
      `From: ${from}`,
      `To: ${to.join(', ')}`,
      'Bcc: log+bcc@corp.example',
      `Subject: ${subject}`,
      'Date: Mon, 2 Mar 2026 09:15:00 +0000',
      `Message-ID: <${subject.replace(/\W/g, '')}@corp.example>`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      body,
      '',
    ].join('\r\n'),
  );
}

/** Requests that read facts (contacts, companies, deals, their associations), as opposed to pushes. */
function factRequests(): number {
  return emulator.requests.filter((r) => r.method === 'POST' && /batch\/read|\/search$/.test(r.path)).length;
}

/** Contact batch reads (HubSpot takes at most 100 addresses in one). */
function contactReads(): number {
  return emulator.requests.filter((r) => r.path === '/crm/v3/objects/contacts/batch/read').length;
}

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hubspot-fact-lookups-'));
  store = openLocalStore(dir, { syncTarget: 'remote' });
  store.importCrm({
    users: [{ id: 1, email: 'ann@corp.example', name: 'Ann Smith', token: 'k7q2m9x4' }],
    settings: { internalDomains: ['corp.example'] },
  });
  emulator = await startHubSpotEmulator();
  const backend = createHubSpotBackend({
    accessToken: emulator.token,
    baseUrl: emulator.url,
    store,
    blobPath: (sha) => path.join(dir, 'blobs', sha),
    requestTimeoutMs: 5_000,
  });
  pipeline = createPipeline({
    store,
    blobs: createBlobStore(path.join(dir, 'blobs'), { sync: false }),
    backend,
    limits: { maxRecipients: 5_000 },
  });
});

afterEach(async () => {
  expect(emulator.violations).toEqual([]);
  await emulator.stop();
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('fact look-ups per message (B2)', () => {
  it('rejects a stranger listing 5,000 addresses without one HubSpot request', async () => {
    const body = addresses(5_000).join('\n');
    const raw = mail('stranger@evil.example', ['bob@acme.example'], 'Our people', body);
    expect(raw.length).toBeGreaterThan(90_000);
    const result = await pipeline.logMessage({ raw, envelope: { recipient: 'log+bcc@corp.example' } });
    console.log(`stranger, ${raw.length} bytes, 5,000 addresses: ${emulator.counts.total} HubSpot requests`);
    expect({ status: result.status, reasons: result.reasons, requests: emulator.counts.total }).toEqual({
      status: 'rejected',
      reasons: ['sender-not-user'],
      requests: 0,
    });
  });

  it("looks up at most maxFactLookups of a user's 5,000 recipients, and every one with a larger bound", async () => {
    const to = addresses(5_000);
    const bounded = await pipeline.logMessage({
      raw: mail('ann@corp.example', to, 'Hello all', 'Hello all'),
      envelope: { recipient: 'log+bcc@corp.example' },
    });
    expect(bounded.status).toBe('logged');
    const boundedReads = contactReads();
    const boundedFacts = factRequests();

    store.importCrm({ users: [], settings: { maxFactLookups: 1_000 } });
    const wider = await pipeline.logMessage({
      raw: mail('ann@corp.example', addresses(10_000).slice(5_000), 'Hello again', 'Hello again'),
      envelope: { recipient: 'log+bcc@corp.example' },
    });
    expect(wider.status).toBe('logged');
    const widerReads = contactReads() - boundedReads;
    console.log(
      `user, 5,000 recipients: ${boundedReads} contact batch reads (${boundedFacts} fact requests) with the bound 200; ` +
        `${widerReads} with 1,000`,
    );
    // HubSpot batch reads take 100 inputs: 200 addresses are 2 reads, 1,000 are 10.
    expect({ boundedReads, widerReads }).toEqual({ boundedReads: 2, widerReads: 10 });
  });
});
