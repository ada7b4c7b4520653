import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const page = (name: string) => fileURLToPath(new URL(name, import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Loaded from file:// in Electron: every URL relative.
  base: './',
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // The jobs window, and the hidden page the main process takes stills of saved videos with.
    rollupOptions: { input: { index: page('index.html'), 'frame-grab': page('frame-grab.html') } },
    // The polyfill is an inline script, which the CSP forbids (Chromium needs none).
    modulePreload: { polyfill: false },
    target: 'chrome120',
    sourcemap: true,
  },
});
