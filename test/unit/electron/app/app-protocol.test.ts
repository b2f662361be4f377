import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readAppFile } from '../../../../electron/app/app-protocol.js';
import { windowCsp } from '../../../../electron/server/security-headers.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cml-app-protocol-'));
const dist = path.join(work, 'dist');
fs.mkdirSync(path.join(dist, 'assets'), { recursive: true });
fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><p>window</p>');
fs.writeFileSync(path.join(dist, 'assets', 'main.js'), 'export {};');
fs.writeFileSync(path.join(work, 'secret.txt'), 'outside');
fs.symlinkSync(path.join(work, 'secret.txt'), path.join(dist, 'link.txt'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('the app:// scheme', () => {
  it("serves the window's files with the window's CSP and the right type", () => {
    const index = readAppFile(dist, 'app://crm-mail-logger/');
    expect(index.status).toBe(200);
    expect(String(index.body)).toContain('window');
    expect(index.headers).toMatchObject({
      'Content-Security-Policy': windowCsp,
      'Content-Type': 'text/html; charset=utf-8',
      'X-Content-Type-Options': 'nosniff',
    });
    expect(readAppFile(dist, 'app://crm-mail-logger/assets/main.js?v=1').headers['Content-Type']).toBe(
      'text/javascript; charset=utf-8',
    );
  });

  it.each([
    ['a parent folder', 'app://crm-mail-logger/../secret.txt'],
    ['an encoded parent folder', 'app://crm-mail-logger/%2e%2e/secret.txt'],
    ['an encoded slash', 'app://crm-mail-logger/..%2fsecret.txt'],
    ['a symbolic link out', 'app://crm-mail-logger/link.txt'],
    ['a folder', 'app://crm-mail-logger/assets'],
    ['a missing file', 'app://crm-mail-logger/nope.js'],
    ['another host', 'app://other/index.html'],
  ])('serves nothing outside the build: %s', (_what, url) => {
    const reply = readAppFile(dist, url);
    expect(reply.status).toBe(404);
    expect(String(reply.body)).not.toContain('outside');
    expect(reply.headers['Content-Security-Policy']).toBe(windowCsp);
  });

  it('says how to build the window when it is not built', () => {
    const reply = readAppFile(path.join(work, 'missing'), 'app://crm-mail-logger/');
    expect(reply.status).toBe(503);
    expect(String(reply.body)).toContain('npm run build:renderer');
  });
});
