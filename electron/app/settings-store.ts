import Store from 'electron-store';
import type { WindowBounds } from './window-options.js';

/** The desktop app's own settings (not the companion's): where the window was, and whether it starts at login. */
export type AppSettings = {
  windowBounds: WindowBounds | null;
  startAtLogin: boolean;
};

export type SettingsStore = {
  read(): AppSettings;
  write(patch: Partial<AppSettings>): void;
};

/**
 * electron-store in the app's userData folder, checked against a JSON schema so that a hand-edited file cannot
 * put a wrong type in. It holds no secret (those are in secrets.ts, safeStorage ciphertext only).
 */
export function openSettingsStore(): SettingsStore {
  const store = new Store<AppSettings>({
    name: 'desktop-settings',
    clearInvalidConfig: true,
    defaults: { windowBounds: null, startAtLogin: false },
    schema: {
      windowBounds: {
        type: ['object', 'null'],
        properties: {
          x: { type: 'integer' },
          y: { type: 'integer' },
          width: { type: 'integer', minimum: 320 },
          height: { type: 'integer', minimum: 240 },
        },
        required: ['width', 'height'],
        additionalProperties: false,
      },
      startAtLogin: { type: 'boolean' },
    },
  });
  return {
    read: () => ({ windowBounds: store.get('windowBounds'), startAtLogin: store.get('startAtLogin') }),
    write(patch) {
      for (const [key, value] of Object.entries(patch) as Array<[keyof AppSettings, unknown]>) {
        store.set(key, value as never);
      }
    },
  };
}
