import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultUiPort } from '../config/companion-config.js';
import type { Companion } from '../companion/start-companion.js';
import { createJsonLineLogger } from '../core/logger.js';
import type { CliOutput } from './cli-output.js';
import { defaultStoreDir } from './default-store-dir.js';
import { importCrmFile } from './import-crm-file.js';
import { parseCommandArgs, stringOption } from './parse-command-args.js';
import { runHeadless } from './run-headless.js';
import { usageError } from './cli-error.js';

const samplesDir = fileURLToPath(new URL('../../samples/', import.meta.url));

/**
 * `npm start` (C5): the desktop app where Electron can start; where it cannot (no Electron binary, no display) one
 * line says why and the companion runs headless on its embedded defaults in the per-user store (`--store DIR`
 * overrides), with the window at https://localhost:47806 (`--port N`). A fresh store gets the clearly marked
 * sample account, its sample mails logged once: a restart adds no rows.
 */
export async function runStartCommand(args: ReadonlyArray<string>, out: CliOutput): Promise<number> {
  const parsed = parseCommandArgs('start', args, { store: { type: 'string' }, port: { type: 'string' } });
  const portText = stringOption(parsed, 'port');
  const port = portText === undefined ? defaultUiPort : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw usageError(`start: --port is a port number, not ${JSON.stringify(portText)}`);
  }
  out.print(`crm-mail-logger: ${whyHeadless()}: running headless`);
  const store = path.resolve(stringOption(parsed, 'store') ?? defaultStoreDir());
  const logger = createJsonLineLogger((line) => process.stderr.write(line));
  return runHeadless(
    { store, backend: { kind: 'local' }, ui: { port } },
    { logger, out, editable: true, beforeServe: seedSamples },
  );
}

/** Why the desktop app cannot start here, in words (the Electron shell is started by electron/app where it can). */
function whyHeadless(): string {
  let binary: string;
  try {
    binary = createRequire(import.meta.url)('electron') as string;
  } catch {
    return 'Electron is not installed here (its binary could not be downloaded)';
  }
  if (process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY']) {
    return 'no display (DISPLAY and WAYLAND_DISPLAY are unset)';
  }
  return `the desktop app is not wired to npm start yet (Electron at ${binary})`;
}

/** A fresh store only: the sample account of samples/CRM.json and its sample mails, marked as samples. */
async function seedSamples(companion: Companion): Promise<void> {
  if (companion.store.listUsers().length > 0 || companion.prefs.read().sample) {
    return;
  }
  await importCrmFile(companion.store, path.join(samplesDir, 'CRM.json'));
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
