/**
 * trust-ca for real on Linux, as root, with Debian's own update-ca-certificates: every folder it reads and writes
 * points into a temporary one, so the machine's trust store is never touched.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { machineTrustCa, runTrustCaCommand } from '../../electron/cli/trust-ca-command.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cml-trust-ca-real-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('trust-ca on Linux as root', () => {
  it('copies the CA into the local CA folder and update-ca-certificates puts it in the bundle', async () => {
    const tool = spawnSync('sh', ['-c', 'command -v update-ca-certificates'], { encoding: 'utf8' });
    if (tool.status !== 0) {
      throw new Error('update-ca-certificates is missing: apt-get install ca-certificates');
    }
    expect(machineTrustCa.platform).toBe('linux');
    expect(machineTrustCa.isRoot).toBe(true); // the integration tests run as root (README)
    const dirs = Object.fromEntries(
      ['local', 'share', 'etc', 'hooks'].map((name) => [name, path.join(work, name)] as const),
    );
    Object.values(dirs).forEach((dir) => fs.mkdirSync(dir, { recursive: true }));
    const conf = path.join(work, 'ca-certificates.conf');
    fs.writeFileSync(conf, '# no distribution certificates in this test\n');
    const machine = {
      ...machineTrustCa,
      updateCaCertificatesArgs: [
        '--localcertsdir',
        dirs['local']!,
        '--certsconf',
        conf,
        '--certsdir',
        dirs['share']!,
        '--etccertsdir',
        dirs['etc']!,
        '--hooksdir',
        dirs['hooks']!,
      ],
    };
    const store = path.join(work, 'store');
    const lines: string[] = [];
    const out = { print: (l: string) => lines.push(l), error: (l: string) => lines.push(l) };
    expect(
      await runTrustCaCommand(['--store', store, '--ca-certificates-dir', dirs['local']!], out, machine),
    ).toBe(0);
    const ca = fs.readFileSync(path.join(store, 'tls', 'ca.crt'), 'utf8');
    const copied = path.join(dirs['local']!, 'crm-mail-logger-local-ca.crt');
    expect(fs.readFileSync(copied, 'utf8')).toBe(ca);
    expect(fs.statSync(copied).mode & 0o777).toBe(0o644);
    const bundle = fs.readFileSync(path.join(dirs['etc']!, 'ca-certificates.crt'), 'utf8');
    expect(bundle.replace(/\s+/g, '')).toContain(ca.replace(/\s+/g, ''));
    expect(lines[0]).toBe(`Created the companion's CA certificate: ${path.join(store, 'tls', 'ca.crt')}`);
    expect(lines).toContain(
      `Installed crm-mail-logger local CA (${path.join(store, 'tls', 'ca.crt')}) into the system trust store.`,
    );
  });
});
