import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jsonLines, runCli, type CliRun } from './support/run-cli.js';

/**
 * C6 administration through the real CLI, and its effect on logging: an alias makes a sender a user (B1),
 * a rotated token stops the old one (B2), a never-log entry skips a recipient (B4), a personal address routes
 * and attributes (C1). Each test uses its own fresh store.
 */
let store: string;
let work: string;

beforeEach(() => {
  store = fs.mkdtempSync(path.join(os.tmpdir(), 'cml-admin-'));
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cml-mail-'));
});
afterEach(() => {
  fs.rmSync(store, { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
});

const crm = {
  settings: { bccAddress: 'log+bcc@corp.example', forwardingAddress: 'log+fwd@corp.example' },
  users: [{ id: 1, email: 'ann@corp.example', token: 'k3x9', locale: 'en' }],
  contacts: [{ email: 'bob@acme.example', name: 'Bob' }],
};

function writeMail(name: string, headers: Readonly<Record<string, string>>): string {
  const file = path.join(work, name);
  const lines = Object.entries({
    'Message-ID': `<${name}@corp.example>`,
    Date: 'Mon, 02 Mar 2026 10:15:00 +0000',
    Subject: `About ${name}`,
    'MIME-Version': '1.0',
    'Content-Type': 'text/plain; charset=utf-8',
    ...headers,
  }).map(([k, v]) => `${k}: ${v}`);
  fs.writeFileSync(file, `${lines.join('\r\n')}\r\n\r\nHello Bob.\r\n`);
  return file;
}

async function cli(...args: string[]): Promise<CliRun> {
  return runCli([...args, '--store', store]);
}

async function logOne(file: string): Promise<Record<string, unknown>> {
  const run = await cli('log', file, '--json');
  expect(run.stderr).toBe('');
  const [result] = jsonLines(run);
  return result ?? {};
}

describe('crm-mail-logger administration (C6)', () => {
  it('B1: an alias added from the CLI makes its sender a user, and removing it undoes that', async () => {
    fs.writeFileSync(path.join(work, 'crm.json'), JSON.stringify(crm));
    expect((await cli('import-crm', path.join(work, 'crm.json'))).code).toBe(0);
    const mail = (n: string): string =>
      writeMail(n, { From: 'Ann <a.smith@corp.example>', To: 'Bob <bob@acme.example>' });

    expect(await logOne(mail('before.eml'))).toMatchObject({
      status: 'rejected',
      reasons: ['sender-not-user'],
    });
    const added = await cli('aliases', 'add', 'ann@corp.example', 'A.Smith@Corp.example');
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('a.smith@corp.example');
    expect(await logOne(mail('with-alias.eml'))).toMatchObject({
      status: 'logged',
      owner: 'ann@corp.example',
    });
    expect((await cli('aliases', 'remove', 'ann@corp.example', 'a.smith@corp.example')).code).toBe(0);
    expect(await logOne(mail('after.eml'))).toMatchObject({
      status: 'rejected',
      reasons: ['sender-not-user'],
    });
  });

  it('B2: a rotated token logs, and the old token is a mismatch from then on', async () => {
    fs.writeFileSync(path.join(work, 'crm.json'), JSON.stringify(crm));
    await cli('import-crm', path.join(work, 'crm.json'));
    const rotated = await cli('tokens', 'rotate', 'ann@corp.example');
    expect(rotated.code).toBe(0);
    const token = /^token: ([a-z0-9]+)$/m.exec(rotated.stdout)?.[1] ?? '';
    expect(token).toMatch(/^[a-z0-9]{10,}$/);
    expect(rotated.stdout).toContain(`BCC address: log+bcc.${token}@corp.example`);
    expect(rotated.stdout).toContain(`forwarding address: log+fwd.${token}@corp.example`);

    const via = (n: string, t: string): string =>
      writeMail(n, {
        From: 'Ann <ann@corp.example>',
        To: 'Bob <bob@acme.example>',
        'Delivered-To': `log+bcc.${t}@corp.example`,
      });
    expect(await logOne(via('new-token.eml', token))).toMatchObject({ status: 'logged' });
    expect(await logOne(via('old-token.eml', 'k3x9'))).toMatchObject({
      status: 'rejected',
      reasons: ['token-mismatch'],
      owner: null,
    });
  });

  it('B4: never-log entries added from the CLI skip matching recipients, account-wide and per user', async () => {
    fs.writeFileSync(path.join(work, 'crm.json'), JSON.stringify(crm));
    await cli('import-crm', path.join(work, 'crm.json'));
    expect((await cli('never-log', 'add', '*.rival.example', 'competitor.example')).code).toBe(0);
    const personal = await cli('never-log', 'add', 'bob@acme.example', '--user', 'ann@corp.example');
    expect(personal.stdout.trim()).toBe('added bob@acme.example (for ann@corp.example only)');
    const rows = (run: CliRun): string[][] =>
      run.stdout
        .split('\n')
        .slice(2)
        .filter(Boolean)
        .map((line) => line.split(/ {2,}/));
    expect(rows(await cli('never-log', 'list'))).toEqual([
      ['*.rival.example', 'the whole account'],
      ['competitor.example', 'the whole account'],
      ['bob@acme.example', 'ann@corp.example only'],
    ]);
    expect(rows(await cli('never-log', 'list', '--user', 'ann@corp.example'))).toEqual([
      ['bob@acme.example', 'ann@corp.example only'],
    ]);

    const result = await logOne(
      writeMail('mixed.eml', {
        From: 'ann@corp.example',
        To: 'Bob <bob@acme.example>, x@sales.rival.example, y@competitor.example, Zed <zed@new.example>',
      }),
    );
    expect(result).toMatchObject({
      status: 'logged',
      contacts: [{ email: 'zed@new.example', created: true, role: 'to' }],
    });
    expect(result['skippedRecipients']).toEqual([
      { email: 'bob@acme.example', reason: 'never-log' },
      { email: 'x@sales.rival.example', reason: 'never-log' },
      { email: 'y@competitor.example', reason: 'never-log' },
    ]);
    expect((await cli('never-log', 'remove', 'competitor.example')).stdout).toContain('removed');
    const missing = await cli('never-log', 'remove', 'competitor.example');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("competitor.example was not on the account's never-log list");
  });

  it('C1: a personal logging address set from the CLI routes and attributes without a token', async () => {
    await cli('users', 'add', 'ken@corp.example', '--name', '佐藤 健', '--locale', 'ja');
    const set = await cli('users', 'addresses', 'ken@corp.example', '--fwd', 'ken+crm-fwd@corp.example');
    expect(set.code).toBe(0);
    const listed = await cli('users', 'list', '--json');
    expect(jsonLines(listed)).toEqual([
      expect.objectContaining({
        email: 'ken@corp.example',
        name: '佐藤 健',
        locale: 'ja',
        forwardingAddress: 'ken+crm-fwd@corp.example',
      }),
    ]);
    const forwarded = writeMail('fwd.eml', {
      From: 'ken@corp.example',
      To: 'ken+crm-fwd@corp.example',
      Subject: 'Fwd: Pricing',
    });
    const body = [
      'See below.',
      '',
      '---------- Forwarded message ---------',
      'From: Bob Example <bob@acme.example>',
      'Date: Mon, Mar 2, 2026 at 10:15 AM',
      'Subject: Pricing',
      'To: Ken <ken@corp.example>',
      '',
      'Our prices for 2026.',
      '',
    ].join('\r\n');
    fs.writeFileSync(
      forwarded,
      fs.readFileSync(forwarded, 'utf8').replace(/\r\n\r\n[\s\S]*$/, `\r\n\r\n${body}`),
    );
    expect(await logOne(forwarded)).toMatchObject({
      route: 'forward',
      status: 'logged',
      owner: 'ken@corp.example',
      email: { direction: 'incoming', from: 'bob@acme.example', subject: 'Pricing' },
      contacts: [{ email: 'bob@acme.example', created: true, role: 'sender' }],
    });
  });

  it('refuses bad administration input with one line and a non-zero exit', async () => {
    const cases: ReadonlyArray<[string[], RegExp]> = [
      [['never-log', 'add', 'not an entry'], /not a never-log entry/],
      [['aliases', 'add', 'nobody@corp.example', 'x@corp.example'], /nobody@corp\.example/],
      [['tokens', 'rotate'], /usage: tokens rotate/],
      [['users', 'add', 'ann@corp.example', '--locale', 'fr'], /--locale is en or ja/],
      [['frobnicate'], /unknown command "frobnicate"/],
      [['results', '--limit', 'many'], /--limit takes a whole number/],
    ];
    for (const [args, message] of cases) {
      const run = await cli(...args);
      expect(run.code, args.join(' ')).toBeGreaterThan(0);
      expect(run.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
