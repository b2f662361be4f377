/**
 * Team mode end to end (docs/deployment.md "Team mode", R2 across users, C1 shared mode, C3): one real Dovecot
 * mailbox, one real PostgreSQL, and two companions (`crm-mail-logger serve`, child processes) for Ann and Tom,
 * each with its own store and `mailbox.onlyFor`. The account comes from PostgreSQL (`import-crm --config`).
 * Bob's mail "Pricing", forwarded to the logging address by Ann and then by Tom, is one email in the database;
 * Tom's result is `duplicate` of Ann's, as `results` prints it. The same mail forwarded by both at once is still
 * written once: the unique identity keys settle the race, and the companion that lost it shows a duplicate.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLocalStore } from '../../electron/crm/local/open-local-store.js';
import type { LogResult } from '#shared/model/log-result.js';
import { deliverLmtp, startDovecot, type Dovecot } from './support/dovecot.js';
import { startPostgres, type Postgres } from './support/postgres.js';
import { repoRoot, runCli } from './support/run-cli.js';

let dovecot: Dovecot;
let server: Postgres;
let work: string;
const companions: Array<{ child: ChildProcess; exit: Promise<number | null>; stderr: () => string }> = [];

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cml-team-'));
  [dovecot, server] = await Promise.all([startDovecot(), startPostgres()]);
}, 90_000);

afterAll(async () => {
  for (const c of companions) {
    if (c.child.exitCode === null) {
      c.child.kill('SIGTERM');
      await c.exit;
    }
  }
  await Promise.all([dovecot.stop(), server.stop()]);
  fs.rmSync(work, { recursive: true, force: true });
});

function writeFile(name: string, content: unknown): string {
  const file = path.join(work, name);
  fs.writeFileSync(file, JSON.stringify(content, null, 2));
  fs.chmodSync(file, 0o600);
  return file;
}

function configFor(user: string, extra: Record<string, unknown> = {}): string {
  return writeFile(`${user}.json`, {
    store: path.join(work, `store-${user}`),
    ...extra,
    mailbox: {
      host: dovecot.host,
      port: dovecot.imapPort,
      user: 'log',
      password: dovecot.password,
      tls: 'none',
      onlyFor: `${user}@corp.example`,
    },
    backend: { kind: 'postgres', url: server.url, tls: 'none' },
    ui: false,
  });
}

function serve(config: string, password = server.password): (typeof companions)[number] {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/cli.ts', 'serve', '--config', config], {
    cwd: repoRoot,
    // The password from the environment, as docs/deployment.md suggests for team mode.
    env: { ...process.env, CRM_MAIL_LOGGER_POSTGRES_PASSWORD: password },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const companion = { child, exit, stderr: () => stderr };
  companions.push(companion);
  return companion;
}

async function waitFor<T>(what: string, read: () => T | null, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== null) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

function readResults(user: string): ReadonlyArray<LogResult> {
  const dir = path.join(work, `store-${user}`);
  if (!fs.existsSync(path.join(dir, 'crm.sqlite'))) {
    return [];
  }
  const store = openLocalStore(dir);
  try {
    return store.listResults();
  } finally {
    store.close();
  }
}

/** Bob's mail, forwarded from Gmail by a colleague to the logging address. */
function forwarded(by: 'ann' | 'tom' | 'kim', subject: string, id: string): Buffer {
  const name = { ann: 'Ann Smith', tom: 'Tom Baker', kim: 'Kim Lee' }[by];
  return Buffer.from(
    [
      'Delivered-To: log+fwd@corp.example',
      `Return-Path: <${by}@corp.example>`,
      'MIME-Version: 1.0',
      `From: ${name} <${by}@corp.example>`,
      'Date: Mon, 9 Mar 2026 09:12:44 +0100',
      `Message-ID: <fwd-${by}-${id}@mail.gmail.com>`,
      `Subject: Fwd: ${subject}`,
      'To: log+fwd@corp.example',
      'Content-Type: text/plain; charset="UTF-8"',
      '',
      'For the Customer account.',
      '',
      '---------- Forwarded message ---------',
      'From: Bob Jones <bob@customer.example>',
      'Date: Fri, Mar 6, 2026 at 4:47 PM',
      `Subject: ${subject}`,
      'To: Ann Smith <ann@corp.example>, Tom Baker <tom@corp.example>',
      '',
      '',
      'Hi both,',
      '',
      'here are our prices for Q2.',
      '',
      'Bob',
      '',
    ].join('\r\n'),
  );
}

async function deliver(raw: Buffer): Promise<void> {
  await deliverLmtp(dovecot.lmtpPort, { from: 'x@corp.example', to: 'log+fwd@corp.example', raw });
}

async function emailsWithSubject(subject: string): Promise<number> {
  const rows = await server.admin.query<{ n: string }>(
    'SELECT count(*) AS n FROM emails WHERE subject = $1',
    [subject],
  );
  return Number(rows.rows[0]?.n);
}

