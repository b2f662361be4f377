/**
 * README.md as a newcomer follows it: the commands of "A five-minute tour", taken from the README itself and run
 * top to bottom through `sh` against a fresh store, each exiting 0 with the statuses the text promises; and the
 * example CONFIG.json of "Running the companion headless", served with the two secrets the text names, against
 * real Dovecot, a real SMTP server and the HubSpot emulator on loopback (only their addresses are swapped in).
 */
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLocalStore } from '../../electron/crm/local/open-local-store.js';
import type { LogResult } from '#shared/model/log-result.js';
import {
  startHubSpotEmulator,
  type HubSpotEmulator,
} from '../support/hubspot-emulator/start-hubspot-emulator.js';
import { deliverLmtp, startDovecot, type Dovecot } from './support/dovecot.js';
import { envelopeOf, expectedStatus, readSample, sampleNames } from './support/dovecot-intake-fixture.js';
import { repoRoot, type CliRun } from './support/run-cli.js';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.js';

const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');

/** The text of one `## ` section of README.md, without its heading. */
function section(title: string): string {
  const start = readme.indexOf(`\n## ${title}\n`);
  if (start === -1) {
    throw new Error(`README.md has no section "${title}"`);
  }
  const body = readme.slice(start + title.length + 5);
  const end = body.indexOf('\n## ');
  return end === -1 ? body : body.slice(0, end);
}

/** The fenced blocks of one language in a section. */
function blocks(text: string, language: string): string[] {
  return [...text.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1] ?? '');
}

/** A shell line as the README shows it, run from the repository root, the way a newcomer pastes it. */
function shell(line: string): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      'sh',
      ['-c', line],
      { cwd: repoRoot, encoding: 'utf8', timeout: 110_000 },
      (error, stdout, stderr) => {
        resolve({
          code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1,
          stdout,
          stderr,
        });
      },
    );
  });
}

const samples = sampleNames();
const expected = new Map(samples.map((name) => [name, expectedStatus(name)]));
const count = (...statuses: string[]): number =>
  [...expected.values()].filter((s) => statuses.includes(s)).length;

/**
 * What each tour command must show, in the order the tour must run them: the token is rotated last, because the
 * samples carry the old one and `import` and `reprocess` read them again.
 */
const tourChecks: ReadonlyArray<readonly [command: RegExp, check: (run: CliRun) => void]> = [
  [
    /^log samples\/\*\.eml .*--crm samples\/CRM\.json/,
    (run) => {
      const statuses = run.stdout
        .trim()
        .split('\n')
        .map((line) => /^samples\/(\S+): (\w+) /.exec(line)?.slice(1, 3) ?? [line]);
      expect(statuses).toEqual(samples.map((name) => [name, expected.get(name)]));
    },
  ],
  [
    /^log samples\/01-bcc-existing-contact\.eml .*--json/,
    (run) => expect(JSON.parse(run.stdout)).toMatchObject({ status: 'duplicate' }),
  ],
  [
    /^results --store \S+$/,
    (run) => expect(run.stdout.trim().split('\n')).toHaveLength(2 + samples.length + 1),
  ],
  [
    /^results .*--json .*--limit 5/,
    (run) =>
      expect(
        run.stdout
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as LogResult),
      ).toHaveLength(5),
  ],
  [/^users list/, (run) => expect(run.stdout).toMatch(/^1 +ann@corp\.example +Ann Smith/m)],
  [
    /^never-log add competitor\.example/,
    (run) => expect(run.stdout).toContain('added competitor.example (for the whole account)'),
  ],
  [
    /^never-log add bob@acme\.example --user ann@corp\.example/,
    (run) => expect(run.stdout).toContain('(for ann@corp.example only)'),
  ],
  [/^never-log list/, (run) => expect(run.stdout).toMatch(/^bob@acme\.example +ann@corp\.example only$/m)],
  [
    /^import samples /,
    (run) =>
      expect(run.stdout.trim()).toBe(
        `Imported ${samples.length} message(s): 0 logged, ${count('skipped')} skipped, ${count('logged', 'duplicate')} duplicate, ${count('rejected')} rejected.`,
      ),
  ],
  [
    /^aliases add ann@corp\.example ann\.smith\.home@gmail\.com/,
    (run) => expect(run.stdout).toContain('ann.smith.home@gmail.com'),
  ],
  [
    /^reprocess --status rejected/,
    (run) => expect(run.stdout).toMatch(/→ 16-bcc-private-address\.eml: logged +bcc +ann@corp\.example/),
  ],
  [/^forget 12 /, (run) => expect(run.stdout).toMatch(/^Forgot result 12 /)],
  [/^retry /, (run) => expect(run.stdout.trim()).toBe('No failed sync to retry.')],
  [
    /^tokens rotate ann@corp\.example/,
    (run) => expect(run.stdout).toMatch(/^BCC address: log\+bcc\.[a-z0-9]+@corp\.example$/m),
  ],
];

