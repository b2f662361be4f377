import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/** Deletes the files of `tempDir` older than `olderThanMs` (a writer that died mid-write left them); how many. */
export async function removeStaleTemp(tempDir: string, olderThanMs: number): Promise<number> {
  const names = await readdir(tempDir).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names) {
    const file = path.join(tempDir, name);
    const info = await stat(file).catch(() => undefined);
    if (info !== undefined && Date.now() - info.mtimeMs > olderThanMs) {
      await rm(file, { force: true });
      removed += 1;
    }
  }
  return removed;
}
