import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeStaleTemp } from '../../../../electron/core/remove-stale-temp.js';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

describe('removeStaleTemp', () => {
  it('removes only the files older than the limit, and counts them', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stale-temp-test-'));
    made.push(dir);
    fs.writeFileSync(path.join(dir, 'old.part'), '');
    fs.writeFileSync(path.join(dir, 'new.part'), '');
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    fs.utimesSync(path.join(dir, 'old.part'), twoHoursAgo, twoHoursAgo);

    expect(await removeStaleTemp(dir, 3_600_000)).toBe(1);
    expect(fs.readdirSync(dir)).toEqual(['new.part']);
  });

  it('finds nothing to do in a folder that does not exist', async () => {
    expect(await removeStaleTemp(path.join(os.tmpdir(), 'no-such-folder-for-stale-temp'), 0)).toBe(0);
  });
});
