import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { poolConfig } from '../../../../../electron/crm/postgres/postgres-pool.js';

const base = { url: 'postgres://crm%40corp@db.corp.example:6432/team%20crm', password: 's3cret' } as const;

describe('poolConfig', () => {
  it('reads host, port, user and database from the URL, and uses the given password', () => {
    const config = poolConfig({ ...base, tls: 'verify-full' });
    expect(config).toMatchObject({
      host: 'db.corp.example',
      port: 6432,
      user: 'crm@corp',
      database: 'team crm',
      password: 's3cret',
      max: 4,
    });
  });

  it('verify-full checks the certificate and the host name, with the CA file when given', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-pool-'));
    const ca = path.join(dir, 'ca.pem');
    fs.writeFileSync(ca, '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n');
    try {
      const ssl = poolConfig({ ...base, tls: 'verify-full', caFile: ca }).ssl;
      expect(ssl).toMatchObject({
        rejectUnauthorized: true,
        ca: expect.stringContaining('BEGIN CERTIFICATE'),
      });
      expect(ssl).not.toHaveProperty('checkServerIdentity');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('require encrypts without checking who answers; none is cleartext', () => {
    const ssl = poolConfig({ ...base, tls: 'require' }).ssl as { rejectUnauthorized: boolean };
    expect(ssl.rejectUnauthorized).toBe(false);
    expect(poolConfig({ ...base, tls: 'none' }).ssl).toBe(false);
  });

  it('the default port is 5432 and poolMax sets the pool size', () => {
    expect(
      poolConfig({ url: 'postgres://crm@localhost/crm', password: 'x', tls: 'none', poolMax: 1 }),
    ).toMatchObject({
      port: 5432,
      max: 1,
    });
  });
});
