import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureLocalTls } from '../../../../electron/server/local-ca.js';
import { runTrustCaCommand, type TrustCaMachine } from '../../../../electron/cli/trust-ca-command.js';
import { CliError } from '../../../../electron/cli/cli-error.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cml-trust-ca-'));
const store = path.join(work, 'store');
ensureLocalTls(store);
const ca = path.join(store, 'tls', 'ca.crt');
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function machine(platform: NodeJS.Platform, isRoot = false) {
  const ran: Array<[string, ReadonlyArray<string>]> = [];
  const fake: TrustCaMachine = {
    platform,
    isRoot,
    home: '/home/ann',
    updateCaCertificatesArgs: [],
    run: (command, args) => {
      ran.push([command, args]);
      return 0;
    },
  };
  return { fake, ran };
}

async function run(args: ReadonlyArray<string>, m: TrustCaMachine) {
  const lines: string[] = [];
  const code = await runTrustCaCommand(args, { print: (l) => lines.push(l), error: (l) => lines.push(l) }, m);
  return { code, lines };
}

describe('trust-ca --dry-run prints exactly what it would run, per operating system', () => {
  it('macOS: the login keychain, as a trusted root', async () => {
    const { fake, ran } = machine('darwin');
    expect(await run(['--store', store, '--dry-run'], fake)).toEqual({
      code: 0,
      lines: [
        `would run: security add-trusted-cert -r trustRoot -k /home/ann/Library/Keychains/login.keychain-db ${ca}`,
        'Dry run: nothing was changed.',
      ],
    });
    expect(ran).toEqual([]);
  });

  it("Windows: the user's Root store", async () => {
    const { fake, ran } = machine('win32');
    expect(await run(['--store', store, '--dry-run'], fake)).toEqual({
      code: 0,
      lines: [`would run: certutil -user -addstore Root ${ca}`, 'Dry run: nothing was changed.'],
    });
    expect(ran).toEqual([]);
  });

  it('Linux as root: the local CA folder and update-ca-certificates, and the NSS line for browsers', async () => {
    const { fake, ran } = machine('linux', true);
    const caDir = path.join(work, 'never-written');
    const { code, lines } = await run(['--store', store, '--dry-run', '--ca-certificates-dir', caDir], fake);
    expect(code).toBe(0);
    expect(lines.slice(0, 3)).toEqual([
      `would run: cp ${ca} ${caDir}/crm-mail-logger-local-ca.crt`,
      'would run: update-ca-certificates',
      'Dry run: nothing was changed.',
    ]);
    expect(lines[3]).toBe('Also:');
    expect(lines[4]).toMatch(
      /^ {2}certutil -d sql:\$HOME\/\.pki\/nssdb -A -t C,, -n 'crm-mail-logger local CA' -i \S+ca\.crt /,
    );
    expect(ran).toEqual([]);
    expect(fs.existsSync(caDir)).toBe(false);
  });

  it('a store without a CA yet: says it would be created, and creates nothing', async () => {
    const fresh = path.join(work, 'fresh');
    const { lines } = await run(['--store', fresh, '--dry-run'], machine('win32').fake);
    expect(lines[0]).toBe(
      `The CA certificate ${fresh}/tls/ca.crt does not exist yet: it would be created first.`,
    );
    expect(fs.existsSync(fresh)).toBe(false);
  });
});

describe('trust-ca without --dry-run', () => {
  it('Linux without root: changes nothing and prints the manual steps, NSS included', async () => {
    const { fake, ran } = machine('linux', false);
    const { code, lines } = await run(['--store', store], fake);
    expect(code).toBe(0);
    expect(lines[0]).toBe(
      'Installing the CA into the system trust store needs root: nothing was changed. Run:',
    );
    expect(lines[1]).toBe(`  sudo cp ${ca} /usr/local/share/ca-certificates/crm-mail-logger-local-ca.crt`);
    expect(lines[2]).toBe('  sudo update-ca-certificates');
    expect(lines[3]).toContain(
      `certutil -d sql:$HOME/.pki/nssdb -A -t C,, -n 'crm-mail-logger local CA' -i ${ca}`,
    );
    expect(ran).toEqual([]);
  });

  it('macOS and Windows: runs the one tool and says what it did', async () => {
    const mac = machine('darwin');
    expect((await run(['--store', store], mac.fake)).lines.at(-1)).toBe(
      `Installed crm-mail-logger local CA (${ca}) into the login keychain.`,
    );
    expect(mac.ran).toEqual([
      [
        'security',
        ['add-trusted-cert', '-r', 'trustRoot', '-k', '/home/ann/Library/Keychains/login.keychain-db', ca],
      ],
    ]);
    const win = machine('win32');
    await run(['--store', store], win.fake);
    expect(win.ran).toEqual([['certutil', ['-user', '-addstore', 'Root', ca]]]);
  });

  it('a tool that fails or is missing is one clear error', async () => {
    const failing: TrustCaMachine = { ...machine('win32').fake, run: () => 5 };
    await expect(run(['--store', store], failing)).rejects.toThrow(
      new CliError('trust-ca: certutil failed (exit 5); nothing else was run'),
    );
    const missing: TrustCaMachine = {
      ...machine('darwin').fake,
      run: () => new Error('spawn security ENOENT'),
    };
    await expect(run(['--store', store], missing)).rejects.toThrow(
      /security cannot be started \(spawn security ENOENT\)/,
    );
  });

  it('an operating system without a known trust store is refused, and a stray argument is a usage error', async () => {
    await expect(run(['--store', store, '--dry-run'], machine('aix').fake)).rejects.toThrow(
      /no trust store is known for aix/,
    );
    await expect(run(['extra'], machine('linux').fake)).rejects.toMatchObject({ exitCode: 2 });
  });
});
