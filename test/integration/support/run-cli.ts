import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the CLI runs from there, so `samples/x.eml` and `electron/cli.ts` resolve. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export type CliRun = { readonly code: number; readonly stdout: string; readonly stderr: string };

/**
 * Runs the real CLI (`electron/cli.ts` through tsx) as a child process, the way `npm run cli` does, and resolves
 * with its exit code and output; it never rejects, so a test can assert on a failing run. A run killed by the
 * timeout reports code -1.
 */
export function runCli(args: ReadonlyArray<string>, timeoutMs = 55_000): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'electron/cli.ts', ...args],
      {
        cwd: repoRoot,
        timeout: timeoutMs,
        maxBuffer: 64 * 1024 * 1024,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** The JSON objects a `--json` run printed, one per non-empty stdout line. */
export function jsonLines(run: CliRun): ReadonlyArray<Record<string, unknown>> {
  return run.stdout
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
