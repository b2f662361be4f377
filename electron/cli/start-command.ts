import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readConnectionFile } from '../companion/connection-file.js';
import { savedConnectionConfig } from '../companion/saved-connection-config.js';
import { seedSamples } from '../companion/seed-samples.js';
import { defaultUiPort } from '../config/companion-config.js';
import { createJsonLineLogger } from '../core/logger.js';
import type { CliOutput } from './cli-output.js';
import { defaultStoreDir } from './default-store-dir.js';
import { findElectron, machineProbe } from './find-electron.js';
import { parseCommandArgs, stringOption } from './parse-command-args.js';
import { runHeadless } from './run-headless.js';
import { usageError } from './cli-error.js';

const appEntry = fileURLToPath(new URL('../app/entry.mjs', import.meta.url));
const preload = fileURLToPath(new URL('../../dist/app/preload.cjs', import.meta.url));

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
  const store = path.resolve(stringOption(parsed, 'store') ?? defaultStoreDir());
  const electron = findElectron(machineProbe(preload));
  if (electron.ok) {
    const code = await runDesktopApp(electron.binary, store, port);
    if (typeof code === 'number') {
      return code;
    }
    out.print(`crm-mail-logger: Electron did not start (${code.error}): running headless`);
  } else {
    out.print(`crm-mail-logger: ${electron.why}: running headless`);
  }
  const logger = createJsonLineLogger((line) => process.stderr.write(line));
  // What the window's setup saved (docs/api.md "Setup"); headless, its secrets are in that owner-only file.
  const { config, missing } = savedConnectionConfig({
    store,
    port,
    connection: readConnectionFile(store),
    secret: () => null,
  });
  missing.forEach((what) => logger.warn('the saved connection lacks a secret', { what }));
  return runHeadless(config, { logger, out, editable: true, beforeServe: seedSamples });
}

/**
 * The desktop app (electron/app/) in Electron, until it exits: its exit code, or why it could not be started at
 * all (then `start` runs headless instead).
 */
function runDesktopApp(binary: string, store: string, port: number): Promise<number | { error: string }> {
  return new Promise((resolve) => {
    const child = spawn(binary, [appEntry, '--store', store, '--port', String(port)], { stdio: 'inherit' });
    child.once('error', (error) => resolve({ error: error.message }));
    child.once('exit', (code, signal) => resolve(code ?? (signal === null ? 1 : 128)));
  });
}
