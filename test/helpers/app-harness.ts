import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach } from 'vitest';
import { AppController, type AppControllerDeps } from '../../main/app/app-controller.js';
import { settingsFile } from '../../main/app/settings-file.js';
import type { Settings } from '../../main/core/settings.js';
import * as electron from '../fakes/electron.js';

const open: AppController[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const controller of open.splice(0)) await controller.quit();
  dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
  electron.resetFakes();
});

export function appDirs() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pxt-app-'));
  dirs.push(root);
  const userData = path.join(root, 'userData');
  fs.mkdirSync(userData);
  return { root, userData, downloads: path.join(root, 'Downloads') };
}

export type AppDirs = ReturnType<typeof appDirs>;

/** Loopback's discard port: nothing listens, every request is refused at once. */
export const UNREACHABLE_API = 'http://127.0.0.1:9';

/** A queryJobs page holding every job a test makes (the window's newest-first order). */
export const EVERY_JOB = { filter: 'all', search: '', offset: 0, limit: 500 } as const;

/** An AppController on the fake Electron, with real files in temp folders and settings in memory. */
export function makeApp(
  dirs: AppDirs,
  settings: Partial<Settings> = {},
  platform: NodeJS.Platform = 'linux',
  pageUrl?: string,
  extra: Pick<AppControllerDeps, 'proxyFor' | 'frameGrabber'> = {},
) {
  const logs: string[] = [];
  const settingsPath = path.join(dirs.userData, 'settings.json');
  const stored = fs.existsSync(settingsPath) ? JSON.parse(fs.readFileSync(settingsPath, 'utf8')) : {};
  const backend = {
    // Tests never reach the real API: unless a test names its simulator, nothing listens there.
    value: { downloadFolder: dirs.downloads, apiBaseUrl: UNREACHABLE_API, ...stored, ...settings } as unknown,
    get() {
      return this.value;
    },
    set(value: Settings) {
      this.value = value;
      fs.writeFileSync(settingsPath, JSON.stringify(value, null, '\t'), { mode: 0o600 });
    },
  };
  backend.set(backend.value as Settings); // as settings.json holds them on disk
  const page = pageUrl ?? pathToFileURL(path.join(dirs.root, 'renderer', 'index.html')).href;
  const tray: { current?: electron.Tray } = {};
  const controller = new AppController({
    electron: {
      app: electron.app as never,
      createWindow: (options) => new electron.BrowserWindow(options as never) as never,
      createTray: (image) => (tray.current = new electron.Tray(image)) as never,
      buildMenu: (template) => electron.Menu.buildFromTemplate(template as never) as never,
      icons: { normal: 'normal', paused: 'paused', problem: 'problem' } as never,
      createNotification: (options) => new electron.Notification(options) as never,
      safeStorage: electron.safeStorage,
      shell: electron.shell,
      clipboard: electron.clipboard,
      dialog: electron.dialog as never,
      ipcMain: electron.ipcMain as never,
    },
    paths: {
      userData: dirs.userData,
      tokenFile: path.join(dirs.userData, 'token.bin'),
      preload: '/app/preload.cjs',
      page,
    },
    settingsFile: settingsFile(backend, dirs.downloads, (line) => logs.push(line)),
    platform,
    log: (line) => logs.push(line),
    ...extra,
  });
  open.push(controller);
  const window = () => electron.BrowserWindow.all.at(-1)!;
  const invoke = (channel: string, ...args: unknown[]) =>
    electron.ipcMain.invoke(`pixverse:${channel}`, window().webContents, page, ...args);
  return { controller, tray: () => tray.current!, window, invoke, page, logs, backend };
}

/** Writes a token the way the vault does, before the app starts. */
export function storeToken(dirs: AppDirs, token: string): void {
  fs.writeFileSync(path.join(dirs.userData, 'token.bin'), electron.safeStorage.encryptString(token), {
    mode: 0o600,
  });
}

export { until } from './until.js';
