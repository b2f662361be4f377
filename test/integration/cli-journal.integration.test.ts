import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jsonLines, repoRoot, runCli } from './support/run-cli.js';

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
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const blobName = (bytes: Buffer): string => path.join(sha256(bytes).slice(0, 2), sha256(bytes).slice(2));

/** The blob files of the store (raw messages and attachments), relative to its blob folder. */
function blobFiles(): string[] {
  const dir = path.join(store, 'blobs');
  return fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && !path.relative(dir, e.parentPath).startsWith('.tmp'))
        .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
        .sort()
    : [];
}

function readStore<T>(sql: string): T[] {
  const db = new Database(path.join(store, 'crm.sqlite'), { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

/** The raw sha256s kept in the store's own database (small back-filled messages). */
function rawsInStore(): string[] {
  return readStore<{ sha256: string }>('SELECT sha256 FROM raw_messages ORDER BY sha256').map(
    (r) => r.sha256,
  );
}

/** Each result, and whether its raw bytes are kept (in the store or as a blob file). */
function rawsOfResults(): Array<{ file: string; status: string; kept: boolean }> {
  const inStore = new Set(rawsInStore());
  const files = new Set(blobFiles().map((f) => f.replace(path.sep, '')));
  return readStore<{ file: string; status: string; raw_sha256: string }>(
    'SELECT file, status, raw_sha256 FROM log_results ORDER BY id',
  ).map((r) => ({
    file: r.file,
    status: r.status,
    kept: inStore.has(r.raw_sha256) || files.has(r.raw_sha256),
  }));
}

/** A small message of its own, sent by a user to a contact (logged). */
function numbered(n: number): Buffer {
  return Buffer.from(
    [
      'From: Ann Smith <ann@corp.example>',
      `To: Person ${n} <person.${n}@acme.example>`,
      `Subject: Back-fill message ${n}`,
      'Date: Thu, 05 Mar 2026 10:00:00 +0100',
      `Message-ID: <backfill-${n}@cli-journal.test>`,
      '',
      `Body of message ${n}.`,
      '',
    ].join('\r\n'),
  );
}

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

  it('C1: import keeps a small raw in the store and a large one as a blob file; reprocess and forget work for both', async () => {
    const small = fs.readFileSync(sample('16-bcc-private-address.eml'));
    // The same rejected message made large (over 128 KiB), with a Message-ID and subject of its own.
    const large = Buffer.from(
      small
        .toString('latin1')
        .replace('Message-ID: <CAB9k2', 'Message-ID: <large-CAB9k2')
        .replace('Subject: Quote for the renewal', 'Subject: Large quote for the renewal')
        .replace('Hi Bob,', `Hi Bob,\r\n\r\n${'padding line of the large copy\r\n'.repeat(6_000)}`),
      'latin1',
    );
    expect(large.length).toBeGreaterThan(128 * 1024);
    fs.writeFileSync(path.join(work, 'a-small.eml'), small);
    fs.writeFileSync(path.join(work, 'b-large.eml'), large);
    const run = await runCli(['import', work, '--store', store, '--crm', 'samples/CRM.json']);
    expect(run.stdout.trim()).toBe('Imported 2 message(s): 0 logged, 0 skipped, 0 duplicate, 2 rejected.');
    expect(blobFiles()).toEqual([blobName(large)]);
    expect(rawsInStore()).toEqual([sha256(small)]);

    expect(
      (await runCli(['aliases', 'add', 'ann@corp.example', 'ann.smith.home@gmail.com', '--store', store]))
        .code,
    ).toBe(0);
    const again = jsonLines(await runCli(['reprocess', '--store', store, '--json']));
    expect(again.map((r) => [r['file'], r['status']])).toEqual([
      ['a-small.eml', 'logged'],
      ['b-large.eml', 'logged'],
    ]);
    // Forgetting the logged emails keeps the bytes, wherever they are: the rejected results still name them.
    expect((await runCli(['forget', '3', '4', '--store', store])).code).toBe(0);
    expect(jsonLines(await runCli(['results', '--store', store, '--json'])).map((r) => r['status'])).toEqual([
      'rejected',
      'rejected',
    ]);
    expect({ blobs: blobFiles(), inStore: rawsInStore() }).toEqual({
      blobs: [blobName(large)],
      inStore: [sha256(small)],
    });
  });

  it('C1: a back-fill killed mid-batch loses and duplicates nothing: every result has its raw, a re-run logs the rest', async () => {
    const count = 3_000;
    for (let n = 0; n < count; n++) {
      fs.writeFileSync(path.join(work, `m${String(n).padStart(5, '0')}.eml`), numbered(n));
    }
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'electron/cli.ts', 'import', work, '--store', store, '--crm', 'samples/CRM.json'],
      {
        cwd: repoRoot,
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    // Killed once the progress bar shows a few hundred messages: some batches committed, one open.
    await new Promise<void>((resolve) => {
      child.stderr.on('data', (chunk: Buffer) => {
        if (/\b[3-9]\d\d\/3000 messages/.test(chunk.toString())) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => resolve());
    });
    await new Promise((resolve) => child.once('exit', resolve).once('close', resolve));
    const before = rawsOfResults();
    expect(before.length).toBeGreaterThan(0);
    expect(before.length).toBeLessThan(count);
    expect(before.filter((r) => !r.kept)).toEqual([]);

    const rerun = await runCli(['import', work, '--store', store]);
    expect(rerun.stdout.trim()).toBe(
      `Imported ${count} message(s): ${count - before.length} logged, 0 skipped, ${before.length} duplicate, 0 rejected.`,
    );
    const after = rawsOfResults();
    expect(after.filter((r) => !r.kept)).toEqual([]);
    expect(after.filter((r) => r.status === 'logged')).toHaveLength(count);
  });

  it('C6: retry says when nothing failed, and refuses an id that is not a number', async () => {
    expect((await runCli(['retry', '--store', store])).stdout).toContain('No failed sync to retry.');
    const bad = await runCli(['retry', 'abc', '--store', store]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/a result id is a whole number/);
  });
});
