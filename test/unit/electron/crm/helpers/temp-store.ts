import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LocalStore } from '../../../../../electron/crm/local/local-store.js';
import { openLocalStore } from '../../../../../electron/crm/local/open-local-store.js';
import type { CrmData } from '#shared/model/crm-data.js';

/** A fresh folder for one test's store; `removeTempDirs` deletes every one made so far. */
const made: string[] = [];

export function makeTempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-store-test-'));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** docs/rules.md#results's CRM.json example, with a second user and a little more to scope facts against. */
export const sampleCrm: CrmData = {
  settings: {
    bccAddress: 'log+bcc@corp.example',
    forwardingAddress: 'log+fwd@corp.example',
    requireToken: false,
    internalDomains: ['corp.example'],
    attachmentLimitMB: 30,
    dealsPerContact: 5,
    dealSort: 'createdAt',
    freeMailDomains: ['extra-free-mail.example'],
  },
  users: [
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
    { id: 2, email: 'ken@corp.example', aliases: [], token: null, neverLog: ['rival.example'], locale: 'ja' },
  ],
  companies: [
    { domain: 'acme.example', name: 'Acme' },
    { domain: 'globex.example', name: 'Globex' },
  ],
  contacts: [
    { email: 'bob@acme.example', name: 'Bob', company: 'acme.example' },
    { email: 'carol@globex.example', name: 'Carol', company: 'globex.example' },
  ],
  deals: [
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
    {
      id: 'D3',
      name: 'Globex expansion',
      stage: 'open',
      createdAt: '2026-02-01T00:00:00.000Z',
      contacts: ['carol@globex.example'],
    },
  ],
  neverLog: ['competitor.example', 'noreply@vendor.example'],
};

/**
 * Two connections to one fresh store with `sampleCrm` imported through `a`, as two processes (companion and CLI)
 * would hold them; both are added to `open`, for the test's cleanup to close.
 */
export function openTwoStores(open: Array<{ close(): void }>): { a: LocalStore; b: LocalStore; dir: string } {
  const dir = makeTempDir();
  const a = openLocalStore(dir);
  a.importCrm(sampleCrm);
  const b = openLocalStore(dir);
  open.push(b, a);
  return { a, b, dir };
}
