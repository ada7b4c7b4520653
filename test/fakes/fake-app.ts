import { Emitter, FakeEvent } from './fake-emitter.js';

/** Electron's `app`: a test sets the paths and the lock, fires its events, and settles `whenReady`. */
export class FakeApp extends Emitter {
  quitCalls = 0;
  loginItem = { openAtLogin: false };
  paths: Record<string, string> = {};
  /** What requestSingleInstanceLock answers: false when another instance runs. */
  singleInstance = true;
  appUserModelId: string | undefined;
  protocols: string[] = [];
  readonly dock = { hidden: false, hide: () => void (this.dock.hidden = true) };
  #ready = Promise.resolve();
  quit() {
    this.quitCalls++;
  }
  setLoginItemSettings(settings: { openAtLogin: boolean }) {
    this.loginItem = settings;
  }
  getPath(name: string): string {
    const found = this.paths[name];
    if (!found) throw new Error(`Failed to get '${name}' path`);
    return found;
  }
  requestSingleInstanceLock() {
    return this.singleInstance;
  }
  setAppUserModelId(id: string) {
    this.appUserModelId = id;
  }
  setAsDefaultProtocolClient(protocol: string) {
    this.protocols.push(protocol);
    return true;
  }
  whenReady() {
    return this.#ready;
  }
  /** Emits as Electron does, returning the event so a test can see whether the default was prevented. */
  fire(event: string, ...args: unknown[]): FakeEvent {
    const e = new FakeEvent();
    this.emit(event, e, ...args);
    return e;
  }
  reset() {
    this.removeAllListeners();
    Object.assign(this, {
      quitCalls: 0,
      loginItem: { openAtLogin: false },
      paths: {},
      singleInstance: true,
      appUserModelId: undefined,
      protocols: [],
    });
    this.dock.hidden = false;
  }
}
