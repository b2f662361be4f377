import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSecretsFile, type SecretCodec } from '../../../../electron/app/secrets-file.js';
import { decideSecretsPolicy } from '../../../../electron/app/secrets-policy.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cml-secrets-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** A stand-in for safeStorage: reversible, and the plain text does not appear in its output. */
const codec: SecretCodec = {
  encrypt: (plain) => Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)),
  decrypt: (cipher) => Buffer.from(cipher.map((b) => b ^ 0x5a)).toString('utf8'),
};

describe('the secrets fallback decision (C4)', () => {
  it('keychain, DPAPI or a Linux keyring: protected, no warning', () => {
    expect(decideSecretsPolicy({ encryptionAvailable: true })).toEqual({ mode: 'protected', warning: null });
    expect(decideSecretsPolicy({ encryptionAvailable: true, linuxBackend: 'gnome_libsecret' })).toEqual({
      mode: 'protected',
      warning: null,
    });
  });

  it("Linux's basic_text fallback: kept, with a warning that says it is not protected", () => {
    const policy = decideSecretsPolicy({ encryptionAvailable: true, linuxBackend: 'basic_text' });
    expect(policy.mode).toBe('weak');
    expect(policy.warning).toMatch(/not protected/);
  });

  it('no encryption at all: refused, with a warning that says what to do', () => {
    const policy = decideSecretsPolicy({ encryptionAvailable: false, linuxBackend: 'basic_text' });
    expect(policy.mode).toBe('refused');
    expect(policy.warning).toMatch(/not saved/);
    expect(policy.warning).toMatch(/keyring/);
  });
});

describe('the secrets file', () => {
  it('keeps ciphertext only, mode 0600, and reads it back', () => {
    const file = path.join(work, 'a', 'secrets.json');
    const secrets = createSecretsFile(file, codec);
    expect(secrets.read('hubspotToken')).toBeNull();
    secrets.write('hubspotToken', 'pat-na1-secret');
    secrets.write('mailboxPassword', 'hunter2');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).not.toMatch(/pat-na1-secret|hunter2/);
    expect(createSecretsFile(file, codec).read('hubspotToken')).toBe('pat-na1-secret');
    secrets.write('hubspotToken', null);
    expect(secrets.read('hubspotToken')).toBeNull();
    expect(secrets.read('mailboxPassword')).toBe('hunter2');
  });

  it('puts 0600 back on a file that was made readable by others', () => {
    const file = path.join(work, 'b.json');
    fs.writeFileSync(file, '{}', { mode: 0o644 });
    createSecretsFile(file, codec).write('mailboxPassword', 'x');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('a damaged file or one that does not decrypt counts as no secret', () => {
    const file = path.join(work, 'c.json');
    fs.writeFileSync(file, 'not json');
    expect(createSecretsFile(file, codec).read('hubspotToken')).toBeNull();
    const failing: SecretCodec = {
      encrypt: codec.encrypt,
      decrypt: () => {
        throw new Error('wrong key');
      },
    };
    createSecretsFile(file, codec).write('hubspotToken', 'y');
    expect(createSecretsFile(file, failing).read('hubspotToken')).toBeNull();
  });
});
