import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { companionPrefsSchema } from '#shared/api/companion-schemas.js';

/** The companion's own preferences plus what it remembers between runs; kept beside the store, never in the CRM. */
export const storedPrefsSchema = companionPrefsSchema.extend({
  /** The tray badge counts failures with a journal id above this one (docs/api.md `POST results/seen`). */
  seenFailuresUpTo: z.number().int().min(0),
  /** True while the store holds only the sample account that a first `npm start` set up. */
  sample: z.boolean(),
  /** The companion's own user (personal mode), chosen at setup; null = the mailbox's `onlyFor` or the first user. */
  user: z.string().nullable(),
});
export type StoredPrefs = z.infer<typeof storedPrefsSchema>;

export const defaultPrefs: StoredPrefs = {
  locale: 'auto',
  defaultLogOn: true,
  desktopNotifications: true,
  addinOrigins: [],
  officeJsSource: 'microsoft',
  seenFailuresUpTo: 0,
  sample: false,
  user: null,
};

/** Where the preferences live: a file beside the store headless, electron-store in the desktop app. */
export type PrefsStore = {
  read(): StoredPrefs;
  write(prefs: StoredPrefs): void;
};

export const prefsFileName = 'companion-settings.json';

/**
 * `<store>/companion-settings.json`, mode 0600 like the store's own files. A file that no longer reads (edited by
 * hand, a newer version) is not overwritten silently: its readable keys are kept and the rest fall back to the
 * defaults.
 */
export function createFilePrefs(storeDir: string): PrefsStore {
  const file = path.join(storeDir, prefsFileName);
  return {
    read() {
      let raw: unknown;
      try {
        raw = JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch {
        return defaultPrefs;
      }
      const merged = { ...defaultPrefs, ...(typeof raw === 'object' && raw !== null ? raw : {}) };
      const parsed = storedPrefsSchema.safeParse(merged);
      return parsed.success ? parsed.data : defaultPrefs;
    },
    write(prefs) {
      const temp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(temp, `${JSON.stringify(storedPrefsSchema.parse(prefs), null, 2)}\n`, { mode: 0o600 });
      fs.renameSync(temp, file);
    },
  };
}
