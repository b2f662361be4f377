import fs from 'node:fs';
import path from 'node:path';
import type { SecretName } from '../companion/saved-connection-config.js';

/** safeStorage in the app, a stand-in in tests: plain text in, ciphertext out. */
export type SecretCodec = {
  encrypt(plain: string): Buffer;
  decrypt(cipher: Buffer): string;
};

export type SecretsFile = {
  read(name: SecretName): string | null;
  /** Null removes the secret. */
  write(name: SecretName, value: string | null): void;
};

/**
 * The secrets file (docs/security.md "Secrets"): one JSON object of base64 ciphertexts, mode 0600 (re-applied on
 * every write, in case the file was copied in with other bits), replaced atomically. Plain text never touches the
 * disk: every value goes through the codec first. A file that cannot be read or decrypted counts as no secret.
 */
export function createSecretsFile(file: string, codec: SecretCodec): SecretsFile {
  const readAll = (): Partial<Record<SecretName, string>> => {
    try {
      const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
      return typeof parsed === 'object' && parsed !== null
        ? (parsed as Partial<Record<SecretName, string>>)
        : {};
    } catch {
      return {};
    }
  };
  return {
    read(name) {
      const cipher = readAll()[name];
      if (typeof cipher !== 'string') {
        return null;
      }
      try {
        return codec.decrypt(Buffer.from(cipher, 'base64'));
      } catch {
        return null;
      }
    },
    write(name, value) {
      const all = readAll();
      if (value === null) {
        delete all[name];
      } else {
        all[name] = codec.encrypt(value).toString('base64');
      }
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      const temp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(temp, `${JSON.stringify(all)}\n`, { mode: 0o600 });
      fs.chmodSync(temp, 0o600);
      fs.renameSync(temp, file);
    },
  };
}
