/** What Electron's safeStorage says about this computer (`isEncryptionAvailable`, `getSelectedStorageBackend`). */
export type SafeStorageState = {
  readonly encryptionAvailable: boolean;
  /** Linux only: 'basic_text', 'gnome_libsecret', 'kwallet', … ; undefined elsewhere. */
  readonly linuxBackend?: string | undefined;
};

export type SecretsPolicy =
  | { readonly mode: 'protected'; readonly warning: null }
  /** Encrypted with a key built into Chromium: kept, but anyone who can read the file can read the secret. */
  | { readonly mode: 'weak'; readonly warning: string }
  /** No encryption at all: secrets are not written; they must be entered again after each start. */
  | { readonly mode: 'refused'; readonly warning: string };

/**
 * The secrets decision (docs/security.md "Secrets"): safeStorage ciphertext only. Where encryption is
 * unavailable nothing is written; where Linux has no keyring, Chromium falls back to `basic_text`, a fixed key, so
 * the secret is kept (the app stays usable) but the status and the log say plainly that it is not protected.
 */
export function decideSecretsPolicy(state: SafeStorageState): SecretsPolicy {
  if (!state.encryptionAvailable) {
    return {
      mode: 'refused',
      warning:
        'Secrets are not saved: this computer offers no encryption to the app (no keychain or keyring). Enter the mailbox password and CRM token again after each start, or install a keyring (gnome-keyring, KWallet).',
    };
  }
  if (state.linuxBackend === 'basic_text') {
    return {
      mode: 'weak',
      warning:
        'Secrets are saved with a fixed key, not protected: no keyring (gnome-keyring, KWallet) is running. Anyone who can read your files can read the mailbox password and CRM token.',
    };
  }
  return { mode: 'protected', warning: null };
}
