import type { JobSource } from './jobs/job.js';
import type { TrackedJob } from './store/job-store-schema.js';

/** What the engine tells its users: the CLI, the app, the benchmarks. */
export interface EngineState {
  paused: 'user' | 'credentials' | null;
  offline: boolean;
  /** Account-wide wait after 429/504, epoch ms; 0 when none. */
  holdUntil: number;
  message?: string;
}

export interface RequestStats {
  requests: number;
  jobRequests: number;
  listRequests: number;
  inFlight: number;
  outcomes: Record<string, number>;
}

export interface EngineEvents {
  'job-added': TrackedJob;
  'job-updated': { job: TrackedJob; changed: string[] };
  'job-finished': TrackedJob;
  /** Finished, but another process on the same store announced it (and downloads it). */
  'job-finished-elsewhere': TrackedJob;
  /** An executing list answered (what the account runs now), after any new job in it was tracked. */
  'list-answered': { source: JobSource; jobids: string[] };
  'credentials-problem': { status: 401 | 402; message: string; cause?: string };
  /** v2's 596: the PixVerse account must be added again at useapi.net; its jobs wait, others go on. */
  'account-problem': { source: 'v2'; account: string; message: string };
  state: EngineState;
  stats: RequestStats;
  warning: string;
}
