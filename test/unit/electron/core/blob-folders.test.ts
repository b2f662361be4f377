import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBlobFolders } from '../../../../electron/core/blob-folders.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'blob-folders-test-'));
  made.push(dir);
  return dir;
}

describe('createBlobFolders', () => {
  it('makes a missing folder (private) before the action, and again when it was removed behind its back', async () => {
    const root = tempDir();
    const folder = path.join(root, 'ab', 'cd');
    const folders = createBlobFolders(true);

    await folders.inFolder(folder, async () => fs.writeFileSync(path.join(folder, 'one'), '1'));
    expect(fs.statSync(folder).mode & 0o777).toBe(0o700);

    fs.rmSync(path.join(root, 'ab'), { recursive: true });
    await folders.inFolder(folder, async () => fs.writeFileSync(path.join(folder, 'two'), '2'));
    expect(fs.readdirSync(folder)).toEqual(['two']);
  });

  it('does the same with blocking calls', () => {
    const root = tempDir();
    const folder = path.join(root, 'ef');
    const folders = createBlobFolders(false);

    folders.inFolderNow(folder, () => fs.writeFileSync(path.join(folder, 'one'), '1'));
    fs.rmSync(folder, { recursive: true });
    folders.inFolderNow(folder, () => fs.writeFileSync(path.join(folder, 'two'), '2'));

    expect(fs.readdirSync(folder)).toEqual(['two']);
  });

  it('passes on an error other than a missing folder', async () => {
    const folders = createBlobFolders(false);
    const denied = Object.assign(new Error('denied'), { code: 'EACCES' });
    await expect(folders.inFolder(tempDir(), () => Promise.reject(denied))).rejects.toBe(denied);
  });
});
