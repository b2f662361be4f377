/**
 * The local API over real HTTPS (docs/api.md): `crm-mail-logger serve` as a child process on a free port, called
 * by a client that trusts only the companion's own CA file. The guards each refuse; companion.json is 0600;
 * sign-in codes work once; pairing gives a pane token that works on pane routes only, until revoked.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAddinBuilt } from './support/build-addin.js';
import { repoRoot } from './support/run-cli.js';

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

let work: string;
let child: ChildProcess;
let info: { url: string; token: string; pid: number; version: string; ca: string };
let port: number;
let signInLine = '';

function request(
  method: string,
  pathname: string,
  options: { headers?: Record<string, string>; body?: string; host?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: '127.0.0.1',
        servername: 'localhost',
        port,
        method,
        path: pathname,
        ca: fs.readFileSync(info.ca),
        headers: { host: options.host ?? `localhost:${port}`, ...options.headers },
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const owner = (): Record<string, string> => ({ authorization: `Bearer ${info.token}` });

beforeAll(async () => {
  ensureAddinBuilt(); // the server serves addin/ only when the pages are built
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'cml-api-'));
  const config = path.join(work, 'config.json');
  fs.writeFileSync(
    config,
    JSON.stringify({
      store: path.join(work, 'store'),
      crm: path.join(repoRoot, 'samples', 'CRM.json'),
      ui: { port: 0 },
    }),
  );
  fs.chmodSync(config, 0o600);
  child = spawn(process.execPath, ['--import', 'tsx', 'electron/cli.ts', 'serve', '--config', config], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (c: Buffer) => (signInLine += c.toString()));
  const file = path.join(work, 'store', 'companion.json');
  const deadline = Date.now() + 60_000;
  while (!fs.existsSync(file) || !signInLine.includes('#signin=')) {
    if (Date.now() > deadline) {
      throw new Error('serve did not write companion.json');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  info = JSON.parse(fs.readFileSync(file, 'utf8'));
  port = Number(new URL(info.url).port);
}, 90_000);

afterAll(async () => {
  const exit = new Promise((r) => child.on('exit', r));
  child.kill('SIGTERM');
  await exit;
  fs.rmSync(work, { recursive: true, force: true });
});

describe('the local API over HTTPS', () => {
  it('writes companion.json 0600 with url, token, pid, version and ca, and the CA verifies the server', async () => {
    const file = path.join(work, 'store', 'companion.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(Object.keys(info).sort()).toEqual(['ca', 'pid', 'token', 'url', 'version']);
    expect(info.pid).toBe(child.pid);
    expect(fs.statSync(path.join(work, 'store', 'tls', 'ca.key')).mode & 0o777).toBe(0o600);
    const status = await request('GET', '/api/v1/status', { headers: owner() });
    expect(status.status).toBe(200);
    expect(JSON.parse(status.body)).toMatchObject({ ok: true, value: { version: info.version } });
  });

  it('refuses a wrong Host, a foreign Origin, a missing and a wrong token', async () => {
    const host = await request('GET', '/api/v1/status', { headers: owner(), host: `evil.example:${port}` });
    expect([host.status, JSON.parse(host.body).error.code]).toEqual([421, 'REQUEST.HOST']);
    const origin = await request('GET', '/api/v1/status', {
      headers: { ...owner(), origin: 'https://evil.example' },
    });
    expect([origin.status, JSON.parse(origin.body).error.code]).toEqual([403, 'REQUEST.ORIGIN']);
    expect(origin.headers['access-control-allow-origin']).toBeUndefined();
    const none = await request('GET', '/api/v1/results');
    expect([none.status, JSON.parse(none.body).error.code]).toEqual([401, 'AUTH.REQUIRED']);
    const wrong = await request('GET', '/api/v1/results', { headers: { authorization: 'Bearer wrong' } });
    expect([wrong.status, JSON.parse(wrong.body).error.code]).toEqual([401, 'AUTH.INVALID']);
  });

  it('refuses a GET on a POST route and changes nothing', async () => {
    const before = JSON.parse((await request('GET', '/api/v1/pairings', { headers: owner() })).body);
    const get = await request('GET', '/api/v1/pairings/x/allow', { headers: owner() });
    expect(get.status).toBe(405);
    expect(JSON.parse(get.body).error.code).toBe('REQUEST.METHOD');
    const after = JSON.parse((await request('GET', '/api/v1/pairings', { headers: owner() })).body);
    expect(after).toEqual(before);
  });

  it('answers an oversized body with 413', async () => {
    const big = await request('POST', '/api/v1/never-log', {
      headers: { ...owner(), 'content-type': 'application/json' },
      body: JSON.stringify({ entry: 'x'.repeat(70 * 1024) }),
    });
    expect([big.status, JSON.parse(big.body).error.code]).toEqual([413, 'REQUEST.TOO_LARGE']);
  });

  it('answers a Private Network Access preflight only for a listed add-in host', async () => {
    const preflight = (origin: string) =>
      request('OPTIONS', '/api/v1/me', {
        headers: {
          origin,
          'access-control-request-method': 'GET',
          'access-control-request-private-network': 'true',
        },
      });
    const unlisted = await preflight('https://addin.example');
    expect(unlisted.status).toBe(403);
    expect(unlisted.headers['access-control-allow-private-network']).toBeUndefined();
    const put = await request('PUT', '/api/v1/settings', {
      headers: { ...owner(), 'content-type': 'application/json' },
      body: JSON.stringify({ companion: { addinOrigins: ['https://addin.example'] } }),
    });
    expect(put.status).toBe(200);
    const listed = await preflight('https://addin.example');
    expect(listed.status).toBe(204);
    expect(listed.headers['access-control-allow-private-network']).toBe('true');
    expect(listed.headers['access-control-allow-origin']).toBe('https://addin.example');
  });

  it('takes the printed sign-in code once and gives an HttpOnly, Secure, SameSite=Strict cookie', async () => {
    const code = /#signin=([\w-]+)/.exec(signInLine)?.[1] ?? '';
    const first = await request('POST', '/api/v1/session', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    expect(first.status).toBe(200);
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly; Secure; SameSite=Strict/);
    const withCookie = await request('GET', '/api/v1/results', {
      headers: { cookie: cookie.split(';')[0] ?? '' },
    });
    expect(withCookie.status).toBe(200);
    const again = await request('POST', '/api/v1/session', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    expect([again.status, JSON.parse(again.body).error.code]).toEqual([401, 'AUTH.INVALID']);
  });

  it("serves Office.js from Microsoft's URL by default, and its own copy when the setting says so", async () => {
    const page = async (): Promise<string> => (await request('GET', '/addin/compose.html')).body;
    const setSource = async (officeJsSource: string): Promise<void> => {
      const put = await request('PUT', '/api/v1/settings', {
        headers: { ...owner(), 'content-type': 'application/json' },
        body: JSON.stringify({ companion: { officeJsSource } }),
      });
      expect(JSON.parse(put.body)).toMatchObject({ ok: true });
    };
    expect(await page()).toContain('https://appsforoffice.microsoft.com/lib/1/hosted/office.js');
    await setSource('companion');
    const served = await page();
    expect(served).toContain('src="/addin/office-js/office.js"');
    expect(served).not.toContain('appsforoffice.microsoft.com');
    const script = await request('GET', '/addin/office-js/office.js');
    expect(script.status).toBe(200);
    expect(String(script.headers['content-type'])).toContain('javascript');
    expect(script.body.length).toBeGreaterThan(1000);
    await setSource('microsoft');
    expect(await page()).toContain('https://appsforoffice.microsoft.com/lib/1/hosted/office.js');
  });

  it('pairs a pane end to end: its token works on pane routes only, once given, until revoked', async () => {
    const asked = JSON.parse(
      (
        await request('POST', '/api/v1/pair/requests', {
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ profile: 'Outlook ann' }),
        })
      ).body,
    );
    expect(asked.ok).toBe(true);
    const listed = JSON.parse((await request('GET', '/api/v1/pairings', { headers: owner() })).body);
    const pending = listed.value.requests.find((r: { code: string }) => r.code === asked.value.code);
    expect(pending.profile).toBe('Outlook ann');
    const allowed = await request('POST', `/api/v1/pairings/${pending.id}/allow`, {
      headers: { ...owner(), ...{ 'content-type': 'application/json' } },
      body: '{}',
    });
    expect(allowed.status).toBe(200);
    const poll = () => request('GET', `/api/v1/pair/requests/${asked.value.requestId}`);
    const first = JSON.parse((await poll()).body);
    expect(first.value.state).toBe('allowed');
    const token: string = first.value.token;
    expect(token.length).toBeGreaterThan(40);
    expect(JSON.parse((await poll()).body).value.token).toBeNull();
    const pane = { authorization: `Bearer ${token}` };
    expect((await request('GET', '/api/v1/status', { headers: pane })).status).toBe(200);
    const ownerRoute = await request('GET', '/api/v1/results', { headers: pane });
    expect([ownerRoute.status, JSON.parse(ownerRoute.body).error.code]).toEqual([403, 'AUTH.FORBIDDEN']);
    const paired = JSON.parse(allowed.body).value.paired as Array<{ id: string }>;
    const revoke = await request('DELETE', `/api/v1/pairings/${paired[0]?.id}`, { headers: owner() });
    expect(revoke.status).toBe(200);
    const revoked = await request('GET', '/api/v1/status', { headers: pane });
    expect([revoked.status, JSON.parse(revoked.body).error.code]).toEqual([401, 'AUTH.INVALID']);
    const stored = fs.readFileSync(path.join(work, 'store', 'pairings.json'), 'utf8');
    expect(stored).not.toContain(token);
  });
});
