import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findElectron, type ElectronProbe } from '../../../../electron/cli/find-electron.js';

const dir = path.join('/x', 'node_modules', 'electron');
const binary = path.join(dir, 'dist', 'electron');

function probe(over: Partial<ElectronProbe> & { files?: ReadonlyArray<string> }): ElectronProbe {
  const files = new Set(over.files ?? [binary, '/x/dist/app/preload.cjs']);
  return {
    packageDir: () => dir,
    exists: (file) => files.has(file),
    readText: (file) => (file === path.join(dir, 'path.txt') ? 'electron' : null),
    env: { DISPLAY: ':0' },
    platform: 'linux',
    preload: '/x/dist/app/preload.cjs',
    ...over,
  };
}

describe('findElectron (npm start, C5)', () => {
  it('runs the desktop app when the binary, a display and the built preload are there', () => {
    expect(findElectron(probe({}))).toEqual({ ok: true, binary });
    expect(findElectron(probe({ env: {}, platform: 'darwin' }))).toEqual({ ok: true, binary });
    expect(findElectron(probe({ env: { WAYLAND_DISPLAY: 'wayland-0' } }))).toEqual({ ok: true, binary });
  });

  it('says why not, in words for one line', () => {
    expect(findElectron(probe({ packageDir: () => null }))).toEqual({
      ok: false,
      why: 'Electron is not installed here (no electron package in node_modules)',
    });
    const noBinary = {
      ok: false,
      why: 'Electron is not installed here (its binary could not be downloaded)',
    };
    expect(findElectron(probe({ readText: () => null }))).toEqual(noBinary);
    expect(findElectron(probe({ files: ['/x/dist/app/preload.cjs'] }))).toEqual(noBinary);
    expect(findElectron(probe({ env: {} }))).toEqual({
      ok: false,
      why: 'no display (DISPLAY and WAYLAND_DISPLAY are unset)',
    });
    expect(findElectron(probe({ files: [binary] }))).toEqual({
      ok: false,
      why: 'the desktop app is not built (npm run build:app)',
    });
  });
});
