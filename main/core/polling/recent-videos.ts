import type { Job } from '../jobs/job.js';
import { isFinalState } from '../jobs/job.js';
import type { DueQueue } from './due-queue.js';
import { withJitter, type PollingPolicy } from './polling-policy.js';

/** The queue key of the v2 videos-list look. */
export const RECENT_VIDEOS = '\u0000recent:v2';
/** The videos list is a page of the account's history, not a status call: at most once a minute. */
export const RECENT_VIDEOS_INTERVAL_MS = 60_000;

/**
 * Discovery of videos started on the pixverse.ai website, which useapi's scheduler never lists:
 * `GET /v2/pixverse/videos/` now and then, and every unfinished video there not yet known is tracked.
 */
export class RecentVideos {
  #inFlight = false;

  constructor(
    private readonly o: { queue: DueQueue; policy: PollingPolicy; random: () => number; enabled: boolean },
  ) {}

  get enabled(): boolean {
    return this.o.enabled;
  }

  /** Keeps the look queued while on (`dueNow`: ask at once). */
  sync(now: number, dueNow = false): void {
    if (!this.o.enabled) return this.o.queue.delete(RECENT_VIDEOS);
    if (!this.#inFlight && (dueNow || !this.o.queue.has(RECENT_VIDEOS)))
      this.o.queue.schedule(RECENT_VIDEOS, now);
  }

  sent(): void {
    this.#inFlight = true;
  }

  /** Hands the unfinished videos to `discover`, then looks again after the interval. */
  succeeded(jobs: Job[], now: number, discover: (jobs: Job[]) => void): void {
    this.#inFlight = false;
    discover(jobs.filter((job) => !isFinalState(job.state)));
    this.#again(now, now);
  }

  /** Looks again when `retryAt` allows, never sooner than the interval. */
  failed(now: number, retryAt: number): void {
    this.#inFlight = false;
    this.#again(now, retryAt);
  }

  #again(now: number, notBefore: number): void {
    const next = now + withJitter(RECENT_VIDEOS_INTERVAL_MS, this.o.policy, this.o.random);
    this.o.queue.schedule(RECENT_VIDEOS, Math.max(next, notBefore));
  }
}
