/**
 * The blob store's fsyncs of folders (docs/architecture.md, the companion's blobs): a blob is reported stored only
 * once its folder entry is on disk, and for a new shard folder, the shard's own entry in the store's folder too.
 * Real faults, not mocks: the blob store runs in a child process under strace, which makes the kernel's fsync of
 * one folder fail with EIO (`-P folder -e inject=fsync:error=EIO`).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './support/run-cli.js';

const strace = '/usr/bin/strace';
const child = path.join('test', 'integration', 'support', 'blob-put-child.ts');

type Outcome = { ok: true; sha256: string } | { ok: false; code: string; message: string };

let work: string;
let root: string;

beforeAll(async () => {
  if (!fs.existsSync(strace)) {
    throw new Error('strace is not installed (it injects the disk faults): apt-get install strace');
  }
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cml-blob-fsync-'));
  root = path.join(work, 'blobs');
  // The store's folder and its temp folder exist, as in a store that has been used.
  expect(await put('warm-up')).toMatchObject({ ok: true });
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** Runs one put; with `failFsyncOf`, every fsync of that folder fails with EIO. */
function put(content: string, failFsyncOf?: string): Promise<Outcome> {
  const node = [process.execPath, '--import', 'tsx', child, root, content];
  const [file, ...args] =
    failFsyncOf === undefined
      ? node
      : [
          strace,
          '-f',
          '-qq',
          '-o',
          '/dev/null',
          '-P',
          failFsyncOf,
          '-e',
          'trace=fsync',
          '-e',
          'inject=fsync:error=EIO',
          ...node,
        ];
  return new Promise((resolve, reject) => {
    execFile(file ?? '', args, { cwd: repoRoot, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error !== null) {
        reject(new Error(`${file} failed: ${stderr || String(error)}`));
        return;
      }
      resolve(JSON.parse(stdout.trim()) as Outcome);
    });
  });
}

/** Content whose shard folder (the first two hex digits of its sha256) is not `avoid`'s and does not exist yet. */
function contentInNewShard(prefix: string): { content: string; shard: string } {
  for (let n = 0; ; n++) {
    const content = `${prefix} ${n}`;
    const shard = path.join(root, createHash('sha256').update(content).digest('hex').slice(0, 2));
    if (!fs.existsSync(shard)) {
      return { content, shard };
    }
  }
}

describe('blob store folder fsync', () => {
  it('a failed fsync of the blob’s folder is an error, not a stored blob, and leaves no blob behind', async () => {
    const { content, shard } = contentInNewShard('existing shard');
    fs.mkdirSync(shard, { mode: 0o700 });

    const outcome = await put(content, shard);

    expect(outcome).toMatchObject({ ok: false, code: 'EIO' });
    expect(outcome.ok ? '' : outcome.message).toContain('cannot move the blob into place');
    expect(fs.readdirSync(shard)).toEqual([]);
    // The fault gone, the same put stores it.
    expect(await put(content)).toMatchObject({ ok: true });
    expect(fs.readdirSync(shard)).toHaveLength(1);
  });

  it('a new shard folder’s entry is fsynced in the store’s folder: when that fails, the blob is not reported stored', async () => {
    const { content, shard } = contentInNewShard('new shard');

    const outcome = await put(content, root);

    expect(outcome).toMatchObject({ ok: false, code: 'EIO' });
    // Taken back, so that the next try makes the folder and flushes its entry again.
    expect(fs.existsSync(shard)).toBe(false);
    expect(await put(content)).toMatchObject({ ok: true });
    expect(fs.readdirSync(shard)).toHaveLength(1);
  });

  it('without a fault, a blob in a new shard folder is stored', async () => {
    const { content, shard } = contentInNewShard('no fault');
    const outcome = await put(content);
    const sha256 = createHash('sha256').update(content).digest('hex');
    expect(outcome).toEqual({ ok: true, sha256 });
    expect(fs.readFileSync(path.join(shard, sha256.slice(2)), 'utf8')).toBe(content);
  });
});
