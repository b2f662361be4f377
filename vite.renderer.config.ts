import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The tray window's bundle (`npm run build:renderer`). The companion serves renderer/dist under a strict CSP
// (script-src 'self'), so the build emits no inline script and the module preload polyfill (inline) is off.
export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    // Fluent and recharts make one large chunk; the window loads it from localhost, so size is not latency.
    chunkSizeWarningLimit: 2500,
    sourcemap: false,
  },
});
