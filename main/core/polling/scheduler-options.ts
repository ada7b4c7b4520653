import type { PixverseApi } from '../api/api-client.js';
import type { Clock } from '../clock.js';
import type { JobStore } from '../store/job-store.js';
import type { PollingPolicy } from './polling-policy.js';
import type { PollTimingFactory } from './poll-timing.js';

/** Where new jobs are discovered, each on or off; all of them only while `discoverNewJobs` is on. */
export interface DiscoveryOptions {
  /** v1's executing list `GET /v1/pixverse/jobs`. */
  v1: boolean;
  /** v2's scheduler `GET /v2/pixverse/scheduler/`: jobs started through useapi. */
  v2Scheduler: boolean;
  /** v2's videos list `GET /v2/pixverse/videos/` (at most once a minute): jobs started on pixverse.ai. */
  v2Videos: boolean;
}

export const DEFAULT_DISCOVERY: DiscoveryOptions = { v1: true, v2Scheduler: true, v2Videos: false };

export interface SchedulerOptions {
  api: PixverseApi;
  store: JobStore;
  clock: Clock;
  policy: PollingPolicy;
  random?: () => number;
  /** Track every job the executing lists show (the app); off for `watch`, which tracks only its own. */
  discoverNewJobs: boolean;
  /** Which lists discover jobs while `discoverNewJobs` is on (default: DEFAULT_DISCOVERY). */
  discovery?: Partial<DiscoveryOptions>;
  /** Use the executing lists to poll running jobs less often. */
  useExecutingList: boolean;
  /** Off for `watch`: it polls only its own jobs, never claiming one another process follows. */
  resumeStoredJobs?: boolean;
  /** When jobs and the list are due (default: the app's policy; benchmarks plug in others). */
  timing?: PollTimingFactory;
}
