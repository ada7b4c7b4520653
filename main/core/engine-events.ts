import type { JobSource } from './jobs/job.js';
import type { TrackedJob } from './store/job-store-schema.js';

/** What the engine tells its users: the CLI, the app, the benchmarks. */
export interface EngineState {
  paused: 'user' | 'credentials' | null;
  /** With `paused: 'credentials'`: 401 (the token) or 402 (the subscription). */
  credentialsStatus?: 401 | 402;
  offline: boolean;
  /** Account-wide wait after 429/504, epoch ms; 0 when none. */
  holdUntil: number;
  message?: string;
  /** Why everything waits until `holdUntil`, for a caller that words it itself. */
  hold?: EngineHold;
  /** v2's 596: PixVerse accounts whose jobs wait until they are added again (or until, epoch ms). */
  heldAccounts?: { account: string; until: number }[];
}

export interface EngineHold {
  kind: 'rate-limit' | 'queue-full' | 'server' | 'network';
  /** What happened, without what polling does next (`message` says both). */
  cause: string;
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
  /**
   * An executing list could not be read, for a reason of its own (an account-wide hold or being
   * offline is the state's to say); said once until it answers again.
   */
  'list-failed': {
    source: JobSource;
    message: string;
    /** The host answered 404: it has no such list (an API version it does not serve), not a passing fault. */
    missing?: true;
  };
  'credentials-problem': { status: 401 | 402; message: string; cause?: string };
  /** v2's 596: the PixVerse account must be added again at useapi.net; its jobs wait, others go on. */
  'account-problem': {
    source: 'v2';
    account: string;
    message: string;
    /** The video whose answer said so. */ jobid: string;
  };
  state: EngineState;
  stats: RequestStats;
  /** Something the user may want to know; `job` when it came from one job's answer. */
  warning: { message: string; job?: { jobid: string; source: JobSource } };
}