describe('two companions on one team PostgreSQL', () => {
  it('R2 across users: the same forwarded mail logged by Ann and Tom is one email, Tom’s result its duplicate', async () => {
    const setup = writeFile('it.json', {
      store: path.join(work, 'store-it'),
      backend: { kind: 'postgres', url: server.url, password: server.password, tls: 'none' },
    });
    expect((await runCli(['db', 'migrate', '--config', setup])).code).toBe(0);
    const crm = writeFile('CRM.json', {
      settings: { internalDomains: ['corp.example'] },
      users: [
        { id: 1, email: 'ann@corp.example', name: 'Ann Smith' },
        { id: 2, email: 'tom@corp.example', name: 'Tom Baker' },
      ],
    });
    expect((await runCli(['import-crm', crm, '--config', setup])).code).toBe(0);

    const ann = serve(configFor('ann'));
    const tom = serve(configFor('tom'));
    // The account is in each cache before mail arrives (a per-user companion claims by its cached users).
    await waitFor('both companions read the account', () =>
      [ann, tom].every((c) => c.stderr().includes('"message":"PostgreSQL account read"')) ? true : null,
    );

    await deliver(forwarded('ann', 'Pricing', '1'));
    const annResult = await waitFor('Ann’s result synced', () => {
      const r = readResults('ann')[0];
      return r !== undefined && r.sync === 'synced' ? r : null;
    });
    expect(annResult).toMatchObject({ status: 'logged', owner: 'ann@corp.example' });

    await deliver(forwarded('tom', 'Pricing', '1'));
    const tomResult = await waitFor('Tom’s result', () => readResults('tom')[0] ?? null);
    expect(tomResult).toMatchObject({
      status: 'duplicate',
      owner: 'tom@corp.example',
      duplicateOf: annResult.messageId,
    });
    expect(await emailsWithSubject('Pricing')).toBe(1);
    const printed = await runCli(['results', '--store', path.join(work, 'store-tom')]);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(
      /\bduplicate +forward +tom@corp\.example +bob@customer\.example +Pricing\b/,
    );
    const json = await runCli(['results', '--json', '--store', path.join(work, 'store-tom')]);
    expect(JSON.parse(json.stdout.trim().split('\n')[0] ?? '{}')).toMatchObject({
      status: 'duplicate',
      duplicateOf: annResult.messageId,
    });

    // Both at once: whichever push comes second finds the keys taken, and nothing is written twice.
    await Promise.all([
      deliver(forwarded('ann', 'Pricing v2', '2')),
      deliver(forwarded('tom', 'Pricing v2', '2')),
    ]);
    await waitFor('both results of the race settled', () => {
      const all = [...readResults('ann'), ...readResults('tom')].filter(
        (r) => r.email?.subject === 'Pricing v2',
      );
      return all.length === 2 && all.every((r) => r.sync !== 'pending') ? all : null;
    });
    expect(await emailsWithSubject('Pricing v2')).toBe(1);
    // Whichever logged it second (before its push, or when its push found the keys taken) shows a duplicate.
    const race = [...readResults('ann'), ...readResults('tom')].filter(
      (r) => r.email?.subject === 'Pricing v2',
    );
    expect(race.map((r) => r.status).sort()).toEqual(['duplicate', 'logged']);

    for (const c of [ann, tom]) {
      c.child.kill('SIGTERM');
      expect(await c.exit).toBe(0);
    }
  }, 180_000);

  it('a wrong password is one CRM.AUTH error line; the result waits in the outbox and goes through with the right one', async () => {
    // Kim's users come from a CRM.json in her cache, as a companion that ran before has them.
    const crm = writeFile('kim-CRM.json', {
      settings: { internalDomains: ['corp.example'] },
      users: [{ id: 3, email: 'kim@corp.example', name: 'Kim Lee' }],
    });
    const config = configFor('kim', { crm });
    const wrong = serve(config, 'not-the-password');
    await deliver(forwarded('kim', 'Volumes', '3'));
    await waitFor('Kim’s result committed', () => readResults('kim')[0] ?? null);
    await new Promise((r) => setTimeout(r, 3_000)); // several outbox attempts and fact reads meanwhile
    expect(readResults('kim')[0]).toMatchObject({ status: 'logged', sync: 'pending' });
    const errors = wrong
      .stderr()
      .split('\n')
      .filter((line) => line.includes('"level":"error"'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /"message":"PostgreSQL refused the sign-in","backend":"postgres","error":"CRM\.AUTH: /,
    );
    wrong.child.kill('SIGTERM');
    expect(await wrong.exit).toBe(0);

    const right = serve(config);
    await waitFor('Kim’s result synced', () => (readResults('kim')[0]?.sync === 'synced' ? true : null));
    expect(await emailsWithSubject('Volumes')).toBe(1);
    right.child.kill('SIGTERM');
    expect(await right.exit).toBe(0);
  }, 120_000);
});
