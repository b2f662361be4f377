import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from './support/run-cli.js';

/** Every command a newcomer can type, and whether it works on a store (and so takes `--store DIR`). */
const commands: ReadonlyArray<readonly [name: string, takesStore: boolean]> = [
  ['log', true],
  ['results', true],
  ['import-crm', true],
  ['import', true],
  ['serve', false],
  ['users', true],
  ['aliases', true],
  ['tokens', true],
  ['never-log', true],
  ['retry', true],
  ['reprocess', true],
  ['forget', true],
  ['start', true],
  ['help', false],
];

describe('crm-mail-logger --help and --version', () => {
  it('--version prints the version of package.json', async () => {
    const version = (
      JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }
    ).version;
    const run = await runCli(['--version']);
    expect(run).toEqual({ code: 0, stdout: `crm-mail-logger ${version}\n`, stderr: '' });
  });

  it('--help lists every command and the exit codes', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const [name] of commands) {
      expect(run.stdout, name).toContain(`crm-mail-logger ${name}`);
    }
    expect(run.stdout).toMatch(/Exit codes:\n {2}0 +done\n {2}1 +.+\n {2}2 +the command line is wrong/);
  });

  it.each(commands)(
    '%s --help says how it goes, each option and the exit codes, and runs nothing',
    async (name, takesStore) => {
      const run = await runCli([name, '--help']);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout.startsWith(`Usage: crm-mail-logger ${name}`)).toBe(true);
      expect(run.stdout).toContain('\nExit codes:\n  0   done\n');
      expect(run.stdout).toContain('  2   the command line is wrong');
      if (takesStore) {
        expect(run.stdout).toContain('[--store DIR]');
        expect(run.stdout).toMatch(/\n {2}--store DIR +the store folder/);
      } else {
        expect(run.stdout).not.toContain('--store');
      }
      // `help NAME` is the same text, and -h after other arguments still asks for help instead of running.
      expect((await runCli(['help', name])).stdout).toBe(run.stdout);
      expect((await runCli([name, 'x', '-h'])).stdout).toBe(run.stdout);
    },
  );

  it("a wrong command line points to that command's --help, and exits 2", async () => {
    const run = await runCli(['log']);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: "crm-mail-logger: log: name at least one .eml file (see 'crm-mail-logger log --help')\n",
    });
  });

  it('help of an unknown command is a usage error that names it', async () => {
    const run = await runCli(['help', 'frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(
      `crm-mail-logger: help: no command "frobnicate" (see 'crm-mail-logger help')`,
    );
  });
});
