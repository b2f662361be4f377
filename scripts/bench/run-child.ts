import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import path from 'node:path';
import { benchDir, root } from './bench-config.js';

export type ChildRun = { json: Record<string, unknown>; rssMiB: number; wallSeconds: number };

/**
 * Runs `node --import tsx ARGS` (or another command) under `/usr/bin/time -v`: the last stdout line is its JSON
 * report, the peak RSS is time's "Maximum resident set size". `onReady` is called when the child prints `ready`.
 */
export function runChild(
  command: string[],
  options: { onReady?: (send: (line: string) => void) => void; json?: boolean } = {},
): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn('/usr/bin/time', ['-v', ...command], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      const before = stdout;
      stdout += chunk.toString('utf8');
      if (!before.split('\n').includes('ready') && stdout.split('\n').includes('ready')) {
        options.onReady?.((line) => child.stdin.write(`${line}\n`));
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const wallSeconds = Number(process.hrtime.bigint() - start) / 1e9;
      const rssKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? Number.NaN);
      if (code !== 0) {
        reject(new Error(`${command.join(' ')} exited ${String(code)}\n${stderr.slice(-3000)}`));
        return;
      }
      const last = stdout.trim().split('\n').at(-1) ?? '';
      let json: Record<string, unknown> = {};
      if (options.json !== false) {
        try {
          json = JSON.parse(last) as Record<string, unknown>;
        } catch {
          reject(new Error(`${command.join(' ')}: no JSON report on stdout: ${last.slice(0, 300)}`));
          return;
        }
      }
      resolve({ json, rssMiB: rssKb / 1024, wallSeconds });
    });
  });
}

export const node = (...args: string[]): string[] => [process.execPath, '--import', 'tsx', ...args];
export const child = (...args: string[]): string[] => node('scripts/bench/child.ts', ...args);
export const num = (x: unknown): number => (typeof x === 'number' ? x : Number.NaN);

/** A fresh store folder under `.bench/tmp/` (on disk, not tmpfs), removed at the end of the bench. */
export function tempStore(): string {
  mkdirSync(path.join(benchDir, 'tmp'), { recursive: true });
  return mkdtempSync(path.join(benchDir, 'tmp', 'store-'));
}

/** Two children started together (each prints `ready`, both get `go`): all messages ÷ the slower child's time. */
export async function twoAtOnce(
  command: (shard: number) => string[],
): Promise<{ value: number; rss: number }> {
  const senders: Array<(line: string) => void> = [];
  const onReady = (send: (line: string) => void): void => {
    senders.push(send);
    if (senders.length === 2) {
      senders.forEach((s) => s('go'));
    }
  };
  const results = await Promise.all([0, 1].map((shard) => runChild(command(shard), { onReady })));
  const n = results.reduce((sum, r) => sum + num(r.json['n']), 0);
  const slowest = Math.max(...results.map((r) => num(r.json['seconds'])));
  return { value: n / slowest, rss: results.reduce((sum, r) => sum + r.rssMiB, 0) };
}
