import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './support/run-cli.js';

describe('crm-mail-logger manifest', () => {
  const shipped = fs.readFileSync(path.join(repoRoot, 'addin', 'manifest.xml'), 'utf8');

  it('A6: prints the manifest as shipped, pointing at the companion', async () => {
    const run = await runCli(['manifest']);
    expect(run.code).toBe(0);
    expect(`${run.stdout.trimEnd()}\n`).toBe(shipped);
  });

  it("A6: writes a manifest for IT's own server with --host and --out, every URL moved", async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cml-manifest-')), 'manifest.xml');
    const run = await runCli(['manifest', '--host', 'https://crm-addin.corp.example', '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`written to ${out}`);
    const written = fs.readFileSync(out, 'utf8');
    expect(written).not.toContain('https://localhost:47806');
    expect(written.split('https://crm-addin.corp.example/addin/').length).toBe(
      shipped.split('https://localhost:47806/addin/').length,
    );
  });

  it('refuses an http host in one line, exit 2', async () => {
    const run = await runCli(['manifest', '--host', 'http://crm-addin.corp.example']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/https/);
  });
});
