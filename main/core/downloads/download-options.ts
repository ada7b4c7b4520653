import type { Clock } from '../clock.js';
import type { Job } from '../jobs/job.js';
import type { JobStore } from '../store/job-store.js';
import { DOWNLOAD_LEASE_MS, LEASE_RENEW_MS } from '../store/download-claim.js';
import { openPartFile, type OpenPart } from './part-file.js';
import { defaultTransport, type DownloadTransport } from './transport.js';

export interface DownloadQueueOptions {
  store: JobStore;
  /** The folder to save into, read when a download starts. */
  folder: () => string;
  /**
   * A video whose file name was chosen earlier (a download interrupted, a `.part` waiting) is
   * finished in that name's folder, while it exists, rather than in `folder()`: for a folder nobody
   * asked for this time (the CLI without --out).
   */
  keepChosenFolder?: boolean;
  /** Fetches the job again (within the account's budget) for fresh, unexpired URLs. */
  refresh: (jobid: string) => Promise<Job | undefined>;
  clock: Clock;
  concurrency?: number;
  idleTimeoutMs?: number;
  maxAttempts?: number;
  retryBaseMs?: number;
  progressEveryMs?: number;
  random?: () => number;
  openPart?: OpenPart;
  /** How bytes are fetched (tests: a transport trusting their own CA). */
  transport?: DownloadTransport;
  /** How long a claim on a download holds without renewal, and how often a held one is renewed. */
  leaseMs?: number;
  renewEveryMs?: number;
  /** Wait for downloads another process holds (and take them over if its lease lapses)? */
  awaitOthers?: boolean;
  /** How often the jobs database is looked at while waiting for another process. */
  othersPollMs?: number;
}

/** A queue's defaults: each queue gets a transport of its own. */
export function queueDefaults() {
  return {
    concurrency: 2,
    idleTimeoutMs: 30_000,
    maxAttempts: 6,
    retryBaseMs: 1000,
    progressEveryMs: 250,
    random: Math.random,
    openPart: openPartFile,
    transport: defaultTransport(),
    leaseMs: DOWNLOAD_LEASE_MS,
    renewEveryMs: LEASE_RENEW_MS,
    awaitOthers: false,
    keepChosenFolder: false,
    othersPollMs: 1000,
  };
}

/** Where one attempt writes, from where, and what stops it. */
export interface AttemptTarget {
  url: string;
  part: string;
  file: string;
  resumeFrom: number;
  signal: AbortSignal;
}

/** Waits before the next attempt (exponential, 20% jitter, at most a minute); an abort ends it early. */
export function backoffPause(
  o: { retryBaseMs: number; random: () => number; clock: Clock },
  attempt: number,
  signal: AbortSignal,
): Promise<void> {
  const base = Math.min(60_000, o.retryBaseMs * 2 ** (attempt - 1));
  const ms = base + base * 0.2 * o.random();
  return new Promise((resolve) => {
    const timer = o.clock.setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (o.clock.clearTimeout(timer), resolve()), { once: true });
  });
}
