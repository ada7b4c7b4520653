import type { Clock } from '../clock.js';
import type { Job } from '../jobs/job.js';
import type { JobStore } from '../store/job-store.js';
import type { OpenPart } from './part-file.js';
import type { DownloadTransport } from './transport.js';

export interface DownloadQueueOptions {
  store: JobStore;
  /** The folder to save into, read when a download starts. */
  folder: () => string;
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
