import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCompanionConfig } from '../../../../electron/config/load-companion-config.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cml-config-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(config: unknown, mode = 0o600): string {
  const file = path.join(dir, 'config.json');
  fs.writeFileSync(file, typeof config === 'string' ? config : JSON.stringify(config), { mode });
  fs.chmodSync(file, mode);
  return file;
}

const mailbox = { host: '127.0.0.1', port: 1143, user: 'log' };

describe('loadCompanionConfig (CONFIG.json, C4)', () => {
  it('reads a full example, resolving paths against the file and defaulting folder and backend', async () => {
    const file = write({
      store: 'store',
      crm: 'crm.json',
      mailbox: { ...mailbox, secure: false, password: 'pw' },
      smtp: { host: '127.0.0.1', port: 2525, secure: false, from: 'log@corp.example' },
    });
    expect(await loadCompanionConfig(file, {})).toEqual({
      ok: true,
      value: {
        store: path.join(dir, 'store'),
        crm: path.join(dir, 'crm.json'),
        mailbox: { ...mailbox, secure: false, password: 'pw', folder: 'INBOX' },
        smtp: { host: '127.0.0.1', port: 2525, secure: false, from: 'log@corp.example' },
        backend: { kind: 'local' },
        ui: { port: 47806 },
      },
    });
  });

  it('reads ui: a port, 0 for any free one, false for none, and names an unknown key', async () => {
    const ui = async (value: unknown) => {
      const result = await loadCompanionConfig(write({ store: '/s', ui: value }), {});
      return result.ok ? result.value.ui : result.error;
    };
    expect(await ui({ port: 5000 })).toEqual({ port: 5000 });
    expect(await ui({ port: 0 })).toEqual({ port: 0 });
    expect(await ui(false)).toBe(false);
    expect(await ui({ prot: 1 })).toContain('ui.prot: unknown key');
  });

  it('C4: takes the secrets from the environment when the file has none', async () => {
    const file = write({ store: '/s', mailbox, backend: { kind: 'hubspot', baseUrl: 'http://127.0.0.1:9' } });
    const result = await loadCompanionConfig(file, {
      CRM_MAIL_LOGGER_MAILBOX_ACCESS_TOKEN: 'oauth-token',
      CRM_MAIL_LOGGER_HUBSPOT_TOKEN: 'pat-1',
    });
    expect(result).toMatchObject({
      ok: true,
      value: {
        mailbox: { accessToken: 'oauth-token' },
        backend: { kind: 'hubspot', accessToken: 'pat-1', baseUrl: 'http://127.0.0.1:9' },
      },
    });
  });

  it('keeps allowUntrustedCertificate only when it is true', async () => {
    const config = (allow: boolean) => ({
      store: '/s',
      mailbox: { ...mailbox, password: 'pw', allowUntrustedCertificate: allow },
    });
    expect(await loadCompanionConfig(write(config(true)), {})).toMatchObject({
      ok: true,
      value: { mailbox: { allowUntrustedCertificate: true } },
    });
    const plain = await loadCompanionConfig(write(config(false)), {});
    expect(plain.ok && plain.value.mailbox).toEqual({
      ...mailbox,
      secure: false,
      password: 'pw',
      folder: 'INBOX',
    });
  });

  it('C4: refuses a config file that the group or others can read', async () => {
    const file = write({ store: '/s' }, 0o644);
    const result = await loadCompanionConfig(file, {});
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toMatch(/can be read by others \(mode 644\).*chmod 600/);
  });

  it('C1: accepts "tls": "none" for loopback hosts only, and "required" anywhere', async () => {
    const read = async (host: string, tls: string): Promise<unknown> => {
      const result = await loadCompanionConfig(
        write({ store: '/s', mailbox: { ...mailbox, host, password: 'x', tls } }),
        {},
      );
      return result.ok ? result.value.mailbox?.tls : result.error;
    };
    const accepted: unknown[] = [];
    for (const [host, tls] of [
      ['127.0.0.1', 'none'],
      ['127.1.2.3', 'none'],
      ['localhost', 'none'],
      ['::1', 'none'],
      ['imap.example.com', 'required'],
    ] as const) {
      accepted.push(await read(host, tls));
    }
    expect(accepted).toEqual(['none', 'none', 'none', 'none', 'required']);
    expect(await read('10.0.0.5', 'none')).toMatch(/not 10\.0\.0\.5/);
  });

  it('C1: reads the raw-message retention and the disk floor, absent when not set (the companion has defaults)', async () => {
    const set = await loadCompanionConfig(write({ store: '/s', rawRetentionDays: 7, minFreeDiskMB: 0 }), {});
    expect(set).toMatchObject({ ok: true, value: { rawRetentionDays: 7, minFreeDiskMB: 0 } });
    const unset = await loadCompanionConfig(write({ store: '/s' }), {});
    expect(unset.ok && 'rawRetentionDays' in unset.value).toBe(false);
    expect(unset.ok && 'minFreeDiskMB' in unset.value).toBe(false);
  });

  it('C1: reads mailbox.lowLatency from its floor (100 ms) up, and leaves it out when not set (IDLE alone)', async () => {
    for (const resyncIntervalMs of [100, 250]) {
      const file = write({
        store: '/s',
        mailbox: { ...mailbox, password: 'pw', lowLatency: { resyncIntervalMs } },
      });
      expect(await loadCompanionConfig(file, {})).toMatchObject({
        ok: true,
        value: { mailbox: { lowLatency: { resyncIntervalMs } } },
      });
    }
    const unset = await loadCompanionConfig(
      write({ store: '/s', mailbox: { ...mailbox, password: 'pw' } }),
      {},
    );
    expect(unset.ok && unset.value.mailbox !== undefined && 'lowLatency' in unset.value.mailbox).toBe(false);
  });

  const refused: ReadonlyArray<[string, unknown, RegExp]> = [
    [
      'C1: a low-latency resync below its floor of 100 ms',
      { store: '/s', mailbox: { ...mailbox, password: 'x', lowLatency: { resyncIntervalMs: 99 } } },
      /: config\.mailbox\.lowLatency\.resyncIntervalMs: a whole number of milliseconds, at least 100 \(one IMAP command per resync\)$/,
    ],
    [
      'C1: a low-latency resync that is not a whole number',
      { store: '/s', mailbox: { ...mailbox, password: 'x', lowLatency: { resyncIntervalMs: 150.5 } } },
      /: config\.mailbox\.lowLatency\.resyncIntervalMs: a whole number of milliseconds, at least 100/,
    ],
    [
      'C1: a low-latency mode without its interval',
      { store: '/s', mailbox: { ...mailbox, password: 'x', lowLatency: {} } },
      /: config\.mailbox\.lowLatency\.resyncIntervalMs: a whole number of milliseconds, at least 100/,
    ],
    ['an unknown top-level key', { store: '/s', stroe: 1 }, /stroe: unknown key/],
    [
      'an unknown mailbox key',
      { store: '/s', mailbox: { ...mailbox, pasword: 'x' } },
      /mailbox\.pasword: unknown key/,
    ],
    ['a mailbox without any secret', { store: '/s', mailbox }, /password or accessToken is required/],
    [
      'a bad port',
      { store: '/s', mailbox: { ...mailbox, port: 0, password: 'x' } },
      /mailbox\.port: a port number/,
    ],
    [
      'an unknown backend',
      { store: '/s', backend: { kind: 'salesforce' } },
      /backend\.kind: local, hubspot or postgres/,
    ],
    [
      'hubspot without a token',
      { store: '/s', backend: { kind: 'hubspot' } },
      /accessToken is required for hubspot/,
    ],
    ['a missing store', { backend: { kind: 'local' } }, /config\.store: a non-empty string/],
    [
      'C1: a retention of zero days',
      { store: '/s', rawRetentionDays: 0 },
      /config\.rawRetentionDays: a whole number of days, at least 1$/,
    ],
    [
      'C1: a disk floor that is not a number',
      { store: '/s', minFreeDiskMB: '1GB' },
      /config\.minFreeDiskMB: a whole number of megabytes, 0 or more$/,
    ],
    [
      'C1: cleartext IMAP ("tls": "none") to a host that is not loopback',
      { store: '/s', mailbox: { ...mailbox, host: 'example.com', password: 'x', tls: 'none' } },
      /mailbox\.tls: "none" \(cleartext\) is allowed only for a loopback host .*not example\.com/,
    ],
    [
      'C1: cleartext SMTP ("tls": "none") to a host that is not loopback',
      { store: '/s', smtp: { host: 'mail.example.com', port: 25, from: 'log@corp.example', tls: 'none' } },
      /smtp\.tls: "none" \(cleartext\) is allowed only for a loopback host .*not mail\.example\.com/,
    ],
    [
      'C1: a tls value other than required or none',
      { store: '/s', mailbox: { ...mailbox, password: 'x', tls: 'optional' } },
      /mailbox\.tls: "required" or "none"$/,
    ],
    [
      'C1: "tls": "none" with secure: true',
      { store: '/s', mailbox: { ...mailbox, password: 'x', secure: true, tls: 'none' } },
      /mailbox\.tls: "none" contradicts secure: true/,
    ],
    ['not JSON', '{store:', /is not valid JSON/],
    [
      'a mistyped key, before the other problems of the file, with the keys it knows',
      { store: 1, mailbox: { ...mailbox, pasword: 'x', port: 'x' } },
      /: config\.mailbox\.pasword: unknown key \(known: host, port, secure, user, password, accessToken, folder, onlyFor, allowUntrustedCertificate, tls, lowLatency\)$/,
    ],
    [
      'a key another backend kind has',
      { store: '/s', backend: { kind: 'local', url: 'postgres://x' } },
      /: config\.backend\.url: unknown key \(known: kind\)$/,
    ],
    [
      'a flag that is not true or false',
      { store: '/s', smtp: { host: 'h', port: 25, from: 'log@corp.example', secure: 'yes' } },
      /: config\.smtp\.secure: true or false$/,
    ],
    [
      'a backend that is not an object',
      { store: '/s', backend: 'hubspot' },
      /: config\.backend: must be an object$/,
    ],
  ];
  it.each(refused)('refuses %s with a message that names it', async (_what, config, message) => {
    const result = await loadCompanionConfig(write(config), {});
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toMatch(message);
  });
});
