import { isHostWide, type ApiFailure } from '../api/api-outcome.js';
import type { DueQueue } from './due-queue.js';
import type { PollTiming } from './poll-timing.js';
import type { PollingPolicy } from './polling-policy.js';

/** The queue key of the executing-list request. */
export const LIST = '\u0000list';

export interface ExecutingListOptions {
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
 * `GET /v1/pixverse/jobs`: one request for all running jobs of the account. While a job is listed it
 * is polled rarely; when it leaves the list it is fetched as soon as its interval allows.
 */
export class ExecutingList {
  #failures = 0;
  #inFlight = false;

  constructor(private readonly o: ExecutingListOptions) {}

  get enabled(): boolean {
    return this.o.discoverNewJobs || (this.o.useExecutingList && this.o.timing.count >= 2);
  }

  /** Keeps the list request queued while it is useful (`dueNow`: ask at once), and drops it when not. */
  sync(now: number, dueNow = false): void {
    if (!this.enabled) {
      this.o.queue.delete(LIST);
      this.o.timing.unlistAll(now);
      return;
    }
    if (!this.#inFlight && (dueNow || !this.o.queue.has(LIST))) this.o.queue.schedule(LIST, now);
  }

  sent(): void {
    this.#inFlight = true;
  }

  /** The list answered: discover new jobs (when on), mark listed ones, ask again after the list interval. */
  succeeded(jobids: string[], now: number, discover: (jobids: ReadonlySet<string>) => void): void {
    this.#inFlight = false;
    this.#failures = 0;
    const executing = new Set(jobids);
    if (this.o.discoverNewJobs) discover(executing);
    this.o.timing.applyList(executing, now);
    if (this.enabled) this.o.queue.schedule(LIST, now + this.o.timing.listDelay(now));
  }

  /** The list failed: running jobs go back to being polled on their own; `retryAt` says when to ask again. */
  failed(failure: ApiFailure, now: number, retryAt: (failures: number) => number): void {
    this.#inFlight = false;
    if (failure.kind === 'transient' && !isHostWide(failure)) this.#failures++;
    this.o.timing.unlistAll(now);
    if (this.enabled) this.o.queue.schedule(LIST, retryAt(this.#failures));
  }
}
