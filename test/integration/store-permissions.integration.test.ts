/**
 * docs/rules.md C1, C4 through the real CLI: a CRM.json that lists users' tokens is a secret. `serve` refuses one
 * that group or others can read (as it refuses such a CONFIG.json); `log --crm` logs but warns in one line.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLocalStore } from '../../electron/crm/local/open-local-store.js';
import { repoRoot, runCli } from './support/run-cli.js';

let work: string;
const sample = path.join(repoRoot, 'samples', '01-bcc-existing-contact.eml');

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cml-permissions-'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function crmFile(name: string, mode: number): string {
  const file = path.join(work, name);
  fs.copyFileSync(path.join(repoRoot, 'samples', 'CRM.json'), file);
  fs.chmodSync(file, mode);
  return file;
}

describe.runIf(process.platform !== 'win32')('CRM.json holding tokens', () => {
  it('`log --crm` with a CRM.json others can read logs the message and warns in one line', async () => {
    const crm = crmFile('open-log.json', 0o644);
    const run = await runCli([
      'log',
      sample,
      '--store',
      path.join(work, 'log-store'),
      '--crm',
      crm,
      '--json',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      `crm-mail-logger: warning: ${crm} can be read by others (mode 644) and lists users' tokens: chmod 600 ${crm}`,
    ]);
  });

  it('`log --crm` with a private CRM.json says nothing', async () => {
    const crm = crmFile('private-log.json', 0o600);
    const run = await runCli(['log', sample, '--store', path.join(work, 'log-store-2'), '--crm', crm]);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
  });

  it('`serve` refuses a CRM.json with tokens that others can read, before importing anything', async () => {
    const crm = crmFile('open-serve.json', 0o640);
    const store = path.join(work, 'serve-store');
    const config = path.join(work, 'config.json');
    fs.writeFileSync(config, JSON.stringify({ store, crm }), { mode: 0o600 });
    fs.chmodSync(config, 0o600);
    const run = await runCli(['serve', '--config', config]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(
      `${crm} can be read by others (mode 640) and lists users' tokens: chmod 600 ${crm}`,
    );
    const opened = openLocalStore(store);
    expect(opened.listUsers()).toEqual([]);
    opened.close();
  });
});
