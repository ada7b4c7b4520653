/**
 * The one fake of the `electron` module the app's units are tested with: small classes that record
 * what they were asked and let a test fire the events Electron would. Vitest maps `electron` here.
 */
import { FakeApp } from './fake-app.js';
import { Emitter, FakeEvent, type Listener } from './fake-emitter.js';

export { FakeEvent };

let nextId = 1;

export class FakeWebContents extends Emitter {
  readonly id = nextId++;
  readonly sent: { channel: string; payload: unknown }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  permissionRequestHandler: Listener | undefined;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | undefined;
  readonly session = {
    setPermissionRequestHandler: (handler: Listener) => (this.permissionRequestHandler = handler),
    setPermissionCheckHandler: (handler: (...args: unknown[]) => boolean) =>
      (this.permissionCheckHandler = handler),
  };
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload });
  }
  /** The rectangles capturePage was asked for. */
  readonly captures: { x: number; y: number; width: number; height: number }[] = [];
  /** A stand-in picture: its JPEG is a JPEG's signature, then the rectangle's size and the quality. */
  capturePage(rect: { x: number; y: number; width: number; height: number }) {
    this.captures.push(rect);
    return Promise.resolve({
      toJPEG: (quality: number) =>
        Buffer.from([0xff, 0xd8, 0xff, rect.width % 256, rect.height % 256, quality]),
    });
  }
  /** Fires will-navigate (or another navigation event) and says whether it was blocked. */
  navigate(url: string, event = 'will-navigate'): boolean {
    const e = new FakeEvent();
    this.emit(event, e, url);
    return e.defaultPrevented;
  }
}

export class BrowserWindow extends Emitter {
  static readonly all: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  visible = false;
  destroyed = false;
  loadedUrl: string | undefined;
  constructor(readonly options: { show?: boolean; webPreferences?: Record<string, unknown> }) {
    super();
    BrowserWindow.all.push(this);
  }
  loadURL(url: string) {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show() {
    this.visible = true;
  }
  hide() {
    this.visible = false;
  }
  focused = 0;
  focus() {
    this.focused++;
  }
  isDestroyed() {
    return this.destroyed;
  }
  destroy() {
    this.destroyed = true;
  }
  /** What closing the window would do; returns whether the close was prevented. */
  tryClose(): boolean {
    const e = new FakeEvent();
    this.emit('close', e);
    if (!e.defaultPrevented) this.destroyed = true;
    return e.defaultPrevented;
  }
}

export interface FakeMenu {
  items: { label?: string; type?: string; enabled?: boolean; click?: () => void; submenu?: unknown }[];
}

export const Menu = {
  buildFromTemplate: (template: FakeMenu['items']): FakeMenu => ({ items: template }),
};

export class Tray extends Emitter {
  static readonly all: Tray[] = [];
  /** Set to make the next tray fail, as on a desktop without a system tray. */
  static failWith: Error | undefined;
  menu: FakeMenu | undefined;
  tooltip = '';
  menuSets = 0;
  destroyed = false;
  constructor(public image: unknown) {
    super();
    const failure = Tray.failWith;
    Tray.failWith = undefined;
    if (failure) throw failure;
    Tray.all.push(this);
  }
  setContextMenu(menu: FakeMenu) {
    this.menu = menu;
    this.menuSets++;
  }
  setToolTip(text: string) {
    this.tooltip = text;
  }
  setImage(image: unknown) {
    this.image = image;
  }
  destroy() {
    this.destroyed = true;
  }
  labels(): string[] {
    return (this.menu?.items ?? []).filter((i) => i.type !== 'separator').map((i) => i.label ?? '');
  }
  /** Clicks an item, or with `inSubmenu` the item of that label in its submenu. */
  click(label: string | RegExp, inSubmenu?: string) {
    const found = this.menu?.items.find((i) =>
      typeof label === 'string' ? i.label === label : label.test(i.label ?? ''),
    );
    const item = inSubmenu
      ? (found?.submenu as { label?: string; click?: () => void }[] | undefined)?.find(
          (i) => i.label === inSubmenu,
        )
      : found;
    if (!item?.click) throw new Error(`No menu item ${String(label)} in ${JSON.stringify(this.labels())}`);
    item.click();
  }
}

export class Notification extends Emitter {
  static readonly shown: Notification[] = [];
  closed = false;
  constructor(readonly options: { title?: string; body?: string }) {
    super();
  }
  show() {
    Notification.shown.push(this);
  }
  close() {
    this.closed = true;
    this.emit('close');
  }
}

export const nativeImage = {
  createFromPath: (path: string) => ({
    path,
    template: false,
    setTemplateImage(template: boolean) {
      this.template = template;
    },
  }),
};

/** A stand-in for the OS keychain: XOR, so the stored bytes never contain the plain text. */
export const safeStorage = {
  available: true,
  backend: 'gnome_libsecret' as 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'unknown',
  broken: false,
  isEncryptionAvailable() {
    return this.available;
  },
  getSelectedStorageBackend() {
    return this.backend;
  },
  encryptString(text: string) {
    return Buffer.from(Buffer.from(text, 'utf8').map((b) => b ^ 0xa5));
  },
  decryptString(cipher: Buffer) {
    if (this.broken)
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(cipher.map((b) => b ^ 0xa5)).toString('utf8');
  },
};

export const shell = {
  opened: [] as string[],
  external: [] as string[],
  revealed: [] as string[],
  openExternal(url: string) {
    this.external.push(url);
    return Promise.resolve();
  },
  openPath(path: string) {
    this.opened.push(path);
    return Promise.resolve('');
  },
  showItemInFolder(path: string) {
    this.revealed.push(path);
  },
};

export const clipboard = {
  text: '',
  readText() {
    return this.text;
  },
  writeText(text: string) {
    this.text = text;
  },
};

export const dialog = {
  next: { canceled: true, filePaths: [] as string[] },
  errorBoxes: [] as { title: string; content: string }[],
  showOpenDialog() {
    return Promise.resolve(this.next);
  },
  showErrorBox(title: string, content: string) {
    this.errorBoxes.push({ title, content });
  },
};

export const session = {
  defaultSession: {
    resolveProxy: (_url: string) => Promise.resolve('DIRECT'),
  },
};

export const ipcMain = {
  handlers: new Map<string, Listener>(),
  handle(channel: string, handler: Listener) {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  },
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  },
  /** Calls a handler as Electron would for a message from `sender` showing `frameUrl`. */
  invoke(channel: string, sender: FakeWebContents, frameUrl: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel) as ((...a: unknown[]) => unknown) | undefined;
    if (!handler) throw new Error(`No handler for ${channel}`);
    return Promise.resolve().then(() => handler({ sender, senderFrame: { url: frameUrl } }, ...args));
  },
};

export const app = new FakeApp();

/** Puts every fake back as new, between tests. */
export function resetFakes(): void {
  BrowserWindow.all.length = 0;
  Tray.all.length = 0;
  Tray.failWith = undefined;
  Notification.shown.length = 0;
  Object.assign(safeStorage, { available: true, backend: 'gnome_libsecret', broken: false });
  Object.assign(shell, { opened: [], external: [], revealed: [] });
  clipboard.text = '';
  dialog.next = { canceled: true, filePaths: [] };
  dialog.errorBoxes = [];
  ipcMain.handlers.clear();
  app.reset();
}
