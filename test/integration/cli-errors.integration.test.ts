import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from './support/run-cli.js';

/**
 * The CLI's refusals a newcomer meets first, each one line in words that says what to do, never an errno code or
 * a SQLite message, and nothing written. The read-only case mounts a read-only bind mount: it needs root and
 * CAP_SYS_ADMIN, and fails (never skips) without them.
 */
let root: string;
const mounts: string[] = [];

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'cml-cli-errors-'));
});
afterAll(() => {
  for (const target of mounts.reverse()) {
    execFileSync('umount', ['-l', target], { stdio: 'pipe' });
  }
  fs.rmSync(root, { recursive: true, force: true });
});

function readOnlyFolder(): string {
  const source = path.join(root, 'ro-source');
  const target = path.join(root, 'ro');
  fs.mkdirSync(source, { recursive: true });
  fs.mkdirSync(target, { recursive: true });
  try {
    execFileSync('mount', ['--bind', source, target], { stdio: 'pipe' });
    mounts.push(target);
    execFileSync('mount', ['-o', 'remount,bind,ro', target], { stdio: 'pipe' });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim() ?? String(error);
    throw new Error(`a read-only bind mount failed (this test needs root and CAP_SYS_ADMIN): ${stderr}`);
  }
  return target;
}

/** The one line on stderr, after checking that it is the only one and carries no code of the system. */
function oneLine(run: CliRun): string {
  const lines = run.stderr.split('\n').filter(Boolean);
  expect(lines, run.stderr).toHaveLength(1);
  expect(run.stderr).not.toMatch(
    /\b(EEXIST|ENOENT|ENOTDIR|EROFS|EACCES|EPERM|EISDIR)\b|SQLITE|unable to open|\n\s+at /,
  );
  return lines[0] ?? '';
}

describe('crm-mail-logger refusals in words', () => {
  it('a --store that is a file: says to give a folder', async () => {
    const file = path.join(root, 'not-a-folder');
    fs.writeFileSync(file, 'x');
    for (const args of [['results'], ['users', 'list'], ['log', 'samples/01-bcc-existing-contact.eml']]) {
      const run = await runCli([...args, '--store', file]);
      expect(run.code, args.join(' ')).toBe(1);
      expect(oneLine(run)).toBe(
        `crm-mail-logger: ${file} is a file, not a folder: give --store a folder (it is created if missing)`,
      );
    }
    const below = await runCli(['results', '--store', path.join(file, 'store')]);
    expect(oneLine(below)).toContain(
      `${file} is a file, so the store ${path.join(file, 'store')} cannot be created`,
    );
    expect(fs.readFileSync(file, 'utf8')).toBe('x');
  });

  it('a --store on a read-only file system: says so, whether the folder exists or not', async () => {
    const ro = readOnlyFolder();
    for (const store of [ro, path.join(ro, 'new-store')]) {
      const run = await runCli([
        'log',
        'samples/01-bcc-existing-contact.eml',
        '--store',
        store,
        '--crm',
        'samples/CRM.json',
      ]);
      expect(run.code).toBe(1);
      expect(oneLine(run)).toBe(
        `crm-mail-logger: the store ${store} is on a read-only file system: give --store a folder on a writable disk`,
      );
      expect(run.stdout).toBe('');
    }
    expect(fs.readdirSync(ro)).toEqual([]);
  });

  it('a folder given to log: says to use import, and logs the files beside it', async () => {
    const store = path.join(root, 'folder-to-log');
    const run = await runCli([
      'log',
      'samples',
      'samples/01-bcc-existing-contact.eml',
      '--store',
      store,
      '--crm',
      'samples/CRM.json',
    ]);
    expect(run.code).toBe(1);
    expect(oneLine(run)).toBe(
      "crm-mail-logger: cannot read samples: a folder, not a mail file: to log a folder of .eml files, a Maildir or an mbox file use 'crm-mail-logger import samples'",
    );
    expect(run.stdout).toMatch(/^samples\/01-bcc-existing-contact\.eml: logged /);
  });

  it('a mail path that runs through a file, or names nothing: says so in words', async () => {
    const store = path.join(root, 'bad-paths');
    const run = await runCli(['log', 'README.md/x.eml', '--store', store, '--crm', 'samples/CRM.json']);
    expect(run.code).toBe(1);
    expect(oneLine(run)).toBe(
      'crm-mail-logger: cannot read README.md/x.eml: a part of the path is a file, not a folder',
    );
    const missing = await runCli(['import', 'no-such-folder', '--store', store]);
    expect(missing.code).toBe(1);
    expect(oneLine(missing)).toBe('crm-mail-logger: cannot read no-such-folder: no such file');
  });

  it('a store with no users: says how to add them, and logs nothing', async () => {
    const store = path.join(root, 'no-users');
    for (const args of [
      ['log', 'samples/01-bcc-existing-contact.eml'],
      ['import', 'samples'],
    ]) {
      const run = await runCli([...args, '--store', store]);
      expect(run.code, args.join(' ')).toBe(1);
      const line = oneLine(run);
      expect(line).toContain(`the store ${store} has no users, so every mail would be rejected`);
      expect(line).toContain('--crm CRM.json');
      expect(line).toContain(`'crm-mail-logger users add EMAIL --store ${store}'`);
    }
    const results = await runCli(['results', '--store', store]);
    expect(results.stdout.trim()).toBe('No log results in this store yet.');
  });

  it('users list: aligned columns, also for a Japanese name, and a line on tokenized and personal addresses', async () => {
    const store = path.join(root, 'users');
    expect((await runCli(['import-crm', 'samples/CRM.json', '--store', store])).code).toBe(0);
    const run = await runCli(['users', 'list', '--store', store]);
    expect(run.code).toBe(0);
    const [header = '', rule = '', ...rest] = run.stdout.split('\n');
    expect(header.split(/ {2,}/)).toEqual([
      'id',
      'email',
      'name',
      'locale',
      'aliases',
      'token',
      'personal addresses',
    ]);
    const rows = rest.slice(0, rest.indexOf(''));
    expect(rows.map((row) => row.split(/ {2,}/)[1])).toEqual([
      'ann@corp.example',
      'hanako.sato@corp.example',
      'tom.baker@corp.example',
    ]);
    // Each column starts where its header does, counted in terminal cells (佐藤 is four cells wide).
    const cells = (text: string): number =>
      Array.from(text).reduce((n, c) => n + (/[\u3000-\u9fff]/.test(c) ? 2 : 1), 0);
    const localeAt = cells(header.slice(0, header.indexOf('locale')));
    for (const row of rows) {
      const locale = /\s(en|ja)\s/.exec(row);
      expect(cells(row.slice(0, (locale?.index ?? 0) + 1)), row).toBe(localeAt);
    }
    expect(rule).toMatch(/^-+( {2}-+)+$/);
    expect(run.stdout).toContain('tokenized addresses log+bcc.<token>@… and log+fwd.<token>@…');
    expect(run.stdout).toContain('personal addresses: addresses of the user alone');
  });
});
