import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './run-cli.js';

/** A running headless companion (`serve --config`) as the window's tests see it. */
export type TrayCompanion = {
  /** `https://localhost:PORT`. */
  readonly url: string;
  /** The URL it printed, with the one-time sign-in code in its fragment. */
  readonly signInUrl: string;
  /** The owner token of `<store>/companion.json`, for calls the test makes itself. */
  readonly token: string;
  /** The companion's own process (the bench reads its CPU and memory). */
  readonly pid: number;
  output(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
};

const signInPattern = /https:\/\/localhost:\d+\/#signin=[\w-]+/;

/** Starts `crm-mail-logger serve --config CONFIG` and waits until it has printed the window's URL. */
export async function startTrayCompanion(
  configFile: string,
  storeDir: string,
  env: Record<string, string> = {},
): Promise<TrayCompanion> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'electron/cli.ts', 'serve', '--config', configFile],
    { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let exited = false;
  void exit.then(() => (exited = true));
  const deadline = Date.now() + 60_000;
  let signInUrl: string | null = null;
  while (signInUrl === null) {
    signInUrl = signInPattern.exec(output)?.[0] ?? null;
    if (signInUrl !== null) {
      break;
    }
    if (exited || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`serve printed no sign-in URL (${exited ? 'it exited' : 'timed out'}):\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const connection = JSON.parse(fs.readFileSync(path.join(storeDir, 'companion.json'), 'utf8')) as {
    url: string;
    token: string;
  };
  return {
    url: connection.url,
    signInUrl,
    token: connection.token,
    pid: child.pid ?? 0,
    output: () => output,
    async stop() {
      if (!exited) {
        child.kill('SIGTERM');
      }
      return exit;
    },
  };
}
