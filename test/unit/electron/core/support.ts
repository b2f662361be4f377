import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RoutingHeaders } from '#shared/model/parsed-message.js';

/** Shared helpers of the electron/core unit tests. */

export const fixturesDir = new URL('../../../fixtures/mail/', import.meta.url);

export function readFixture(name: string): Promise<Buffer> {
  return readFile(new URL(name, fixturesDir));
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A fresh folder for one test's blob store; `remove` deletes it. */
export async function makeTempDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'crm-mail-logger-test-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Every file under `dir`, as paths relative to it (sorted). */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** Temp files of a blob store (unfinished writes). */
export async function listTempFiles(storeDir: string): Promise<string[]> {
  return (await listFiles(storeDir)).filter((file) => file.startsWith('.tmp'));
}

export const noRoutingHeaders: RoutingHeaders = {
  delivery: [],
  autoSubmitted: null,
  precedence: null,
  listId: null,
  returnPath: null,
  authenticationResults: [],
};

/** Joins lines with CRLF, as on the wire. */
export function crlf(text: string): Buffer {
  return Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'utf8');
}
