import type {
  App,
  BrowserWindow,
  BrowserWindowConstructorOptions,
  Clipboard,
  Dialog,
  IpcMain,
  Shell,
} from 'electron';
import type { ProxyFor } from '../core/api/proxy.js';
import type { FrameGrabber } from '../core/thumbnails/thumbnail.js';
import type { NotifierDeps } from './notifier.js';
import type { SettingsFile } from './settings-file.js';
import type { SafeStorageLike } from './token-vault.js';
import type { TrayDeps } from './tray-controller.js';

/** The slices of Electron the app uses, passed in so tests can hand over fakes. */
export interface ElectronDeps {
  app: Pick<App, 'quit' | 'setLoginItemSettings'>;
  createWindow: (options: BrowserWindowConstructorOptions) => BrowserWindow;
  createTray: TrayDeps['createTray'];
  buildMenu: TrayDeps['buildMenu'];
  icons: TrayDeps['icons'];
  createNotification: NotifierDeps['create'];
  safeStorage: SafeStorageLike;
  shell: Pick<Shell, 'openExternal' | 'openPath' | 'showItemInFolder'>;
  clipboard: Pick<Clipboard, 'readText' | 'writeText'>;
  dialog: Pick<Dialog, 'showOpenDialog'>;
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
}

export interface AppPaths {
  userData: string;
  tokenFile: string;
  preload: string;
  /** file:// URL of the renderer page. */
  page: string;
}

export interface AppControllerDeps {
  electron: ElectronDeps;
  paths: AppPaths;
  settingsFile: SettingsFile;
  platform?: NodeJS.Platform;
  /** The proxy for a URL (the OS's settings, through Chromium); without it, the environment's. */
  proxyFor?: ProxyFor;
  /** Takes the first frame of a saved video (a hidden window in the app); without it, no such stills. */
  frameGrabber?: FrameGrabber;
  log: (message: string) => void;
}
