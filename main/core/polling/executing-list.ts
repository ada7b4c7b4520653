import { holdsAccount, isHostWide, type ApiFailure } from '../api/api-outcome.js';
import type { JobSource } from '../jobs/job.js';
import type { DueQueue } from './due-queue.js';
import type { PollTiming } from './poll-timing.js';
import type { PollingPolicy } from './polling-policy.js';

/** The queue keys of the executing-list requests start with this, then name their source. */
export const LIST = '\u0000list:';

/**
 * How many jobs make a list worth asking for. For v1 one job's own polls cost the same; v2's scheduler
 * also tells a video useapi answers 404 for while it runs from one it does not know, even for one job.
 */
const MIN_JOBS: Readonly<Record<JobSource, number>> = { v1: 2, v2: 1 };

export interface ExecutingListOptions {
  source: JobSource;
  queue: DueQueue;
  timing: PollTiming;
  policy: PollingPolicy;
  random: () => number;
  /** Track every job the list shows (the app); off for `watch`. */
  discoverNewJobs: boolean;
  /** Use the list to poll running jobs less often. */
  useExecutingList: boolean;
}

/**
 * One request for all running jobs of a source (v1 `GET /v1/pixverse/jobs`, v2's scheduler). While a
 * job is listed it is polled rarely; when it leaves the list it is fetched as soon as its interval
 * allows. Each source's list has its own due time and failures: one failing leaves the other alone.
 */
export class ExecutingList {
  readonly key: string;
  #failures = 0;
  /** Failed, for a reason of its own, since it last answered: its trouble is said once. */
  #failing = false;
  #inFlight = false;

  constructor(private readonly o: ExecutingListOptions) {
    this.key = LIST + o.source;
  }

  get source(): JobSource {
    return this.o.source;
  }

  get discovers(): boolean {
    return this.o.discoverNewJobs;
  }

  get enabled(): boolean {
    const jobs = this.o.timing.countOf(this.o.source);
    return this.o.discoverNewJobs || (this.o.useExecutingList && jobs >= MIN_JOBS[this.o.source]);
  }

  /** Keeps the list request queued while it is useful (`dueNow`: ask at once), and drops it when not. */
  sync(now: number, dueNow = false): void {
    if (!this.enabled) {
      this.o.queue.delete(this.key);
      this.o.timing.unlistAll(this.o.source, now);
      return;
    }
    if (!this.#inFlight && (dueNow || !this.o.queue.has(this.key))) this.o.queue.schedule(this.key, now);
  }

  sent(): void {
    this.#inFlight = true;
  }

  /** The list answered: discover new jobs (when on), mark listed ones, ask again after the list interval. */
  succeeded(jobids: string[], now: number, discover: (jobids: ReadonlySet<string>) => void): void {
    this.#inFlight = false;
    this.#failures = 0;
    this.#failing = false;
    const executing = new Set(jobids);
    if (this.o.discoverNewJobs) discover(executing);
    this.o.timing.applyList(this.o.source, executing, now);
    if (this.enabled) {
      this.o.queue.schedule(this.key, now + this.o.timing.listDelay(this.o.source, now));
    }
  }

  /**
   * The list failed: running jobs go back to being polled on their own; `retryAt` says when to ask
   * again. True for the first failure of its own since it last answered.
   */
  failed(failure: ApiFailure, now: number, retryAt: (failures: number) => number): boolean {
    this.#inFlight = false;
    // A hold of the whole account (or being offline) is not the list's trouble: the state says it.
    const own = !holdsAccount(failure);
    const first = own && !this.#failing;
    if (own) this.#failing = true;
    if (failure.kind === 'transient' && !isHostWide(failure)) this.#failures++;
    this.o.timing.unlistAll(this.o.source, now);
    if (this.enabled) this.o.queue.schedule(this.key, retryAt(this.#failures));
    return first;
  }
}
