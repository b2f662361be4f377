import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './run-cli.js';

/** What the window's bundle is made from: a newer file here means renderer/dist is stale. */
const inputs = ['renderer', 'shared', 'vite.renderer.config.ts', 'package-lock.json'];

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
 * Builds renderer/dist (`npm run build:renderer`) when it is missing or older than its sources, so that tests and
 * the bench drive the window the companion really serves. Returns the folder.
 */
export function ensureRendererBuilt(): string {
  const dist = path.join(repoRoot, 'renderer', 'dist');
  const built = path.join(dist, 'index.html');
  const sources = Math.max(...inputs.map((input) => newestMtime(path.join(repoRoot, input))));
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= sources) {
    return dist;
  }
  const vite = path.join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  const run = spawnSync(
    process.execPath,
    [vite, 'build', '--config', 'vite.renderer.config.ts', '--logLevel', 'warn'],
    // vitest sets NODE_ENV=test, which would give React's development build (and source paths in the bundle).
    { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } },
  );
  if (run.status !== 0) {
    throw new Error(`npm run build:renderer failed:\n${run.stdout}\n${run.stderr}`);
  }
  return dist;
}
