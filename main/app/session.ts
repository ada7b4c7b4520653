import path from 'node:path';
import type { Clock } from '../core/clock.js';
import { accountOf } from '../core/api/v2/adapter.js';
import type { DownloadQueue } from '../core/downloads/download-queue.js';
import { pruneRecycledJobs } from '../core/downloads/forgotten-parts.js';
import { createEngine, type Engine } from '../core/engine.js';
import { describeRecovery } from '../core/store/job-store-file.js';
import type { JobStore } from '../core/store/job-store.js';
import type { PollScheduler } from '../core/polling/poll-scheduler.js';
import type { ProxyFor } from '../core/api/proxy.js';
import { discoveryOf, type Settings } from '../core/settings.js';
import { addDemoJobs } from '../core/simulator/demo-jobs.js';
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

/** The app's engine (and, in demo mode, a simulator), following the database the CLI may share. */
export class Session {
  #pruneTimer: NodeJS.Timeout | undefined;
  #followTimer: NodeJS.Timeout | undefined;
  #unfollow: (() => void) | undefined;
  /** Live progress of running downloads (`jobid\nkey`): the store only records where they stopped. */
  readonly live = new Map<string, LiveProgress>();
  readonly store: JobStore;
  readonly scheduler: PollScheduler;
  readonly downloads: DownloadQueue;
  /** Engine time as wall time, where they differ (the demo's clock runs 30× faster). */
  readonly wallTime: ((t: number) => number) | undefined;
  /** The polling's estimate of when an active job ends (the window's "about 3 min left"). */
  readonly expectedEnd: (jobid: string) => { likely: number } | undefined;
  readonly paused = (): boolean => this.scheduler.state.paused !== null;
  /** Whether the job's PixVerse account is held (v2's 596): the window's banner says what to do. */
  readonly accountHeld = (jobid: string): boolean => {
    const account = accountOf(jobid);
    return this.scheduler.state.heldAccounts?.some((held) => held.account === account) ?? false;
  };

  private constructor(
    readonly engine: Engine,
    downloads: DownloadQueue,
    readonly settings: Settings,
    readonly simulator?: Simulator,
  ) {
    [this.store, this.scheduler, this.downloads] = [engine.store, engine.scheduler, downloads];
    this.wallTime = simulator?.clock.toWallTime;
    this.expectedEnd = (jobid) => this.scheduler.expectedEnd(jobid);
  }

  static open(config: SessionConfig, simulator?: Simulator): Session {
    const { settings } = config;
    const folder = simulator ? path.join(settings.downloadFolder, 'Demo') : settings.downloadFolder;
    const engine = createEngine({
      storeDir: config.storeDir,
      onStoreError: (error) => config.log(error.message),
      baseUrl: simulator?.apiUrl ?? settings.apiBaseUrl,
      getToken: simulator ? () => simulator.token : config.getToken,
      policy: { intervalMs: settings.pollIntervalSec * 1000 },
      discoverNewJobs: settings.autoDiscovery,
      discovery: discoveryOf(settings),
      clock: simulator?.clock ?? config.clock,
      proxyFor: config.proxyFor,
      downloads: { folder: () => folder, autoDownload: settings.autoDownload },
    });
    if (engine.recovered) config.log(`Job store: ${describeRecovery(engine.recovered)}`);
    const session = new Session(engine, engine.downloads!, settings, simulator);
    session.downloads.on('download-progress', (p) =>
      session.live.set(`${p.jobid}\n${p.key}`, { bytes: p.bytes, total: p.total, rate: p.rate }),
    );
    const forget = ({ jobid, key }: { jobid: string; key: string }) =>
      session.live.delete(`${jobid}\n${key}`);
    session.downloads.on('download-saved', forget);
    session.downloads.on('download-failed', forget);
    return session;
  }

  /** The demo: a local simulator with time running 30× faster and a few v1 and v2 jobs that come and go. */
  static async openDemo(config: SessionConfig): Promise<Session> {
    const simulator = await Simulator.start({ timeScale: 30, recordRequests: false });
    const session = Session.open({ ...config, storeDir: path.join(config.storeDir, 'demo') }, simulator);
    for (const job of addDemoJobs(simulator, { videoSize: 2 * 1024 * 1024 }))
      session.scheduler.track(job.jobid, job.source);
    return session;
  }

  start(): void {
    this.engine.start();
    // A tray app runs for weeks: forget recycled jobs (over 31 days old) as it goes, not only at start.
    this.#pruneTimer = setInterval(() => pruneRecycledJobs(this.store, Date.now()), PRUNE_EVERY_MS);
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
    this.engine.stop();
    await this.simulator?.close();
  }
}
