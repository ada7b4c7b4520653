// The Electron entry's wiring, given the Electron modules: main/index.ts passes the real ones, the
// tests the fake, so start-up, the demo, second instances and deep links run the same code in both.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  App,
  BrowserWindow,
  BrowserWindowConstructorOptions,
  Clipboard,
  Dialog,
  IpcMain,
  Menu,
  MenuItemConstructorOptions,
  NativeImage,
  Notification,
  NotificationConstructorOptions,
  Session as ElectronSession,
  Shell,
  Tray,
} from 'electron';
import { proxyFromPac } from '../core/api/proxy.js';
import { AppController } from './app-controller.js';
import { electronFrameGrabber } from './frame-grabber.js';
import { PROTOCOL } from './launch-args.js';
import { openExternalSafely } from './main-window.js';
import { settingsFile, settingsFileBackend } from './settings-file.js';
import type { SafeStorageLike } from './token-vault.js';

export const APP_ID = 'net.pixversetray.app'; // equals appId in electron-builder.yml (Windows notifications need it)

/** Tray icons per state; on macOS the template images (16 pt, with @2x files for Retina screens). */
export const TRAY_ICONS = {
  normal: { mac: 'trayTemplate.png', other: 'tray.png' },
  paused: { mac: 'trayPausedTemplate.png', other: 'tray-paused.png' },
  problem: { mac: 'trayProblemTemplate.png', other: 'tray-problem.png' },
} as const;

/** The parts of the `electron` module the app uses. */
export interface ElectronModules {
  app: Pick<
    App,
    | 'requestSingleInstanceLock'
    | 'quit'
    | 'setAppUserModelId'
    | 'setAsDefaultProtocolClient'
    | 'on'
    | 'whenReady'
    | 'getPath'
    | 'setLoginItemSettings'
  > & { dock?: { hide(): void } };
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow;
  Tray: new (image: NativeImage) => Tray;
  Menu: { buildFromTemplate(template: MenuItemConstructorOptions[]): Menu };
  Notification: new (options: NotificationConstructorOptions) => Notification;
  nativeImage: { createFromPath(path: string): NativeImage };
  safeStorage: SafeStorageLike;
  shell: Pick<Shell, 'openExternal' | 'openPath' | 'showItemInFolder'>;
  clipboard: Pick<Clipboard, 'readText' | 'writeText'>;
  dialog: Pick<Dialog, 'showOpenDialog' | 'showErrorBox'>;
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  session: { defaultSession: Pick<ElectronSession, 'resolveProxy'> };
}

export interface StartOptions {
  /** The process's arguments (`process.argv`). */
  argv: readonly string[];
  /** The app's root folder: `assets/` and `dist/renderer/` are under it. */
  root: string;
  preload: string;
  platform?: NodeJS.Platform;
  log: (line: string) => void;
}

export interface RunningApp {
  /** Settles once start-up succeeded (the controller) or failed (undefined, after saying so). */
  readonly ready: Promise<AppController | undefined>;
  controller(): AppController | undefined;
}

/** Wires the app: single-instance lock, protocol, app events, then the controller once Electron is ready. */
export function startApp(electron: ElectronModules, options: StartOptions): RunningApp {
  const { app } = electron;
  let controller: AppController | undefined;
  if (!app.requestSingleInstanceLock()) {
    app.quit(); // the first instance gets our arguments through 'second-instance'
    return { ready: Promise.resolve(undefined), controller: () => undefined };
  }
  // Links and second launches can arrive before start-up is done (a cold start from a clicked link).
  const early: string[][] = [];
  const handleArgs = (argv: string[]) => (controller ? controller.handleArgs(argv) : early.push(argv));
  app.setAppUserModelId(APP_ID);
  app.dock?.hide(); // a tray app: no dock icon on macOS
  app.setAsDefaultProtocolClient(PROTOCOL);
  app.on('second-instance', (_event, argv) => handleArgs(argv));
  app.on('open-url', (event, url) => {
    event.preventDefault(); // macOS delivers pixverse-tray:// links here
    handleArgs([url]);
  });
  // Closing the window keeps the app in the tray.
  app.on('window-all-closed', () => {});
  // Belt and braces for any web contents, not only the main window.
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(({ url }) => {
      openExternalSafely(electron.shell, url);
      return { action: 'deny' };
    });
  });

  const start = async (): Promise<AppController> => {
    const started = createController(electron, options);
    controller = started; // before start(): the log redaction needs its vault from the first line
    await started.start(options.argv.slice(1));
    for (const argv of early.splice(0)) started.handleArgs(argv);
    if (options.argv.includes('--demo')) await started.startDemo();
    return started;
  };
  const ready = app
    .whenReady()
    .then(start)
    .catch(async (error: unknown) => {
      // Never a silent tray icon that does nothing: say why, where the user looks, then quit.
      const message = error instanceof Error ? error.message : String(error);
      options.log(`PixVerse Tray could not start: ${error instanceof Error ? error.stack : message}`);
      electron.dialog.showErrorBox('PixVerse Tray could not start', message);
      const partly = controller; // stop what did start (its session flushes its store) before quitting
      controller = undefined;
      await partly?.quit().catch(() => {});
      app.quit();
      return undefined;
    });
  return { ready, controller: () => controller };
}

function createController(electron: ElectronModules, options: StartOptions): AppController {
  const { app } = electron;
  const platform = options.platform ?? process.platform;
  const userData = app.getPath('userData');
  const icon = (name: keyof typeof TRAY_ICONS) => {
    const image = electron.nativeImage.createFromPath(
      path.join(options.root, 'assets', TRAY_ICONS[name][platform === 'darwin' ? 'mac' : 'other']),
    );
    if (platform === 'darwin') image.setTemplateImage(true);
    return image;
  };
  return new AppController({
    electron: {
      app,
      createWindow: (windowOptions) => new electron.BrowserWindow(windowOptions),
      createTray: (image) => new electron.Tray(image),
      buildMenu: (template) => electron.Menu.buildFromTemplate(template),
      icons: { normal: icon('normal'), paused: icon('paused'), problem: icon('problem') },
      createNotification: (notificationOptions) => new electron.Notification(notificationOptions),
      safeStorage: electron.safeStorage,
      shell: electron.shell,
      clipboard: electron.clipboard,
      dialog: electron.dialog,
      ipcMain: electron.ipcMain,
    },
    paths: {
      userData,
      tokenFile: path.join(userData, 'token.bin'),
      preload: options.preload,
      page: pathToFileURL(path.join(options.root, 'dist', 'renderer', 'index.html')).href,
    },
    settingsFile: settingsFile(
      settingsFileBackend(path.join(userData, 'settings.json'), options.log),
      path.join(app.getPath('downloads'), 'PixVerse Tray'),
      options.log,
    ),
    // The OS's proxy settings (and PAC scripts), as Chromium resolves them for each URL.
    proxyFor: async (url) => proxyFromPac(await electron.session.defaultSession.resolveProxy(url)),
    // Stills of saved videos: a hidden offscreen window per grab, showing the bundled frame-grab page.
    frameGrabber: electronFrameGrabber({
      createWindow: (windowOptions) => new electron.BrowserWindow(windowOptions),
      pageUrl: pathToFileURL(path.join(options.root, 'dist', 'renderer', 'frame-grab.html')).href,
    }),
    platform,
    log: options.log,
  });
}
