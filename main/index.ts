// Electron entry: the real Electron modules and the log file; the wiring itself is startApp's.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  Notification,
  safeStorage,
  session,
  shell,
  Tray,
} from 'electron';
import log from 'electron-log/main';
import { redactSecrets } from './app/redact.js';
import { startApp } from './app/wire-app.js';

const here = path.dirname(fileURLToPath(import.meta.url));

log.initialize();
log.transports.file.maxSize = 1024 * 1024; // rotates to main.old.log
let secret: () => string | undefined = () => undefined;
log.hooks.push((message) => ({ ...message, data: message.data.map((d) => redactSecrets(d, secret())) }));

// Named imports, as before the wiring moved: the form Electron's ESM loader is known to provide.
const electron = {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  Notification,
  safeStorage,
  session,
  shell,
  Tray,
};
const running = startApp(electron, {
  argv: process.argv,
  root: path.resolve(here, '..', '..'),
  preload: path.join(here, 'preload.cjs'),
  log: (line) => log.info(line),
});
secret = () => running.controller()?.vault.get();
