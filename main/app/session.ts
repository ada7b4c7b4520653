import path from 'node:path';
import { systemClock, type Clock } from '../core/clock.js';
import { DownloadQueue } from '../core/downloads/download-queue.js';
import { defaultTransport } from '../core/downloads/transport.js';
import { createScheduler, openJobStore } from '../core/engine.js';
import { describeRecovery } from '../core/store/job-store-file.js';
import type { JobStore } from '../core/store/job-store.js';
import type { PollScheduler } from '../core/polling/poll-scheduler.js';
import type { ProxyFor } from '../core/api/proxy.js';
import { discoveryOf, type Settings } from '../core/settings.js';
import { Simulator } from '../core/simulator/simulator.js';

const PRUNE_EVERY_MS = 6 * 60 * 60 * 1000;
/** How often the app looks for jobs the CLI added or changed in the shared database (a cheap check). */
const FOLLOW_EVERY_MS = 1000;

export interface LiveProgress {
  bytes: number;
  total: number | undefined;
  rate: number;
}

export interface SessionConfig {
  settings: Settings;
  getToken: () => string | undefined;
  storeDir: string;
  clock?: Clock;
  proxyFor?: ProxyFor;
  log: (message: string) => void;
}

/** One running engine: a job store, its scheduler and its download queue (and, in demo mode, a simulator). */
export class Session {
  #pruneTimer: NodeJS.Timeout | undefined;
  #followTimer: NodeJS.Timeout | undefined;
  #unfollow: (() => void) | undefined;
  /** Live progress of running downloads (`jobid\nkey`): the store only records where they stopped. */
  readonly live = new Map<string, LiveProgress>();

  private constructor(
    readonly store: JobStore,
    readonly scheduler: PollScheduler,
    readonly downloads: DownloadQueue,
    readonly settings: Settings,
    readonly simulator?: Simulator,
  ) {}

  static open(config: SessionConfig, simulator?: Simulator): Session {
    const { settings } = config;
    const opened = openJobStore({
      storeDir: config.storeDir,
      clock: config.clock,
      onStoreError: (error) => config.log(error.message),
      getToken: config.getToken,
    });
    if (opened.recovered) config.log(`Job store: ${describeRecovery(opened.recovered)}`);
    const { scheduler } = createScheduler(opened.store, {
      baseUrl: simulator?.apiUrl ?? settings.apiBaseUrl,
      getToken: simulator ? () => simulator.token : config.getToken,
      policy: { intervalMs: settings.pollIntervalSec * 1000 },
      discoverNewJobs: settings.autoDiscovery,
      discovery: discoveryOf(settings),
      clock: simulator?.clock ?? config.clock,
      proxyFor: config.proxyFor,
    });
    const folder = simulator ? path.join(settings.downloadFolder, 'Demo') : settings.downloadFolder;
    const downloads = new DownloadQueue({
      store: opened.store,
      folder: () => folder,
      refresh: (jobid) => scheduler.refresh(jobid),
      clock: config.clock ?? systemClock,
      transport: defaultTransport(config.proxyFor),
    });
    const session = new Session(opened.store, scheduler, downloads, settings, simulator);
    downloads.on('download-progress', (p) =>
      session.live.set(`${p.jobid}\n${p.key}`, { bytes: p.bytes, total: p.total, rate: p.rate }),
    );
    const forget = ({ jobid, key }: { jobid: string; key: string }) =>
      session.live.delete(`${jobid}\n${key}`);
    downloads.on('download-saved', forget);
    downloads.on('download-failed', forget);
    return session;
  }

  /** The demo: a local simulator with time running 30× faster and a few jobs that come and go. */
  static async openDemo(config: SessionConfig): Promise<Session> {
    const simulator = await Simulator.start({ timeScale: 30, recordRequests: false });
    const session = Session.open({ ...config, storeDir: path.join(config.storeDir, 'demo') }, simulator);
    const prompts = [
      ['A red fox running through fresh snow at dawn', 'completed'],
      ['Timelapse of a city skyline from day to night', 'completed'],
      ['A paper boat sailing down a rainy street', 'failed'],
      ['A forbidden prompt', 'moderated'],
    ] as const;
    prompts.forEach(([prompt, outcome], i) => {
      const job = simulator.addJob({
        prompt,
        outcome,
        durationMs: (2 + i) * 60_000,
        videoSize: 2 * 1024 * 1024,
      });
      session.scheduler.track(job.jobid);
    });
    return session;
  }

  start(): void {
    this.scheduler.start();
    if (this.settings.autoDownload) this.downloads.resumeAll();
    // A tray app runs for weeks: forget recycled jobs (over 31 days old) as it goes, not only at start.
    this.#pruneTimer = setInterval(() => this.store.prune(), PRUNE_EVERY_MS);
    this.#pruneTimer.unref();
    // The CLI may share this database: poll the active jobs it adds (a finished one is claimed once).
    this.#unfollow = this.store.follow((jobids) => {
      for (const jobid of jobids) if (this.store.get(jobid)?.state === 'active') this.scheduler.track(jobid);
    });
    this.#followTimer = setInterval(() => this.store.refresh(), FOLLOW_EVERY_MS);
    this.#followTimer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.#pruneTimer);
    clearInterval(this.#followTimer);
    this.#unfollow?.();
    this.downloads.stop();
    this.scheduler.stop();
    this.store.flush();
    this.store.close();
    await this.simulator?.close();
  }
}
