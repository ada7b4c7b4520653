import type { Job, JobSource } from '../jobs/job.js';
import type { JobStore } from '../store/job-store.js';
import type { TrackedJob } from '../store/job-store-schema.js';
import type { DueQueue } from './due-queue.js';
import type { PollingPolicy } from './polling-policy.js';

/** When a job is expected to end, in ms on the scheduler's clock (never before now). */
export interface ExpectedEnd {
  /** The earliest time it may plausibly be final: polling grows dense from here. */
  earliest: number;
  /** The most likely time: from the pace of its progress, or what jobs of its kind took. */
  likely: number;
}

/**
 * When each tracked job and the executing list are due: the part of polling that is policy. The
 * scheduler around it owns the account-wide rules (requests in flight, per-minute budget, holds),
 * which no timing can change.
 */
export interface PollTiming {
  readonly count: number;
  countOf(source: JobSource): number;
  /** The timed jobs of one source. */
  jobids(source: JobSource): Iterable<string>;
  has(jobid: string): boolean;
  /** Its source's executing list shows it running. */
  isListed(jobid: string): boolean;
  isUrgent(jobid: string): boolean;
  isInFlight(jobid: string): boolean;
  /** Starts timing a job; a new one is due at once (or at `dueAt`, e.g. after a restart). */
  add(jobid: string, dueAt: number | undefined, source?: JobSource, lastCheckedAt?: number): void;
  remove(jobid: string): void;
  sent(jobid: string, now: number): void;
  /** Fetched first, as soon as its interval allows (after a cancel). */
  fetchSoon(jobid: string, now: number): void;
  /** An answer arrived (good or not): the next request waits the interval after it. */
  answered(jobid: string, now: number): void;
  /** A good answer that is not final: schedules the job's next poll. */
  succeeded(jobid: string, now: number, answer: Job): void;
  /** The job reached a final state: what it took is worth remembering. */
  finished(record: TrackedJob): void;
  /** A failed answer; `retryAt` picks the time from the failure count (backoff) unless the account is held. */
  failed(jobid: string, countsAsFailure: boolean, retryAt: (failures: number) => number): void;
  /** Every active job due now (start, resume, back online), never sooner than the floor allows. */
  allDue(now: number): void;
  /** Applies what a source's executing list says; jobs it no longer shows are fetched as soon as allowed. */
  applyList(source: JobSource, executing: ReadonlySet<string>, now: number): void;
  /** Without a trustworthy list, every job of its source goes back to being polled on its own. */
  unlistAll(source: JobSource, now: number): void;
  /** How long after a good answer a source's executing list is asked for again. */
  listDelay(source: JobSource, now: number): number;
  /** When a tracked job is expected to end, if anything useful is known (timings that estimate). */
  expectedEnd?(jobid: string, now: number): ExpectedEnd | undefined;
}

export interface PollTimingContext {
  queue: DueQueue;
  policy: PollingPolicy;
  random: () => number;
  /** The jobs database: finished jobs say how long this user's jobs take. */
  store: JobStore;
  /** The list also finds jobs started elsewhere (the app): it is then never left unasked for long. */
  discoverNewJobs: boolean;
}

export type PollTimingFactory = (context: PollTimingContext) => PollTiming;
