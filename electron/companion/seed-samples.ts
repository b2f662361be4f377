import { createReadStream } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateCrmData } from '../crm/local/validate-crm-data.js';
import type { Companion } from './start-companion.js';

const samplesDir = fileURLToPath(new URL('../../samples/', import.meta.url));

/**
 * `npm start` on a fresh store, desktop or headless (docs/rules.md#c5): the sample account of samples/CRM.json and
 * its sample mails, marked as samples so the window says so. A store with users, or seeded once, is left alone:
 * a restart adds no rows.
 */
export async function seedSamples(companion: Companion): Promise<void> {
  if (companion.store.listUsers().length > 0 || companion.prefs.read().sample) {
    return;
  }
  const crm = validateCrmData(JSON.parse(await readFile(path.join(samplesDir, 'CRM.json'), 'utf8')));
  if (!crm.ok) {
    throw new Error(`samples/CRM.json: ${crm.error}`); // the repository's own file: a bug, not a user's mistake
  }
  companion.store.importCrm(crm.value);
  companion.prefs.write({ ...companion.prefs.read(), sample: true });
  const files = (await readdir(samplesDir)).filter((f) => f.endsWith('.eml')).sort();
  for (const file of files) {
    const result = await companion.pipeline.logMessage({
      raw: createReadStream(path.join(samplesDir, file)),
      envelope: {},
      file: `samples/${file}`,
    });
    companion.afterCommit(result);
  }
}
