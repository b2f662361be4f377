import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const read = (file: string) => fs.readFileSync(path.join(root, file));
type Config = {
  readonly [key: string]: unknown;
  readonly files: string[];
  readonly extraMetadata: { main: string };
  readonly win: { target: string[]; icon: string };
  readonly mac: { target: string[]; icon: string };
  readonly linux: { target: string[] };
};
const config = JSON.parse(read('build/electron-builder.json').toString('utf8')) as Config;

/** A PNG's width and height, from its IHDR chunk. */
function pngSize(bytes: Buffer): [number, number] {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe('build/electron-builder.json', () => {
  it("is valid against electron-builder's own JSON schema (app-builder-lib/scheme.json)", () => {
    const schema = JSON.parse(read('node_modules/app-builder-lib/scheme.json').toString('utf8')) as object;
    const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
    const validate = ajv.compile(schema);
    const body: Record<string, unknown> = { ...config };
    delete body['$schema'];
    expect(validate(body), JSON.stringify(validate.errors, null, 2)).toBe(true);
    // The schema really is checked: a wrong type fails it.
    expect(validate({ ...body, asar: 'yes' })).toBe(false);
  });

  it('packs into an asar with the fuses that keep it from being run as Node or patched', () => {
    expect(config['asar']).toBe(true);
    // Native code cannot run from inside an asar: SQLite, and esbuild, which tsx runs to load the app's TypeScript.
    expect(config['asarUnpack']).toEqual([
      'node_modules/better-sqlite3/**/*',
      'node_modules/esbuild/**/*',
      'node_modules/@esbuild/**/*',
    ]);
    expect(config['electronFuses']).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('builds NSIS, a DMG under the hardened runtime, an AppImage and a deb', () => {
    expect(config['appId']).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
    expect(config['productName']).toBe('crm-mail-logger');
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac).toMatchObject({
      target: ['dmg'],
      hardenedRuntime: true,
      entitlements: 'build/entitlements.mac.plist',
    });
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
  });

  it('ships the companion, the built window, add-in and preload, and the production node_modules', () => {
    for (const entry of [
      'electron/**/*',
      'shared/**/*',
      'renderer/dist/**/*',
      'addin/dist/**/*',
      'dist/app/**/*',
    ]) {
      expect(config.files).toContain(entry);
    }
    expect(config.files).toContain('node_modules/**/*');
    expect(config.extraMetadata.main).toBe('electron/app/entry.mjs');
    expect(fs.existsSync(path.join(root, config.extraMetadata.main))).toBe(true);
  });

  it('the entitlements grant JIT alone: no debugger attach, no library-validation or DYLD exception', () => {
    const plist = read('build/entitlements.mac.plist').toString('utf8');
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1]);
    expect(keys).toEqual(['com.apple.security.cs.allow-jit']);
  });

  it('has real icons: PNG 16 to 1024, an .ico and an .icns holding PNGs', () => {
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      expect(pngSize(read(`build/icons/${size}x${size}.png`))).toEqual([size, size]);
    }
    expect(pngSize(read('build/icons/icon.png'))).toEqual([512, 512]);
    const ico = read(config.win.icon);
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 7]);
    expect(ico[6 + 16 * 6]).toBe(0); // the last entry is 256 px, written as 0
    const icns = read(config.mac.icon);
    expect(icns.subarray(0, 4).toString('ascii')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    expect(pngSize(read('electron/app/assets/tray.png'))).toEqual([16, 16]);
    expect(pngSize(read('electron/app/assets/tray-failure@2x.png'))).toEqual([32, 32]);
  });
});
