import { createApiClient, DEFAULT_BASE_URL, type PixverseApi } from './api/api-client.js';
import { systemClock } from './clock.js';
import { DownloadQueue } from './downloads/download-queue.js';
import { pruneRecycledJobs } from './downloads/forgotten-parts.js';
import { defaultTransport } from './downloads/transport.js';
import type { DownloadConfig, EngineConfig, SchedulerConfig, StoreConfig } from './engine-options.js';
import type { TrackedJob } from './store/job-store-schema.js';
import type { StoreRecovery } from './store/job-store-file.js';
import type { JobStore } from './store/job-store.js';
import { openStoreIn } from './store/open-store.js';
import { PollScheduler } from './polling/poll-scheduler.js';
import { resolvePolicy } from './polling/polling-policy.js';
import { withDefaults } from './with-defaults.js';

export type { DownloadConfig, EngineConfig, SchedulerConfig, StoreConfig } from './engine-options.js';

export interface OpenedStore {
  store: JobStore;
  /** Set when the database (or the jobs.json imported) was damaged and moved aside, and what was restored. */
  recovered?: StoreRecovery;
  pruned: string[];
}

/** Opens (or recovers) the jobs database and prunes jobs the API has recycled. */
export function openJobStore(config: StoreConfig): OpenedStore {
  const clock = config.clock ?? systemClock;
  const { store, recovered } = openStoreIn(config.storeDir, {
    clock,
    onStoreError: config.onStoreError,
    getToken: config.getToken,
  });
  return { store, recovered, pruned: pruneRecycledJobs(store, clock.now()) };
}

/** A scheduler and its API client over an open store. */
export function createScheduler(
  store: JobStore,
  config: SchedulerConfig,
): { api: PixverseApi; scheduler: PollScheduler } {
  const clock = config.clock ?? systemClock;
  const baseUrl = config.baseUrl ?? DEFAULT_BASE_URL;
  const policy = resolvePolicy(config.policy ?? {}, baseUrl);
  const api = createApiClient({
    baseUrl,
    getToken: config.getToken,
    timeoutMs: config.timeoutMs,
    now: clock.now,
    proxyFor: config.proxyFor,
  });
  const scheduler = new PollScheduler({
    api,
    store,
    clock,
    policy,
    random: config.random,
    discoverNewJobs: config.discoverNewJobs,
    discovery: config.discovery,
    useExecutingList: config.useExecutingList ?? true,
    resumeStoredJobs: config.resumeStoredJobs,
  });
  return { api, scheduler };
}

/**
 * The job store, its scheduler and its download queue, and the rules the app and the CLI share:
 * a completed job's videos are queued for saving (the download claims in the store make sure one
 * process saves each), and a stale link is fetched afresh through the scheduler, within the
 * account's budget. The app and the CLI only differ in what they show of it.
 */
export class Engine implements OpenedStore {
  readonly store: JobStore;
  readonly recovered: StoreRecovery | undefined;
  readonly pruned: string[];
  readonly api: PixverseApi;
  readonly scheduler: PollScheduler;
  /** Undefined when the engine saves nothing. */
  readonly downloads: DownloadQueue | undefined;
  readonly autoDownload: boolean;
  readonly #resumeStoredJobs: boolean;
  #offRules: (() => void)[] = [];

  constructor(config: EngineConfig) {
    resolvePolicy(config.policy ?? {}, config.baseUrl ?? DEFAULT_BASE_URL); // refuse bad settings before touching files
    const opened = openJobStore(config);
    [this.store, this.recovered, this.pruned] = [opened.store, opened.recovered, opened.pruned];
    ({ api: this.api, scheduler: this.scheduler } = createScheduler(opened.store, config));
    this.autoDownload = config.downloads !== undefined && (config.downloads.autoDownload ?? true);
    this.#resumeStoredJobs = config.resumeStoredJobs ?? true;
    this.downloads = config.downloads && this.#downloadQueue(config, config.downloads);
  }

  #downloadQueue(config: EngineConfig, { autoDownload: _, ...saving }: DownloadConfig): DownloadQueue {
    const defaults = {
      clock: systemClock,
      transport: defaultTransport(config.proxyFor),
      random: config.random,
    };
    return new DownloadQueue(
      withDefaults(defaults, {
        ...saving,
        store: this.store,
        refresh: (jobid: string) => this.scheduler.refresh(jobid),
      }),
    );
  }

  /**
   * Starts polling, and saving what a previous run left unsaved. The rules subscribe here, after the
   * app or the CLI did: what they show of a finish comes before what its download reports.
   */
  start(): void {
    const queue = (job: TrackedJob) => void this.queueDownload(job);
    this.#offRules = [
      this.scheduler.on('job-finished', queue),
      // Its announcer saves it too; queueing it here waits for that (awaitOthers) or does nothing,
      // and saves it should the other process not (no download folder there, or it failed).
      this.scheduler.on('job-finished-elsewhere', queue),
    ];
    this.scheduler.start();
    if (this.autoDownload && this.#resumeStoredJobs) this.downloads?.resumeAll();
  }

  /** Queues a completed job's unsaved videos when downloads are automatic. Returns how many. */
  queueDownload(job: TrackedJob): number {
    if (job.state !== 'completed' || !this.autoDownload) return 0;
    return this.downloads?.enqueue(job.jobid) ?? 0;
  }

  /** Stops polling and saving, and leaves the database complete and closed. */
  stop(): void {
    for (const off of this.#offRules.splice(0)) off();
    this.downloads?.stop();
    this.scheduler.stop();
    this.store.flush();
    this.store.close();
  }
}

/** Store, API client, scheduler and (with `downloads`) download queue wired together. */
export function createEngine(config: EngineConfig): Engine {
  return new Engine(config);
}
