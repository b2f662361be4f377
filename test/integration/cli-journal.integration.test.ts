import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jsonLines, runCli } from './support/run-cli.js';

/** C1's back-fill (`import PATH`) and C6's `reprocess`, `forget` and `retry`, through the real CLI. */
let store: string;
let work: string;
beforeEach(() => {
  store = fs.mkdtempSync(path.join(os.tmpdir(), 'cml-journal-'));
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cml-journal-mail-'));
});
afterEach(() => {
  fs.rmSync(store, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
});

const sample = (name: string): string => path.join('samples', name);

describe('back-fill and journal operations', () => {
  it('C1: import PATH logs a folder of .eml files with progress on stderr and a summary', async () => {
    for (const name of [
      '01-bcc-existing-contact.eml',
      '04-bcc-no-loggable-recipients.eml',
      '05-bcc-reply-all-from-contact.eml',
    ]) {
      fs.copyFileSync(sample(name), path.join(work, name));
    }
    const run = await runCli(['import', work, '--store', store, '--crm', 'samples/CRM.json']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe('Imported 3 message(s): 1 logged, 1 skipped, 0 duplicate, 1 rejected.');
    expect(run.stderr).toMatch(/3\/3 messages/);
    const results = jsonLines(await runCli(['results', '--store', store, '--json']));
    expect(results.map((r) => r['status'])).toEqual(['logged', 'skipped', 'rejected']);
  });

  it('C6: reprocess logs a rejected message once the CRM is fixed; forget removes the logged email', async () => {
    const first = jsonLines(
      await runCli([
        'log',
        sample('16-bcc-private-address.eml'),
        '--store',
        store,
        '--crm',
        'samples/CRM.json',
        '--json',
      ]),
    );
    expect(first[0]).toMatchObject({ status: 'rejected', reasons: ['sender-not-user'] });
    const nothing = await runCli(['reprocess', '--status', 'skipped', '--store', store]);
    expect(nothing.stdout).toContain('Nothing to reprocess');

    // The sample's sender is Ann's private address; making it her alias is the fix an administrator would make.
    expect(
      (await runCli(['aliases', 'add', 'ann@corp.example', 'ann.smith.home@gmail.com', '--store', store]))
        .code,
    ).toBe(0);
    const again = await runCli(['reprocess', '1', '--store', store, '--json']);
    expect(again.code).toBe(0);
    expect(jsonLines(again)[0]).toMatchObject({ status: 'logged', owner: 'ann@corp.example' });
    // The rejected result is not reprocessed twice: it now has a newer result.
    expect((await runCli(['reprocess', '--store', store])).stdout).toContain('Nothing to reprocess');

    const table = (await runCli(['results', '--store', store])).stdout;
    expect(table).toMatch(/^2 .* logged /m);
    const forgotten = await runCli(['forget', '2', '--store', store]);
    expect(forgotten.code).toBe(0);
    expect(forgotten.stdout).toContain('Forgot result 2');
    expect(jsonLines(await runCli(['results', '--store', store, '--json'])).map((r) => r['status'])).toEqual([
      'rejected',
    ]);
    const missing = await runCli(['forget', '2', '--store', store]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no result 2');
  });

  it('C6: retry says when nothing failed, and refuses an id that is not a number', async () => {
    expect((await runCli(['retry', '--store', store])).stdout).toContain('No failed sync to retry.');
    const bad = await runCli(['retry', 'abc', '--store', store]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/a result id is a whole number/);
  });
});
