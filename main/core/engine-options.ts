import type { ProxyFor } from './api/proxy.js';
import type { Clock } from './clock.js';
import type { DownloadQueueOptions } from './downloads/download-queue.js';
import type { PollingPolicy } from './polling/polling-policy.js';
import type { DiscoveryOptions } from './polling/scheduler-options.js';

export interface StoreConfig {
  /** Folder of the jobs database `jobs.db` (the CLI's PIXVERSE_TRAY_HOME, the app's userData). */
  storeDir: string;
  clock?: Clock;
  onStoreError?: (error: Error) => void;
  /** The API token, redacted from anything the store writes. */
  getToken?: () => string | undefined;
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
  /** See SchedulerOptions.resumeStoredJobs; off, the engine leaves stored jobs' downloads alone too. */
  resumeStoredJobs?: boolean;
  clock?: Clock;
  random?: () => number;
  proxyFor?: ProxyFor;
}

/** How the engine saves videos: the app always, the CLI unless `--no-download`. */
export interface DownloadConfig extends Partial<
  Pick<
    DownloadQueueOptions,
    | 'concurrency'
    | 'idleTimeoutMs'
    | 'progressEveryMs'
    | 'transport'
    | 'leaseMs'
    | 'renewEveryMs'
    | 'awaitOthers'
    | 'keepChosenFolder'
    | 'othersPollMs'
  >
> {
  /** The folder to save into, read when a download starts. */
  folder: () => string;
  /** Queue a completed job's videos by itself? Off, they are saved only when asked (retry). */
  autoDownload?: boolean;
  /** Bytes travel in real time even when the API's clock is scaled (demo) or faked: the system clock. */
  clock?: Clock;
}

export type EngineConfig = StoreConfig &
  SchedulerConfig & {
    /** Absent: the engine saves nothing (`watch --no-download`, benchmarks). */
    downloads?: DownloadConfig;
  };
