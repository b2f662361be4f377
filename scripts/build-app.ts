/**
 * `npm run build:app`: the desktop app's preload as ONE CommonJS file, dist/app/preload.cjs. A sandboxed preload
 * (docs/security.md "Electron") can require nothing but 'electron', so shared/api and zod are bundled into it.
 * The main process needs no build: electron/app/entry.mjs runs it through tsx.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

await build({
  root,
  configFile: false,
  logLevel: 'warn',
  publicDir: false,
  build: {
    outDir: path.join(root, 'dist', 'app'),
    emptyOutDir: true,
    minify: false,
    sourcemap: false,
    target: 'node22',
    lib: {
      entry: path.join(root, 'electron', 'app', 'preload.ts'),
      formats: ['cjs'],
      fileName: () => 'preload.cjs',
    },
    rollupOptions: { external: ['electron'] },
  },
});
