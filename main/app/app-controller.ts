import path from 'node:path';
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import type { AppControllerDeps, ElectronDeps } from './app-deps.js';
import { applySettingsPatch, type Settings } from '../core/settings.js';
import { ThumbnailCache } from '../core/thumbnails/thumbnail-cache.js';
import { channelName, type AppState, type EventChannel, type EventPayload } from '../ipc/contract.js';
import type { AppCommands } from './app-commands.js';
import { appIpcHandlers } from './app-ipc.js';
import { registerIpcHandlers } from './ipc-handlers.js';
import { appStateOf } from './app-state.js';
import { toJobView } from './job-view.js';
import { jobsFromArgs } from './launch-args.js';
import { createMainWindow } from './main-window.js';
import { Notifier } from './notifier.js';
import { openMediaFile } from './open-media.js';
import { RemovedJobs } from './removed-jobs.js';
import { Session } from './session.js';
import { trayStateOf, wireSession } from './session-events.js';
import { TokenVault } from './token-vault.js';
import { trayActions } from './tray-actions.js';
import { TrayController } from './tray-controller.js';
import { isAppPage } from './url-policy.js';

export type { AppControllerDeps, AppPaths, ElectronDeps } from './app-deps.js';

type View = EventPayload<'showView'>;

/** Settings the running engine was built with: changing one opens a new session. */
const ENGINE_SETTINGS = [
  'apiBaseUrl',
  'pollIntervalSec',
  'autoDiscovery',
  'discoverV1',
  'discoverV2Scheduler',
  'discoverV2Videos',
  'downloadFolder',
  'autoDownload',
] as const satisfies readonly (keyof Settings)[];

/** The one place the Electron edge meets the core: tray, window, notifications, IPC, token, settings. */
export class AppController implements AppCommands {
  readonly electron: ElectronDeps;
  readonly vault: TokenVault;
  session: Session | undefined;
  settings: Settings;
  readonly thumbnails: ThumbnailCache | undefined;
  #window: BrowserWindow | undefined;
  #tray: TrayController | undefined;
  #notifier: Notifier;
  #quitting = false;
  #renderQueued = false;
  #offIpc: (() => void) | undefined;
  #offSession: (() => void)[] = [];
  #switching: Promise<void> = Promise.resolve();
  readonly #removed = new RemovedJobs();

