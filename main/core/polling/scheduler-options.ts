import type { PixverseApi } from '../api/api-client.js';
import type { Clock } from '../clock.js';
import type { JobStore } from '../store/job-store.js';
import type { PollingPolicy } from './polling-policy.js';
import type { PollTimingFactory } from './poll-timing.js';

export interface SchedulerOptions {
  api: PixverseApi;
  store: JobStore;
  clock: Clock;
  policy: PollingPolicy;
  random?: () => number;
  /** Track every job the executing list shows (the app); off for `watch`, which tracks only its own. */
  discoverNewJobs: boolean;
  /** Use the executing list to poll running jobs less often. */
  useExecutingList: boolean;
  /** Off for `watch`: it polls only its own jobs, never claiming one another process follows. */
  resumeStoredJobs?: boolean;
  /** When jobs and the list are due (default: the app's policy; benchmarks plug in others). */
  timing?: PollTimingFactory;
}
