import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LogResult } from '#shared/model/log-result.js';
import type { MailboxConfig } from '../../../electron/intake/mailbox-config.js';
import { createBlobStore, type BlobStore } from '../../../electron/core/blob-store.js';
import type { ParseLimits } from '../../../electron/core/limits.js';
import { createPipeline, type Pipeline } from '../../../electron/core/pipeline.js';
import type { LocalStore } from '../../../electron/crm/local/local-store.js';
import { openLocalStore } from '../../../electron/crm/local/open-local-store.js';
import { validateCrmData } from '../../../electron/crm/local/validate-crm-data.js';
import type { Dovecot } from './dovecot.js';
import { repoRoot } from './run-cli.js';

/** A store in a temp folder with samples/CRM.json imported, and the pipeline over it. */
export type TestStore = {
  readonly dir: string;
  readonly store: LocalStore;
  readonly blobs: BlobStore;
  readonly pipeline: Pipeline;
  close(): void;
};

export function openSampleStore(limits: Partial<ParseLimits> = {}, dir?: string): TestStore {
  const storeDir = dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'crm-intake-store-'));
  const store = openLocalStore(storeDir);
  const crm = validateCrmData(
    JSON.parse(fs.readFileSync(path.join(repoRoot, 'samples', 'CRM.json'), 'utf8')),
  );
  if (!crm.ok) {
    throw new Error(`samples/CRM.json: ${crm.error}`);
  }
  store.importCrm(crm.value);
  const blobs = createBlobStore(path.join(storeDir, 'blobs'));
  return {
    dir: storeDir,
    store,
    blobs,
    pipeline: createPipeline({ store, blobs, limits }),
    close() {
      store.close();
      if (dir === undefined) {
        fs.rmSync(storeDir, { recursive: true, force: true });
      }
    },
  };
}

export function mailboxFor(
  dovecot: Dovecot,
  user = 'log',
  extra: Partial<MailboxConfig> = {},
): MailboxConfig {
  return {
    host: dovecot.host,
    port: dovecot.imapPort,
    secure: false,
    // The harness's Dovecot has no TLS unless started with `tls: true`; cleartext is allowed on loopback only.
    ...(dovecot.tls ? { allowUntrustedCertificate: true } : { tls: 'none' }),
    user,
    password: dovecot.password,
    folder: 'INBOX',
    ...extra,
  };
}

export type Collected = { readonly result: LogResult; readonly folder: string; readonly at: number };

/** Collects the intake's results; `waitFor(n)` resolves once n have come in. */
export function collectResults(): {
  readonly results: Collected[];
  onResult(result: LogResult, folder: string): void;
  waitFor(count: number, timeoutMs?: number): Promise<Collected[]>;
} {
  const results: Collected[] = [];
  const waiters: Array<() => void> = [];
  return {
    results,
    onResult(result, folder) {
      results.push({ result, folder, at: performance.now() });
      for (const wake of waiters.splice(0)) {
        wake();
      }
    },
    async waitFor(count, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (results.length < count) {
        const left = deadline - Date.now();
        if (left <= 0) {
          throw new Error(`waited ${timeoutMs} ms for ${count} results, got ${results.length}`);
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(left, 250));
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return results.slice(0, count);
    },
  };
}

export function sampleNames(): string[] {
  return fs
    .readdirSync(path.join(repoRoot, 'samples'))
    .filter((name) => name.endsWith('.eml'))
    .sort();
}

export function readSample(name: string): Buffer {
  return fs.readFileSync(path.join(repoRoot, 'samples', name));
}

export function expectedStatus(name: string): string {
  const expected = JSON.parse(
    fs.readFileSync(path.join(repoRoot, 'samples', 'expected', name.replace(/\.eml$/, '.json')), 'utf8'),
  ) as { status: string };
  return expected.status;
}

/** The envelope a sample was delivered with: Return-Path and its topmost Delivered-To. */
export function envelopeOf(raw: Buffer): { from: string; to: string } {
  const head = raw.toString('latin1').split(/\r?\n\r?\n/)[0] ?? '';
  const field = (name: string): string | null =>
    new RegExp(`^${name}:\\s*<?([^>\\s]*)>?`, 'im').exec(head)?.[1] ?? null;
  return {
    from: field('Return-Path') ?? 'sender@example.net',
    to: field('Delivered-To') ?? 'log+bcc@corp.example',
  };
}

export type SyntheticMessage = {
  readonly id: string;
  readonly from?: string;
  readonly to?: string;
  readonly subject?: string;
  readonly extraHeaders?: ReadonlyArray<string>;
  readonly body?: string;
};

/** A small BCC message from Ann to a new contact at acme.example: logged, unless the data says otherwise. */
export function syntheticMessage(message: SyntheticMessage): string {
  return [
    `From: ${message.from ?? 'Ann Smith <ann@corp.example>'}`,
    `To: ${message.to ?? `Person ${message.id} <person.${message.id}@acme.example>`}`,
    `Subject: ${message.subject ?? `Intake test ${message.id}`}`,
    `Date: Thu, 05 Mar 2026 10:00:00 +0100`,
    `Message-ID: <${message.id}@intake.test>`,
    ...(message.extraHeaders ?? []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    message.body ?? `Hello, this is message ${message.id}.`,
    '',
  ].join('\r\n');
}

/** A message nested deeper than the parser's MIME depth limit (R3 `malformed-message`). */
export function deeplyNestedMessage(id: string, depth = 60): string {
  const head = [
    'From: Ann Smith <ann@corp.example>',
    'To: Bob Martin <bob.martin@acme.example>',
    `Subject: Nested ${id}`,
    'Date: Thu, 05 Mar 2026 10:00:00 +0100',
    `Message-ID: <${id}@intake.test>`,
    'MIME-Version: 1.0',
  ];
  let body = 'Content-Type: text/plain\r\n\r\ninnermost\r\n';
  for (let level = depth; level > 0; level--) {
    const boundary = `b${level}`;
    body = `Content-Type: multipart/mixed; boundary="${boundary}"\r\n\r\n--${boundary}\r\n${body}--${boundary}--\r\n`;
  }
  return `${head.join('\r\n')}\r\n${body}`;
}
