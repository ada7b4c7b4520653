// Electron entry: wires the app's units (main/app) around the core with the real Electron modules.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
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
import { proxyFromPac } from './core/proxy.js';
import { AppController } from './app/app-controller.js';
import { PROTOCOL } from './app/launch-args.js';
import { openExternalSafely } from './app/main-window.js';
import { redactSecrets } from './app/redact.js';
import { settingsFile, settingsFileBackend } from './app/settings-file.js';

const APP_ID = 'net.pixversetray.app'; // equals appId in electron-builder.yml (Windows notifications need it)
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
let controller: AppController | undefined;

log.initialize();
log.transports.file.maxSize = 1024 * 1024; // rotates to main.old.log
log.hooks.push((message) => ({
  ...message,
  data: message.data.map((d) => redactSecrets(d, controller?.vault.get())),
}));
const logLine = (line: string) => log.info(line);

// On macOS the template images are 16 pt; nativeImage picks up their @2x files for Retina screens.
function icon(name: string) {
  const image = nativeImage.createFromPath(path.join(root, 'assets', name));
  if (process.platform === 'darwin') image.setTemplateImage(true);
  return image;
}

async function start(): Promise<void> {
  const isMac = process.platform === 'darwin';
  controller = new AppController({
    electron: {
      app,
      createWindow: (options) => new BrowserWindow(options),
      createTray: (image) => new Tray(image),
      buildMenu: (template) => Menu.buildFromTemplate(template),
      icons: {
        normal: icon(isMac ? 'trayTemplate.png' : 'tray.png'),
        paused: icon(isMac ? 'trayPausedTemplate.png' : 'tray-paused.png'),
        problem: icon(isMac ? 'trayProblemTemplate.png' : 'tray-problem.png'),
      },
      createNotification: (options) => new Notification(options),
      safeStorage,
      shell,
      clipboard,
      dialog,
      ipcMain,
    },
    paths: {
      userData: app.getPath('userData'),
      tokenFile: path.join(app.getPath('userData'), 'token.bin'),
      preload: path.join(here, 'preload.cjs'),
      page: pathToFileURL(path.join(root, 'dist', 'renderer', 'index.html')).href,
    },
    // settings.json and jobs.json (the job store's default writer) keep electron-store's file format.
    settingsFile: settingsFile(
      settingsFileBackend(path.join(app.getPath('userData'), 'settings.json'), logLine),
      path.join(app.getPath('downloads'), 'PixVerse Tray'),
      logLine,
    ),
    // The OS's proxy settings (and PAC scripts), as Chromium resolves them for each URL.
    proxyFor: async (url) => proxyFromPac(await session.defaultSession.resolveProxy(url)),
    log: logLine,
  });
  await controller.start(process.argv.slice(1));
  if (process.argv.includes('--demo')) await controller.startDemo();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.setAppUserModelId(APP_ID);
  app.dock?.hide(); // a tray app: no dock icon on macOS
  app.setAsDefaultProtocolClient(PROTOCOL);
  app.on('second-instance', (_event, argv) => controller?.handleArgs(argv));
  app.on('open-url', (event, url) => {
    event.preventDefault(); // macOS delivers pixverse-tray:// links here
    controller?.handleArgs([url]);
  });
  // Closing the window keeps the app in the tray.
  app.on('window-all-closed', () => {});
  // Belt and braces for any web contents, not only the main window.
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(({ url }) => {
      openExternalSafely(shell, url);
      return { action: 'deny' };
    });
  });
  app.whenReady().then(start, (error: unknown) => {
    logLine(`PixVerse Tray could not start: ${(error as Error).message}`);
    app.quit();
  });
}
