/**
 * `npm run build:addin`: the add-in's pages into addin/dist, served by the companion at /addin/ (docs/addin.md).
 * Two builds: the panes as pages (React, Fluent UI), and the launch events as ONE classic script, because
 * classic Outlook on Windows loads that file alone in a JavaScript-only runtime that has no module loader.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

// A production bundle whoever runs this (vitest sets NODE_ENV=test, which would give React's development build).
process.env.NODE_ENV = 'production';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'addin');
const outDir = path.join(root, 'dist');

await build({
  root,
  base: '/addin/',
  configFile: false,
  logLevel: 'warn',
  plugins: [react()],
  publicDir: path.join(root, 'public'),
  build: {
    outDir,
    emptyOutDir: true,
    rollupOptions: {
      input: {
        compose: path.join(root, 'compose.html'),
        read: path.join(root, 'read.html'),
        commands: path.join(root, 'commands.html'),
      },
    },
  },
});

await build({
  root,
  configFile: false,
  logLevel: 'warn',
  publicDir: false,
  build: {
    outDir,
    emptyOutDir: false,
    lib: {
      entry: path.join(root, 'events', 'launch-events.ts'),
      formats: ['iife'],
      name: 'crmMailLoggerEvents',
      fileName: () => 'events.js',
    },
  },
});
console.log(`add-in pages written to ${path.relative(process.cwd(), outDir)}`);
