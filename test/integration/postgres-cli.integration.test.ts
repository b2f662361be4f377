/**
 * IT's commands on the team PostgreSQL (docs/deployment.md "Team mode"), through the real CLI: `db migrate`,
 * `import-crm --config` (samples/CRM.json into the database), the admin commands with `--config`, and a wrong
 * password as one clear line.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.js';
import { startPostgres, type Postgres } from './support/postgres.js';

let server: Postgres;
let work: string;
let config: string;

function writeConfig(name: string, password: string): string {
  const file = path.join(work, name);
  fs.writeFileSync(
    file,
    JSON.stringify({ store: 'store', backend: { kind: 'postgres', url: server.url, password, tls: 'none' } }),
  );
  fs.chmodSync(file, 0o600);
  return file;
}

beforeAll(async () => {
  server = await startPostgres();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-cli-'));
  config = writeConfig('CONFIG.json', server.password);
}, 60_000);

afterAll(async () => {
  await server.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('team database commands', () => {
  it('db migrate applies the schema once, then finds it up to date', async () => {
    const first = await runCli(['db', 'migrate', '--config', config]);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/applied 1; the schema is at version 1/);
    const again = await runCli(['db', 'migrate', '--config', config]);
    expect(again.stdout).toMatch(/the schema is up to date \(version 1\)/);
  });

  it('import-crm --config writes CRM.json into PostgreSQL, and the admin commands read and change it there', async () => {
    // CRM.json lists tokens: kept readable by its owner only, or the import warns (C4).
    const crm = path.join(work, 'CRM.json');
    fs.copyFileSync('samples/CRM.json', crm);
    fs.chmodSync(crm, 0o600);
    const imported = await runCli(['import-crm', crm, '--config', config]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    const users = await server.admin.query<{ email: string }>('SELECT email FROM users ORDER BY id');
    expect(users.rows.length).toBeGreaterThan(0);
    expect(
      Number((await server.admin.query('SELECT count(*) AS n FROM contacts')).rows[0].n),
    ).toBeGreaterThan(0);

    const listed = await runCli(['users', 'list', '--json', '--config', config]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(users.rows[0]?.email);

    const added = await runCli(['users', 'add', 'kim@corp.example', '--name', 'Kim', '--config', config]);
    expect(added).toMatchObject({ code: 0 });
    const neverLog = await runCli(['never-log', 'add', 'secret.example', '--config', config]);
    expect(neverLog.code).toBe(0);
    const kim = await server.admin.query<{ data: { name: string } }>(
      "SELECT data FROM users WHERE email = 'kim@corp.example'",
    );
    expect(kim.rows[0]?.data.name).toBe('Kim');
    const entries = await server.admin.query<{ entry: string }>('SELECT entry FROM never_log');
    expect(entries.rows.map((r) => r.entry)).toContain('secret.example');
    // What the CLI refuses locally it refuses against the database too, and writes nothing.
    const twice = await runCli(['users', 'add', 'kim@corp.example', '--config', config]);
    expect(twice.code).toBe(1);
    expect(
      Number(
        (await server.admin.query("SELECT count(*) AS n FROM users WHERE email = 'kim@corp.example'")).rows[0]
          .n,
      ),
    ).toBe(1);
  });

  it('a wrong password is one line that says CRM.AUTH, exit 1', async () => {
    const wrong = writeConfig('WRONG.json', 'not-the-password');
    const run = await runCli(['db', 'migrate', '--config', wrong]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(
      /CRM\.AUTH: PostgreSQL refused the sign-in: password authentication failed for user "crm"/,
    );
  });

  it('CONFIG.json: tls "none" only for a loopback host, and a password is required', async () => {
    const remote = path.join(work, 'REMOTE.json');
    fs.writeFileSync(
      remote,
      JSON.stringify({
        store: 'store',
        backend: { kind: 'postgres', url: 'postgres://crm@db.corp.example/crm', password: 'x', tls: 'none' },
      }),
    );
    fs.chmodSync(remote, 0o600);
    const refused = await runCli(['db', 'migrate', '--config', remote]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/backend\.tls: "none" \(cleartext\) is allowed only for a loopback host/);

    const bare = path.join(work, 'BARE.json');
    fs.writeFileSync(
      bare,
      JSON.stringify({ store: 'store', backend: { kind: 'postgres', url: server.url, tls: 'none' } }),
    );
    fs.chmodSync(bare, 0o600);
    const missing = await runCli(['db', 'migrate', '--config', bare]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('CRM_MAIL_LOGGER_POSTGRES_PASSWORD');
  });
});
