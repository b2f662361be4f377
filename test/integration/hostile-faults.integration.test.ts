import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBlobStore } from '../../electron/core/blob-store.js';
import { createPipeline } from '../../electron/core/pipeline.js';
import { PipelineError } from '../../electron/core/pipeline-error.js';
import type { CrmBackend } from '../../electron/crm/crm-backend.port.js';
import { createLocalCrmBackend } from '../../electron/crm/local/create-local-crm-backend.js';
import type { LocalStore } from '../../electron/crm/local/local-store.js';
import { openLocalStore } from '../../electron/crm/local/open-local-store.js';
import type { CrmData } from '#shared/model/crm-data.js';
import type { LogResult } from '#shared/model/log-result.js';
import { samplesCrm, sha256Hex } from '../unit/hostile/hostile-cases.js';

/**
 * storage and backend faults. Each must leave the message recoverable — reported as
 * `storage-error` (a committed result, or a thrown `PipelineError` when the store itself cannot commit), nothing
 * half-written — and a re-run after the fault is gone must log it. Real faults, not mocks: a small tmpfs, a
 * second SQLite connection holding the lock, a read-only bind mount. Mounting needs root and CAP_SYS_ADMIN; the
 * test fails (never skips) without them.
 */

const mounts: string[] = [];
let root: string;
let crm: CrmData;
const tally = { inputs: 0, logged: 0, storageErrorResults: 0, pipelineErrors: 0 };

function mount(args: ReadonlyArray<string>, target: string): void {
  try {
    execFileSync('mount', [...args, target], { stdio: 'pipe' });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim() ?? String(error);
    throw new Error(
      `mount ${args.join(' ')} ${target} failed (this test needs root and CAP_SYS_ADMIN): ${stderr}`,
    );
  }
  if (!mounts.includes(target)) {
    mounts.push(target);
  }
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'crm-mail-logger-faults-'));
  crm = JSON.parse(await readFile(samplesCrm, 'utf8')) as CrmData;
});

afterAll(async () => {
  for (const target of mounts.reverse()) {
    try {
      execFileSync('umount', [target], { stdio: 'pipe' });
    } catch {
      execFileSync('umount', ['-l', target], { stdio: 'pipe' });
    }
  }
  await rm(root, { recursive: true, force: true });
  console.log(`hostile faults: ${JSON.stringify(tally)}`);
});

/** Ann to Bob with one attachment of `bytes` bytes. */
function messageWithAttachment(id: string, bytes: number): Buffer {
  const content = Buffer.alloc(bytes, 0x5a).toString('base64').replace(/.{76}/g, '$&\r\n');
  return Buffer.from(
    'From: Ann Smith <ann@corp.example>\r\nTo: Bob Martin <bob.martin@acme.example>\r\n' +
      `Subject: Fault ${id}\r\nDate: Mon, 02 Mar 2026 10:15:00 +0900\r\nMessage-ID: <${id}@faults.example>\r\n` +
      'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n' +
      'see attached\r\n--b\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n' +
      `Content-Disposition: attachment; filename="${id}.bin"\r\n\r\n${content}\r\n--b--\r\n`,
  );
}

function openStore(dir: string, busyTimeoutMs?: number): LocalStore {
  const store = openLocalStore(dir, busyTimeoutMs === undefined ? {} : { busyTimeoutMs });
  store.importCrm(crm);
  return store;
}

/** What logging one message came to: a result, or the PipelineError the caller reports as storage-error. */
async function attempt(run: () => Promise<LogResult>): Promise<LogResult | PipelineError> {
  tally.inputs += 1;
  try {
    const result = await run();
    if (result.status === 'logged') {
      tally.logged += 1;
    } else if (result.reasons.includes('storage-error')) {
      tally.storageErrorResults += 1;
    }
    return result;
  } catch (error) {
    if (error instanceof PipelineError) {
      tally.pipelineErrors += 1;
      return error;
    }
    throw error;
  }
}

async function tempFiles(blobDir: string): Promise<string[]> {
  return readdir(path.join(blobDir, '.tmp')).catch(() => []);
}

