/**
 * The companion end to end, as IT runs it (docs/rules.md#results `serve`, C1, C3, N1–N2): real Dovecot delivers the samples
 * over LMTP to the logging addresses, `crm-mail-logger serve --config` (a child process) claims and logs them,
 * sends the notices to a real SMTP server on loopback, and syncs every logged email to the HubSpot emulator;
 * SIGTERM stops it with exit 0. All on loopback.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLocalStore } from '../../electron/crm/local/open-local-store.js';
import type { LogResult } from '#shared/model/log-result.js';
import {
  startHubSpotEmulator,
  type HubSpotEmulator,
} from '../support/hubspot-emulator/start-hubspot-emulator.js';
import { deliverLmtp, startDovecot, type Dovecot } from './support/dovecot.js';
import { envelopeOf, expectedStatus, readSample, sampleNames } from './support/dovecot-intake-fixture.js';
import { repoRoot, runCli } from './support/run-cli.js';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.js';

let dovecot: Dovecot;
let hubspot: HubSpotEmulator;
let smtp: SmtpSink;
let work: string;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cml-serve-'));
  dovecot = await startDovecot();
  hubspot = await startHubSpotEmulator({ tenSecondly: { max: 190, intervalMs: 10_000 } });
  smtp = await startSmtpSink();
});

afterAll(async () => {
  await smtp.stop();
  await hubspot.stop();
  await dovecot.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

function writeConfig(name: string, config: unknown, mode = 0o600): string {
  const file = path.join(work, name);
  fs.writeFileSync(file, JSON.stringify(config, null, 2));
  fs.chmodSync(file, mode);
  return file;
}

function serve(config: string): { child: ChildProcess; stderr: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/cli.ts', 'serve', '--config', config], {
    cwd: repoRoot,
    env: { ...process.env, CRM_MAIL_LOGGER_HUBSPOT_TOKEN: hubspot.token },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stderr: () => stderr, exit };
}

async function waitFor<T>(what: string, read: () => T | null, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== null) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

function readResults(storeDir: string): ReadonlyArray<LogResult> {
  if (!fs.existsSync(path.join(storeDir, 'crm.sqlite'))) {
    return [];
  }
  const store = openLocalStore(storeDir);
  try {
    return store.listResults();
  } finally {
    store.close();
  }
}

describe('crm-mail-logger serve', () => {
  it('C1, C3, N1: logs every delivered sample once, notifies by SMTP, syncs to HubSpot, and stops on SIGTERM', async () => {
    const storeDir = path.join(work, 'store');
    // CRM.json lists tokens: serve reads it only when no one else can (docs/security.md).
    const crm = path.join(work, 'CRM.json');
    fs.copyFileSync(path.join(repoRoot, 'samples', 'CRM.json'), crm);
    fs.chmodSync(crm, 0o600);
    const config = writeConfig('config.json', {
      store: storeDir,
      crm,
      // Dovecot and the SMTP server on loopback offer no TLS.
      mailbox: {
        host: dovecot.host,
        port: dovecot.imapPort,
        user: 'log',
        password: dovecot.password,
        tls: 'none',
      },
      smtp: { host: '127.0.0.1', port: smtp.port, from: 'log@corp.example', tls: 'none' },
      backend: { kind: 'hubspot', baseUrl: hubspot.url },
      ui: false,
    });
    const companion = serve(config);
    const names = sampleNames();
    for (const name of names) {
      const raw = readSample(name);
      await deliverLmtp(dovecot.lmtpPort, { ...envelopeOf(raw), raw });
    }

    const results = await waitFor('every sample logged and synced', () => {
      const all = readResults(storeDir);
      const settled =
        all.length === names.length && all.every((r) => r.status !== 'logged' || r.sync === 'synced');
      return settled ? all : null;
    });
    expect(results.map((r) => r.status).sort()).toEqual(names.map(expectedStatus).sort());
    const logged = results.filter((r) => r.status === 'logged');
    expect(logged.length).toBeGreaterThan(0);
    expect(hubspot.state.objects.emails.size).toBe(logged.length);
    expect(hubspot.violations).toEqual([]);
    expect(hubspot.counts.limitExceeded).toEqual(expect.objectContaining({ TEN_SECONDLY_ROLLING: 0 }));

    // N1: one notice per listed reason, to users of the account only, marked automatic (N2).
    const listed = results.flatMap((r) => r.notices);
    await waitFor('the notices', () => (smtp.received.length >= listed.length ? smtp.received : null));
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual(listed.map((n) => n.to).sort());
    expect(smtp.received.every((m) => /^Auto-Submitted: auto-replied/im.test(m.raw))).toBe(true);
    expect(smtp.received.every((m) => m.to.every((to) => to.endsWith('@corp.example')))).toBe(true);
    expect(
      readResults(storeDir)
        .flatMap((r) => r.notices)
        .every((n) => n.sent),
    ).toBe(true);

    companion.child.kill('SIGTERM');
    expect(await companion.exit).toBe(0);
    expect(companion.stderr()).toContain('"message":"companion stopped"');
  });

  it('C4: refuses a config file that others can read, with one line and a non-zero exit', async () => {
    const config = writeConfig('open.json', { store: path.join(work, 'other') }, 0o644);
    const run = await runCli(['serve', '--config', config]);
    expect(run.code).not.toBe(0);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('chmod 600');
  });
});
