import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createBlobFolders } from '../../../../electron/core/blob-folders.js';
import { putSmallBlobNow } from '../../../../electron/core/put-small-blob-now.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

function blobOf(root: string, text: string) {
  const bytes = Buffer.from(text);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { sha256, bytes, finalPath: path.join(root, sha256.slice(0, 2), sha256.slice(2)) };
}

describe('putSmallBlobNow', () => {
  it('writes the blob at its address through a temp file, once', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'put-small-test-'));
    made.push(root);
    const tempDir = path.join(root, '.tmp');
    const folders = createBlobFolders(false);
    const blob = blobOf(root, 'hello');

    const first = putSmallBlobNow(folders, tempDir, blob);
    const second = putSmallBlobNow(folders, tempDir, blob);

    expect(first).toEqual({ sha256: blob.sha256, size: 5, path: blob.finalPath, created: true });
    expect(second.created).toBe(false);
    expect(fs.readFileSync(blob.finalPath, 'utf8')).toBe('hello');
    expect(fs.readdirSync(tempDir)).toEqual([]);
  });

  it('throws a BlobStoreError saying what failed when the temp folder cannot be made', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'put-small-test-'));
    made.push(root);
    const tempDir = path.join(root, 'a-file');
    fs.writeFileSync(tempDir, '');

    expect(() => putSmallBlobNow(createBlobFolders(false), tempDir, blobOf(root, 'x'))).toThrow(
      expect.objectContaining({ name: 'BlobStoreError', message: 'Cannot write the temp file' }),
    );
  });
});
