import type { BrowserWindow, BrowserWindowConstructorOptions, Shell } from 'electron';
import { isAllowedExternalUrl, isAppPage } from './url-policy.js';

export interface MainWindowDeps {
  createWindow: (options: BrowserWindowConstructorOptions) => BrowserWindow;
  shell: Pick<Shell, 'openExternal'>;
  preloadPath: string;
  /** file:// URL of the built renderer page. */
  pageUrl: string;
  /** True once the user chose Quit: closing then really closes. */
  isQuitting: () => boolean;
}

export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
} as const;

/** Opens an external link only when it passes the allow list. Returns whether it did. */
export function openExternalSafely(shell: Pick<Shell, 'openExternal'>, url: unknown): boolean {
  if (!isAllowedExternalUrl(url)) return false;
  void shell.openExternal(url as string);
  return true;
}

/** The jobs window: hidden until ready, locked to its own page, hidden (not closed) on close. */
export function createMainWindow(deps: MainWindowDeps): BrowserWindow {
  const win = deps.createWindow({
    width: 960,
    height: 700,
    minWidth: 560,
    minHeight: 400,
    show: false,
    title: 'PixVerse Tray',
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: deps.preloadPath },
  });
  const contents = win.webContents;
  win.once('ready-to-show', () => win.show());
  contents.on('will-navigate', (event, url) => {
    if (!isAppPage(url, deps.pageUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppPage(url, deps.pageUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(deps.shell, url);
    return { action: 'deny' };
  });
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  contents.session.setPermissionCheckHandler(() => false);
  win.on('close', (event) => {
    if (deps.isQuitting()) return;
    event.preventDefault();
    win.hide();
  });
  void win.loadURL(deps.pageUrl);
  return win;
}
