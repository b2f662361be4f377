import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type ElectronCheck =
  { readonly ok: true; readonly binary: string } | { readonly ok: false; readonly why: string };

export type ElectronProbe = {
  /** The folder of the installed `electron` package, or null. */
  readonly packageDir: () => string | null;
  readonly exists: (file: string) => boolean;
  readonly readText: (file: string) => string | null;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly platform: NodeJS.Platform;
  /** The bundled preload the window needs (npm run build:app). */
  readonly preload: string;
};

/**
 * Whether `npm start` can run the desktop app (C5), and if not why, in words for one line. Never `require`s the
 * electron package: since Electron 45 that tries to download the binary on the spot, which prints a stack on a
 * machine without access to its release server.
 */
export function findElectron(probe: ElectronProbe): ElectronCheck {
  const dir = probe.packageDir();
  if (dir === null) {
    return { ok: false, why: 'Electron is not installed here (no electron package in node_modules)' };
  }
  const relative = probe.readText(path.join(dir, 'path.txt'))?.trim();
  const binary = relative === undefined || relative === '' ? null : path.join(dir, 'dist', relative);
  if (binary === null || !probe.exists(binary)) {
    return { ok: false, why: 'Electron is not installed here (its binary could not be downloaded)' };
  }
  if (probe.platform === 'linux' && !probe.env['DISPLAY'] && !probe.env['WAYLAND_DISPLAY']) {
    return { ok: false, why: 'no display (DISPLAY and WAYLAND_DISPLAY are unset)' };
  }
  if (!probe.exists(probe.preload)) {
    return { ok: false, why: 'the desktop app is not built (npm run build:app)' };
  }
  return { ok: true, binary };
}

/** The probe of this machine. */
export function machineProbe(preload: string): ElectronProbe {
  const require = createRequire(import.meta.url);
  return {
    packageDir: () => {
      try {
        return path.dirname(require.resolve('electron/package.json'));
      } catch {
        return null;
      }
    },
    exists: (file) => fs.existsSync(file),
    readText: (file) => {
      try {
        return fs.readFileSync(file, 'utf8');
      } catch {
        return null;
      }
    },
    env: process.env,
    platform: process.platform,
    preload,
  };
}
