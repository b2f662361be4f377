import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCompanion } from '../../../../electron/companion/start-companion.js';
import { silentLogger } from '../../../../electron/core/logger.js';
import { makeTempDir, removeTempDirs } from '../crm/helpers/temp-store.js';

afterEach(removeTempDirs);

describe('startCompanion', () => {
  it('removes the temp files that an interrupted blob write left behind, and only stale ones', async () => {
    const dir = path.join(makeTempDir(), 'store');
    const temp = path.join(dir, 'blobs', '.tmp');
    fs.mkdirSync(temp, { recursive: true });
    const stale = path.join(temp, 'crashed.part');
    const fresh = path.join(temp, 'in-progress.part');
    fs.writeFileSync(stale, 'half a blob');
    fs.writeFileSync(fresh, 'another process is writing this');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60_000);
    fs.utimesSync(stale, twoHoursAgo, twoHoursAgo);

    const companion = await startCompanion(
      { store: dir, backend: { kind: 'local' }, ui: false },
      { logger: silentLogger },
    );
    await companion.stop();

    expect(fs.readdirSync(temp)).toEqual(['in-progress.part']);
  });
});
