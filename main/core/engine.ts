import { createApiClient, DEFAULT_BASE_URL, type PixverseApi } from './api/api-client.js';
import type { ProxyFor } from './api/proxy.js';
import { systemClock, type Clock } from './clock.js';
import type { StoreRecovery } from './store/job-store-file.js';
import type { JobStore } from './store/job-store.js';
import { openStoreIn } from './store/open-store.js';
import { PollScheduler } from './polling/poll-scheduler.js';
import { resolvePolicy, type PollingPolicy } from './polling/polling-policy.js';
import type { DiscoveryOptions } from './polling/scheduler-options.js';

export interface StoreConfig {
  /** Folder of the jobs database `jobs.db` (the CLI's PIXVERSE_TRAY_HOME, the app's userData). */
  storeDir: string;
  clock?: Clock;
  onStoreError?: (error: Error) => void;
  /** The API token, redacted from anything the store writes. */
  getToken?: () => string | undefined;
}

export interface OpenedStore {
  store: JobStore;
  /** Set when the database (or the jobs.json imported) was damaged and moved aside, and what was restored. */
  recovered?: StoreRecovery;
  pruned: string[];
}

export interface SchedulerConfig {
  baseUrl?: string;
  getToken: () => string | undefined;
  timeoutMs?: number;
  policy?: Partial<PollingPolicy>;
  discoverNewJobs: boolean;
  /** Which lists discover jobs while `discoverNewJobs` is on (see DiscoveryOptions). */
  discovery?: Partial<DiscoveryOptions>;
  useExecutingList?: boolean;
  /** See SchedulerOptions.resumeStoredJobs. */
  resumeStoredJobs?: boolean;
  clock?: Clock;
  random?: () => number;
  proxyFor?: ProxyFor;
}

export type EngineConfig = StoreConfig & SchedulerConfig;

export interface Engine extends OpenedStore {
  api: PixverseApi;
  scheduler: PollScheduler;
}

/** Opens (or recovers) the jobs database and prunes jobs the API has recycled. */
export function openJobStore(config: StoreConfig): OpenedStore {
  const clock = config.clock ?? systemClock;
  const { store, recovered } = openStoreIn(config.storeDir, {
    clock,
    onStoreError: config.onStoreError,
    getToken: config.getToken,
  });
  return { store, recovered, pruned: store.prune() };
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

/** Store, API client and scheduler wired together: what the CLI and the benchmarks use. */
export function createEngine(config: EngineConfig): Engine {
  resolvePolicy(config.policy ?? {}, config.baseUrl ?? DEFAULT_BASE_URL); // refuse bad settings before touching files
  const opened = openJobStore(config);
  return { ...opened, ...createScheduler(opened.store, config) };
}
