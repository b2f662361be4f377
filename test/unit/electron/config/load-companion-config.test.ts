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

describe('loadCompanionConfig (SPEC §7 CONFIG.json, C4)', () => {
  it('reads the example of SPEC §7, resolving paths against the file and defaulting folder and backend', async () => {
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

  it('C4: refuses a config file that the group or others can read', async () => {
    const file = write({ store: '/s' }, 0o644);
    const result = await loadCompanionConfig(file, {});
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toMatch(/can be read by others \(mode 644\).*chmod 600/);
  });

  const refused: ReadonlyArray<[string, unknown, RegExp]> = [
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
    ['not JSON', '{store:', /is not valid JSON/],
  ];
  it.each(refused)('refuses %s with a message that names it', async (_what, config, message) => {
    const result = await loadCompanionConfig(write(config), {});
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toMatch(message);
  });
});
