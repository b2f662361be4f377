/**
 * `npm start` where Electron cannot start (no binary here): one line says why, the companion runs headless with
 * the window URL printed, the sample account's mails are logged once, and a second start adds no rows.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from './support/run-cli.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cml-start-'));
const store = path.join(work, 'store');

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

async function startOnce(): Promise<{ stdout: string; count: number; sample: boolean }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'electron/cli.ts', 'start', '--store', store, '--port', '0'],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  let stdout = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  const exit = new Promise((r) => child.on('exit', r));
  const file = path.join(store, 'companion.json');
  const deadline = Date.now() + 60_000;
  while (!stdout.includes('#signin=')) {
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`start did not print the window URL: ${stdout}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const info = JSON.parse(fs.readFileSync(file, 'utf8')) as { url: string; token: string; ca: string };
  const get = (pathname: string) =>
    new Promise<{ ok: boolean; value: { items?: unknown[]; sample?: boolean } }>((resolve, reject) => {
      https
        .get(
          new URL(pathname, info.url),
          { ca: fs.readFileSync(info.ca), headers: { authorization: `Bearer ${info.token}` } },
          (res) => {
            let body = '';
            res.on('data', (c: Buffer) => (body += c.toString()));
            res.on('end', () => resolve(JSON.parse(body)));
          },
        )
        .on('error', reject);
    });
  const results = await get('/api/v1/results?limit=1000');
  const status = await get('/api/v1/status');
  child.kill('SIGTERM');
  expect(await exit).toBe(0);
  return { stdout, count: results.value.items?.length ?? -1, sample: status.value.sample ?? false };
}

describe('npm start without Electron', () => {
  it('says why in one line, serves the sample account, and a second start adds no rows', async () => {
    const samples = fs.readdirSync(path.join(repoRoot, 'samples')).filter((f) => f.endsWith('.eml')).length;
    const first = await startOnce();
    expect(first.stdout.split('\n')[0]).toMatch(
      /^crm-mail-logger: Electron is not installed here .*: running headless$/,
    );
    expect(first.stdout).toMatch(/the window is at https:\/\/localhost:\d+\/#signin=/);
    expect(first.count).toBe(samples);
    expect(first.sample).toBe(true);
    const second = await startOnce();
    expect(second.count).toBe(samples);
  }, 120_000);
});
