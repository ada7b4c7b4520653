import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Loaded from file:// in Electron: every URL relative.
  base: './',
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // The polyfill is an inline script, which the CSP forbids (Chromium needs none).
    modulePreload: { polyfill: false },
    target: 'chrome120',
    sourcemap: true,
  },
});