describe('faults while logging (docs/security.md#what-a-hostile-message-can-and-cannot-do)', () => {
  it('disk full while storing an attachment: storage-error, nothing half-written, logged after space is freed', async () => {
    const blobDir = path.join(root, 'full', 'blobs');
    await mkdir(blobDir, { recursive: true });
    mount(['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs'], blobDir);
    const filler = path.join(blobDir, 'filler');
    await writeFile(filler, Buffer.alloc(1.2 * 2 ** 20));
    const store = openStore(path.join(root, 'full', 'store'));
    const blobs = createBlobStore(blobDir, { sync: false });
    const pipeline = createPipeline({ store, blobs });
    const raw = messageWithAttachment('disk-full', 400_000); // ~550 KB raw fits, its 400 KB attachment does not

    const first = await attempt(() => pipeline.logMessage({ raw, envelope: {}, file: 'disk-full.eml' }));

    expect(first).toMatchObject({ status: 'rejected', reasons: ['storage-error'], owner: null });
    expect(await tempFiles(blobDir)).toEqual([]);
    expect(await blobs.has(sha256Hex(raw))).toBe(true); // the raw message is kept
    await rm(filler);
    const second = await attempt(() => pipeline.logMessage({ raw, envelope: {}, file: 'disk-full.eml' }));
    expect(second).toMatchObject({
      status: 'logged',
      owner: 'ann@corp.example',
      attachments: { logged: [{ filename: 'disk-full.bin', size: 400_000 }] },
    });
    expect(store.listResults().map((r) => r.status)).toEqual(['rejected', 'logged']);
    store.close();
  });

  it('disk full under the SQLite store too: a PipelineError (the commit cannot record itself), then logged', async () => {
    const dir = path.join(root, 'full-db');
    await mkdir(dir, { recursive: true });
    mount(['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs'], dir);
    const store = openStore(path.join(dir, 'store'));
    const blobs = createBlobStore(path.join(dir, 'store', 'blobs'), { sync: false });
    const pipeline = createPipeline({ store, blobs });
    const filler = path.join(dir, 'filler');
    await writeFile(filler, Buffer.alloc(2 * 2 ** 20)).catch(() => undefined); // fills the disk to the last block
    const raw = messageWithAttachment('db-full', 1000);

    const first = await attempt(() => pipeline.logMessage({ raw, envelope: {}, file: 'db-full.eml' }));

    expect(first).toBeInstanceOf(PipelineError);
    expect(first).toMatchObject({ reason: 'storage-error', code: 'STORE.UNAVAILABLE' });
    expect(await tempFiles(path.join(dir, 'store', 'blobs'))).toEqual([]);
    await rm(filler);
    const second = await attempt(() => pipeline.logMessage({ raw, envelope: {}, file: 'db-full.eml' }));
    expect(second).toMatchObject({ status: 'logged', owner: 'ann@corp.example' });
    expect(store.listResults().map((r) => r.status)).toEqual(['logged']);
    store.close();
  });

  it('SQLite locked past the busy timeout: a PipelineError naming the lock, nothing lost, logged once released', async () => {
    const dir = path.join(root, 'locked');
    const store = openStore(dir, 200);
    const blobs = createBlobStore(path.join(dir, 'blobs'), { sync: false });
    const pipeline = createPipeline({ store, blobs });
    const other = new Database(store.path);
    const raw = messageWithAttachment('locked', 1000);
    let first: LogResult | PipelineError;
    other.exec('BEGIN EXCLUSIVE');
    try {
      first = await attempt(() => pipeline.logMessage({ raw, envelope: {}, file: 'locked.eml' }));
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }

    expect(first).toBeInstanceOf(PipelineError);
    expect(first).toMatchObject({
      reason: 'storage-error',
      code: 'STORE.UNAVAILABLE',
      rawSha256: sha256Hex(raw),
    });
    expect((first as PipelineError).message).toMatch(/locked|busy/i);
    expect(store.listResults()).toEqual([]);
    const second = await attempt(() => pipeline.logMessage({ raw, envelope: {}, file: 'locked.eml' }));
    expect(second).toMatchObject({ status: 'logged', owner: 'ann@corp.example' });
    store.close();
  });

  it('the blob folder turns read-only: storage-error, nothing lost, logged once writable again', async () => {
    const dir = path.join(root, 'ro-blobs-source');
    const ro = path.join(root, 'ro-blobs');
    await mkdir(dir, { recursive: true });
    await mkdir(ro, { recursive: true });
    mount(['--bind', dir], ro);
    mount(['-o', 'remount,bind,ro'], ro);
    const store = openStore(path.join(root, 'ro-blobs-store'));
    const blobs = createBlobStore(ro, { sync: false });
    const pipeline = createPipeline({ store, blobs });
    const raw = messageWithAttachment('read-only', 1000);

    const first = await attempt(() => pipeline.logMessage({ raw, envelope: {}, file: 'read-only.eml' }));

    expect(first).toMatchObject({ status: 'rejected', reasons: ['storage-error'] });
    expect(await readdir(dir)).toEqual([]);
    mount(['-o', 'remount,bind,rw'], ro);
    const second = await attempt(() => pipeline.logMessage({ raw, envelope: {}, file: 'read-only.eml' }));
    expect(second).toMatchObject({ status: 'logged', owner: 'ann@corp.example' });
    store.close();
  });

  it('the whole store folder read-only: the store refuses to open with a clear error, and nothing changes', async () => {
    const dir = path.join(root, 'ro-store-source');
    const ro = path.join(root, 'ro-store');
    openStore(dir).close();
    const before = await readdir(dir);
    await mkdir(ro, { recursive: true });
    mount(['--bind', dir], ro);
    mount(['-o', 'remount,bind,ro'], ro);

    expect(() => openLocalStore(ro)).toThrow(/read-?only|unable to open/i);
    expect(await readdir(dir)).toEqual(before);
  });

  it('a backend answering malformed JSON: a PipelineError that says so, nothing committed, logged on retry', async () => {
    const dir = path.join(root, 'backend');
    const store = openStore(dir);
    const blobs = createBlobStore(path.join(dir, 'blobs'), { sync: false });
    const broken: CrmBackend = {
      kind: 'hubspot',
      fetchFacts: () => Promise.resolve().then(() => JSON.parse('{"results": [{"id": ') as never),
      pushResult: () => Promise.reject(new Error('not used')),
    };
    const raw = messageWithAttachment('backend', 1000);

    const first = await attempt(() =>
      createPipeline({ store, blobs, backend: broken }).logMessage({
        raw,
        envelope: {},
        file: 'backend.eml',
      }),
    );

    expect(first).toBeInstanceOf(PipelineError);
    expect(first).toMatchObject({
      reason: 'storage-error',
      code: 'CRM.UNAVAILABLE',
      rawSha256: sha256Hex(raw),
    });
    expect((first as PipelineError).message).toMatch(/hubspot CRM backend failed: .*JSON/);
    expect(store.listResults()).toEqual([]);
    expect(await blobs.has(sha256Hex(raw))).toBe(true);
    const second = await attempt(() =>
      createPipeline({ store, blobs, backend: createLocalCrmBackend(store) }).logMessage({
        raw,
        envelope: {},
        file: 'backend.eml',
      }),
    );
    expect(second).toMatchObject({ status: 'logged', owner: 'ann@corp.example' });
    store.close();
  });
});
