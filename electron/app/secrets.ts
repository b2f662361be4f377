import path from 'node:path';
import { app, safeStorage } from 'electron';
import type { Logger } from '../core/logger.js';
import type { SecretName } from '../companion/saved-connection-config.js';
import { createSecretsFile } from './secrets-file.js';
import { decideSecretsPolicy, type SecretsPolicy } from './secrets-policy.js';

export type Secrets = {
  readonly policy: SecretsPolicy;
  read(name: SecretName): string | null;
  /** False when the policy refuses to write secrets (no encryption here). */
  write(name: SecretName, value: string | null): boolean;
};

/**
 * The secrets of the saved connection (docs/security.md): safeStorage ciphertext in `<userData>/secrets.json`,
 * mode 0600. Call after app ready (safeStorage needs it). On Linux without a keyring safeStorage uses the
 * `basic_text` key: the policy says so in the log here and in the tray's status line.
 */
export function openSecrets(logger: Logger): Secrets {
  const policy = decideSecretsPolicy({
    encryptionAvailable: safeStorage.isEncryptionAvailable(),
    linuxBackend: process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : undefined,
  });
  if (policy.warning !== null) {
    logger.warn('secrets', { policy: policy.mode, warning: policy.warning });
  }
  const file = createSecretsFile(path.join(app.getPath('userData'), 'secrets.json'), {
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (cipher) => safeStorage.decryptString(cipher),
  });
  return {
    policy,
    read: (name) => (policy.mode === 'refused' ? null : file.read(name)),
    write(name, value) {
      if (policy.mode === 'refused') {
        return false;
      }
      file.write(name, value);
      return true;
    },
  };
}
