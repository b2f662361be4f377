import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './run-cli.js';

/** What the add-in's pages are made from: a newer file here means addin/dist is stale. */
const inputs = ['addin', 'shared', 'scripts/build-addin.ts', 'package-lock.json'];

function newestMtime(entry: string): number {
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) {
    return stat.mtimeMs;
  }
  return fs
    .readdirSync(entry)
    .filter((name) => name !== 'dist' && name !== 'node_modules')
    .reduce((newest, name) => Math.max(newest, newestMtime(path.join(entry, name))), stat.mtimeMs);
}

/**
 * Builds addin/dist (`npm run build:addin`) when it is missing or older than its sources, so that the tests drive
 * the pages the companion really serves. Returns the folder.
 */
export function ensureAddinBuilt(): string {
  const dist = path.join(repoRoot, 'addin', 'dist');
  const built = path.join(dist, 'events.js');
  const sources = Math.max(...inputs.map((input) => newestMtime(path.join(repoRoot, input))));
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= sources) {
    return dist;
  }
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-addin.ts'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (run.status !== 0) {
    throw new Error(`npm run build:addin failed:\n${run.stdout}\n${run.stderr}`);
  }
  return dist;
}
