/**
 * Stores one blob with fsync (as the companion does) and prints the outcome as one JSON line, for tests that
 * run it under strace to make one folder's fsync fail (`-P <folder> -e inject=fsync:error=EIO`).
 *
 * argv: the blob store's folder, the content (utf-8).
 */
import { BlobStoreError } from '../../../electron/core/blob-store-error.js';
import { createBlobStore } from '../../../electron/core/blob-store.js';

const [dir, content] = process.argv.slice(2);
if (dir === undefined || content === undefined) {
  throw new Error('usage: blob-put-child.ts DIR CONTENT');
}
try {
  const stored = await createBlobStore(dir, { sync: true }).putBuffer(Buffer.from(content, 'utf8'));
  process.stdout.write(`${JSON.stringify({ ok: true, sha256: stored.sha256 })}\n`);
} catch (error) {
  if (!(error instanceof BlobStoreError)) {
    throw error;
  }
  process.stdout.write(`${JSON.stringify({ ok: false, code: error.code, message: error.message })}\n`);
}