  constructor(private readonly deps: AppControllerDeps) {
    this.electron = deps.electron;
    this.vault = new TokenVault(deps.electron.safeStorage, deps.paths.tokenFile, deps.platform);
    this.settings = deps.settingsFile.read();
    const grabber = deps.frameGrabber;
    const dir = path.join(deps.paths.userData, 'thumbnails');
    this.thumbnails = grabber && new ThumbnailCache({ dir, grabber, log: deps.log });
    this.#notifier = new Notifier({
      create: deps.electron.createNotification,
      store: () => this.session?.store,
      settings: () => this.settings,
      openFile: (file) => void openMediaFile(this.electron.shell, file),
      revealFile: (file) => this.electron.shell.showItemInFolder(file),
      showJob: (jobid) => this.openWindow('jobs', jobid),
      showJobs: () => this.openWindow('jobs'),
      showSettings: () => this.openWindow('settings'),
    });
  }

  /** Registers IPC before any window exists, then the tray, then the engine. */
  async start(argv: readonly string[] = []): Promise<void> {
    this.#offIpc = registerIpcHandlers(
      this.electron.ipcMain,
      appIpcHandlers(this),
      (e) => this.#trusted(e),
      this.deps.log,
    );
    this.#tray = new TrayController({
      createTray: this.electron.createTray,
      buildMenu: this.electron.buildMenu,
      icons: this.electron.icons,
      actions: trayActions(this, this.deps.log),
    });
    if (this.vault.get()) await this.#switchTo(() => Session.open(this.#sessionConfig()));
    else this.#renderTray();
    this.electron.app.setLoginItemSettings({ openAtLogin: this.settings.launchAtLogin });
    this.handleArgs(argv, false);
  }

  /**
   * A second launch (or a clicked pixverse-tray:// link) forwards its arguments here and brings the
   * window up; at start-up the window only opens when the arguments named a job.
   */
  handleArgs(argv: readonly string[], focus = true): void {
    const jobs = jobsFromArgs(argv);
    for (const { jobid, source } of jobs) this.session?.scheduler.track(jobid, source);
    if (focus || jobs.length > 0) this.openWindow('jobs');
  }

  state(): AppState {
    return appStateOf(this.session, this.vault.status());
  }

  /** Stops tracking a job; the window and the tray forget it too. Undo is `restoreJob`. */
  removeJob(jobid: string): boolean {
    const removed = this.session ? this.#removed.remove(this.session, jobid) : false;
    if (removed) {
      this.#send('jobRemoved', jobid);
      this.#renderTray();
    }
    return removed;
  }

  /** Undo of removeJob: the job comes back exactly as it was (no second notification or download). */
  restoreJob(jobid: string): boolean {
    const job = this.session && this.#removed.restore(this.session, jobid, this.settings.autoDownload);
    if (!job) return false;
    this.#send('jobChanged', toJobView(job, this.session));
    this.#renderTray();
    return true;
  }

  openWindow(view: View = 'jobs', select?: string): void {
    const show = () => {
      this.#send('showView', view);
      if (select !== undefined) this.#send('selectJob', select);
    };
    if (!this.#window || this.#window.isDestroyed()) {
      this.#window = createMainWindow({
        createWindow: this.electron.createWindow,
        shell: this.electron.shell,
        preloadPath: this.deps.paths.preload,
        pageUrl: this.deps.paths.page,
        isQuitting: () => this.#quitting,
      });
      // A new window shows itself on ready-to-show: no blank flash.
      this.#window.webContents.once('did-finish-load', show);
      return;
    }
    show();
    this.#window.show();
    this.#window.focus();
  }

  async startDemo(): Promise<void> {
    await this.#switchTo(() => Session.openDemo(this.#sessionConfig()));
    this.openWindow('jobs');
  }

  async setToken(token: string, acceptWeak: boolean) {
    const result = this.vault.set(token, acceptWeak || this.settings.acceptWeakTokenStorage);
    if (!result.ok) return result;
    this.#notifier.credentialsFixed();
    if (!this.session || this.session.simulator)
      await this.#switchTo(() => Session.open(this.#sessionConfig()));
    else this.session.scheduler.tokenChanged();
    this.#pushState();
    return result;
  }

  async clearToken(): Promise<void> {
    this.vault.clear();
    if (this.session && !this.session.simulator) await this.#switchTo(undefined);
    this.#pushState();
  }

  async updateSettings(patch: unknown): Promise<Settings> {
    const previous = this.settings;
    const next = applySettingsPatch(previous, patch);
    this.deps.settingsFile.write(next);
    this.settings = next;
    if (next.launchAtLogin !== previous.launchAtLogin)
      this.electron.app.setLoginItemSettings({ openAtLogin: next.launchAtLogin });
    const engineChanged = ENGINE_SETTINGS.some((key) => next[key] !== previous[key]);
    if (engineChanged && this.session && !this.session.simulator)
      await this.#switchTo(() => Session.open(this.#sessionConfig()));
    return next;
  }

  async quit(): Promise<void> {
    this.#quitting = true;
    await this.#switchTo(undefined);
    this.#offIpc?.();
    this.#tray?.destroy();
    this.electron.app.quit();
  }

  #sessionConfig() {
    return {
      settings: this.settings,
      getToken: () => this.vault.get(),
      storeDir: this.deps.paths.userData,
      proxyFor: this.deps.proxyFor,
      log: this.deps.log,
    };
  }

  /**
   * Stops the running session and flushes its store before the next one is opened (it reads the
   * same jobs database), one switch at a time: a job added just before a settings change is kept.
   */
  #switchTo(open: (() => Session | Promise<Session>) | undefined): Promise<void> {
    const switched = this.#switching.then(async () => {
      const previous = this.session;
      this.session = undefined;
      for (const off of this.#offSession.splice(0)) off();
      this.#removed.clear(previous);
      await previous?.stop();
      const next = await open?.();
      this.session = next;
      if (next) {
        this.#wire(next);
        next.start();
      }
      this.#renderTray();
      this.#pushState();
    });
    this.#switching = switched.catch(() => {});
    return switched;
  }

  #wire(session: Session): void {
    this.#offSession.push(
      ...wireSession(session, {
        jobChanged: (view) => this.#send('jobChanged', view),
        renderTray: () => this.#renderTray(),
        stateChanged: () => this.#pushState(),
        finished: (job) => this.#notifier.jobFinished(job),
        saved: (job, key, file) => this.#notifier.saved(job, key, file),
        saveFailed: (job, key, message) => this.#notifier.saveFailed(job, key, message),
        credentialsProblem: (message) => this.#notifier.credentialsProblem(message),
        accountProblem: (problem) => this.#notifier.accountProblem(problem),
        log: this.deps.log,
      }),
    );
  }

  /** Coalesced: a burst of job events rebuilds the menu once. */
  #renderTray(): void {
    if (this.#renderQueued) return;
    this.#renderQueued = true;
    queueMicrotask(() => {
      this.#renderQueued = false;
      this.#tray?.render(trayStateOf(this.session, this.vault.status().set));
    });
  }

  #pushState(): void {
    this.#send('stateChanged', this.state());
  }

  #send<E extends EventChannel>(event: E, payload: EventPayload<E>): void {
    const contents = this.#window && !this.#window.isDestroyed() ? this.#window.webContents : undefined;
    contents?.send(channelName(event), payload);
  }

  /** Only our own window, showing our own page, may call in. */
  #trusted(event: IpcMainInvokeEvent): boolean {
    const win = this.#window;
    if (!win || win.isDestroyed() || event.sender !== win.webContents) return false;
    const url = event.senderFrame?.url;
    return url !== undefined && isAppPage(url, this.deps.paths.page);
  }
}