describe('README.md', () => {
  let work: string;
  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'cml-readme-'));
  });
  afterAll(() => {
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('"The two commands": .ci/run runs the test command exactly as the README shows it', () => {
    const [install, test] = blocks(section('The two commands'), 'sh').map((block) => block.trim());
    expect(install).toBe('ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci && npm start');
    const ci = fs.readFileSync(path.join(repoRoot, '.ci', 'run'), 'utf8').split('\n');
    expect(test).toBe('bash scripts/run-test-suite.sh');
    expect(ci).toContain(test);
    // The script ends in the suite itself, so what a newcomer runs is what CI runs.
    const script = fs.readFileSync(path.join(repoRoot, 'scripts', 'run-test-suite.sh'), 'utf8').trim();
    expect(script.split('\n').at(-1)).toBe('npm run check');
  });

  it('"A five-minute tour" runs top to bottom against a fresh store, every command exiting 0 as the text says', async () => {
    const prefix = 'npm run --silent cli -- ';
    const lines = blocks(section('A five-minute tour'), 'sh')
      .flatMap((block) => block.split('\n'))
      .map((line) => line.replace(/\s+#.*$/, '').trim())
      .filter((line) => line !== '');
    // The one line that is not the CLI: CRM.json lists tokens, so the tour makes it the owner's alone first.
    const privateCrm = 'chmod 600 samples/CRM.json';
    expect(lines[0]).toBe(privateCrm);
    await shell(privateCrm);
    lines.shift();
    expect(
      lines.every((line) => line.startsWith(prefix)),
      lines.join('\n'),
    ).toBe(true);
    const commands = lines.map((line) => line.slice(prefix.length));
    expect(
      commands.every((command) => command.includes('--store /tmp/tour')),
      'every command names the tour store',
    ).toBe(true);
    // Each command has its check, in order: a command added to the tour needs one here too.
    expect(commands.map((command) => tourChecks.findIndex(([pattern]) => pattern.test(command)))).toEqual(
      tourChecks.map((_, index) => index),
    );

    const store = path.join(work, 'tour');
    for (const [index, command] of commands.entries()) {
      const run = await shell(prefix + command.replaceAll('/tmp/tour', store));
      expect({
        command,
        code: run.code,
        errors: run.stderr.split('\n').filter((l) => l.startsWith('crm-mail-logger:')),
      }).toEqual({
        command,
        code: 0,
        errors: [],
      });
      tourChecks[index]?.[1](run);
    }
  });

  describe('the example CONFIG.json of "Running the companion headless"', () => {
    let dovecot: Dovecot;
    let hubspot: HubSpotEmulator;
    let smtp: SmtpSink;
    beforeAll(async () => {
      dovecot = await startDovecot();
      hubspot = await startHubSpotEmulator();
      smtp = await startSmtpSink();
    });
    afterAll(async () => {
      await smtp.stop();
      await hubspot.stop();
      await dovecot.stop();
    });

    it('serves as shown with the two secrets the text names, relative paths beside the file, and stops on SIGTERM', async () => {
      const [json] = blocks(section('Running the companion headless (IT)'), 'json');
      const shown = JSON.parse(json ?? '') as Record<string, Record<string, unknown>>;
      // Only where the servers are changes: loopback instead of corp.example, plain IMAP instead of TLS,
      // and a free port for the window, so a companion already running on this machine does not collide.
      const config = {
        ...shown,
        ui: { port: 0 },
        mailbox: {
          ...shown['mailbox'],
          host: dovecot.host,
          port: dovecot.imapPort,
          secure: false,
          tls: 'none',
        },
        smtp: { ...shown['smtp'], host: '127.0.0.1', port: smtp.port, tls: 'none' },
        backend: { ...shown['backend'], baseUrl: hubspot.url },
      };
      const dir = path.join(work, 'it');
      fs.mkdirSync(dir);
      fs.copyFileSync(path.join(repoRoot, 'samples', 'CRM.json'), path.join(dir, 'crm.json'));
      // As the README says: it lists tokens, so it is the owner's alone.
      fs.chmodSync(path.join(dir, 'crm.json'), 0o600);
      const file = path.join(dir, 'CONFIG.json');
      fs.writeFileSync(file, JSON.stringify(config, null, 2), { mode: 0o600 });

      const secrets = {
        CRM_MAIL_LOGGER_MAILBOX_PASSWORD: dovecot.password,
        CRM_MAIL_LOGGER_HUBSPOT_TOKEN: hubspot.token,
      };
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'electron/cli.ts', 'serve', '--config', file],
        {
          cwd: repoRoot,
          env: { ...process.env, ...secrets },
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

      const raw = readSample('01-bcc-existing-contact.eml');
      await deliverLmtp(dovecot.lmtpPort, { ...envelopeOf(raw), raw });
      const storeDir = path.join(dir, 'store');
      const synced = await until(
        () => {
          if (!fs.existsSync(path.join(storeDir, 'crm.sqlite'))) {
            return null;
          }
          const store = openLocalStore(storeDir);
          try {
            const [result] = store.listResults();
            return result?.sync === 'synced' ? result : null;
          } finally {
            store.close();
          }
        },
        () => stderr,
      );
      expect(synced).toMatchObject({ status: 'logged', owner: 'ann@corp.example' });
      expect(hubspot.state.objects.emails.size).toBe(1);
      child.kill('SIGTERM');
      expect(await exit).toBe(0);

      // Each secret is needed: without it, serve refuses in one line that names the variable.
      for (const name of Object.keys(secrets)) {
        const env = { ...process.env, ...secrets, [name]: '' };
        const run = await new Promise<CliRun>((resolve) =>
          execFile(
            process.execPath,
            ['--import', 'tsx', 'electron/cli.ts', 'serve', '--config', file],
            { cwd: repoRoot, env, encoding: 'utf8' },
            (error, stdout, err) =>
              resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr: err }),
          ),
        );
        expect(run.code, name).toBe(1);
        expect(run.stderr.trim().split('\n'), name).toHaveLength(1);
        expect(run.stderr, name).toContain(name);
      }
    });
  });
});

/** Polls `read` until it returns a value; a companion that exits first ends the wait with its stderr. */
async function until<T>(read: () => T | null, stderr: () => string, limit = 400): Promise<T> {
  for (let attempt = 0; attempt < limit; attempt += 1) {
    const value = read();
    if (value !== null) {
      return value;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the companion did not log and sync the delivered sample; its stderr:\n${stderr()}`);
}
