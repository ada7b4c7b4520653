#!/usr/bin/env node
// `npm start` / `npm run demo`: Electron started as `electron` would start it, except that a missing
// Electron binary (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1, or its download failed) is said
// in one line with the way to fetch it, instead of Electron's "failed to install correctly" stack.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import console from 'node:console';
import process from 'node:process';

const FETCH =
  'Fetch it with `node node_modules/electron/install.js` (ELECTRON_SKIP_BINARY_DOWNLOAD unset), then run this again; ' +
  'the CLI (`npm run demo:cli`) needs no Electron.';

function electronBinary() {
  try {
    return createRequire(import.meta.url)('electron');
  } catch {
    return undefined; // the package's own check: no path.txt, the binary was never fetched
  }
}

const binary = electronBinary();
if (typeof binary !== 'string' || !fs.existsSync(binary)) {
  console.error(`The Electron binary is not installed. ${FETCH}`);
  process.exit(1);
}

const child = spawn(binary, process.argv.slice(2), { stdio: 'inherit', windowsHide: false });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('error', (error) => {
  console.error(`Electron could not be started (${error.message}). ${FETCH}`);
  process.exit(1);
});
child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
