import type { DueQueue } from '../../main/core/polling/due-queue.js';
import type { Job, JobSource } from '../../main/core/jobs/job.js';
import type { PollTiming, PollTimingFactory } from '../../main/core/polling/poll-timing.js';
import { withJitter, type PollingPolicy } from '../../main/core/polling/polling-policy.js';

/**
 * PixVerse Tray's polling before issue #12, frozen as the benchmark's fixed reference: a 15 s
 * interval, 2 minutes while listed (nothing past 70 %), the executing list as often as the per-job
 * polls it replaces (at most every 5 s). Copied from main/core/polling/job-timing.ts and
 * polling-policy.ts as they were (with v2's per-source lists); do not tune it.
 */
export const PREVIOUS_POLICY: Partial<PollingPolicy> = {
  intervalMs: 15_000,
  listedIntervalMs: 8 * 15_000,
  minListIntervalMs: 5_000,
};

export const previousTiming: PollTimingFactory = ({ queue, policy, random }) =>
  new PreviousTiming(queue, policy, random);

function listInterval(activeJobs: number, policy: PollingPolicy): number {
  const shared = policy.intervalMs / Math.max(1, activeJobs);
  return Math.min(policy.intervalMs, Math.max(policy.minListIntervalMs, shared));
}

const LATE_PROGRESS = 70;

interface JobTimes {
  /** Each source has its own executing list: a list says nothing about another source's jobs. */
  source: JobSource;
  failures: number;
  lastAnswerAt: number | undefined;
  /** The executing list shows it running: it only needs a rare progress refresh. */
  listed: boolean;
  /** First fetch, or it just left the list: goes before routine refreshes. */
  urgent: boolean;
}

class PreviousTiming implements PollTiming {
  readonly #jobs = new Map<string, JobTimes>();
  readonly #inFlight = new Set<string>();

  constructor(
    private readonly queue: DueQueue,
    private readonly policy: PollingPolicy,
    private readonly random: () => number,
  ) {}

  get count(): number {
    return this.#jobs.size;
  }

  countOf(source: JobSource): number {
    let n = 0;
    for (const job of this.#jobs.values()) if (job.source === source) n++;
    return n;
  }

  /** The timed jobs of one source. */
  *jobids(source: JobSource): Generator<string> {
    for (const [jobid, job] of this.#jobs) if (job.source === source) yield jobid;
  }

  has(jobid: string): boolean {
    return this.#jobs.has(jobid);
  }

  /** Its source's executing list shows it running. */
  isListed(jobid: string): boolean {
    return this.#jobs.get(jobid)?.listed ?? false;
  }

  isUrgent(jobid: string): boolean {
    return this.#jobs.get(jobid)?.urgent ?? false;
  }

  isInFlight(jobid: string): boolean {
    return this.#inFlight.has(jobid);
  }

  /** Starts timing a job; a new one is due at once (or at `dueAt`, e.g. after a restart). */
  add(jobid: string, dueAt: number | undefined, source: JobSource = 'v1'): void {
    if (this.#jobs.has(jobid)) return;
    this.#jobs.set(jobid, {
      source,
      failures: 0,
      lastAnswerAt: undefined,
      listed: false,
      urgent: dueAt !== undefined,
    });
    if (dueAt !== undefined) this.queue.schedule(jobid, dueAt);
  }

  remove(jobid: string): void {
    this.#jobs.delete(jobid);
    this.queue.delete(jobid);
  }

  sent(jobid: string): void {
    this.#inFlight.add(jobid);
  }

  fetchSoon(jobid: string, now: number): void {
    if (!this.#inFlight.has(jobid)) this.queue.schedule(jobid, now);
  }

  answered(jobid: string): void {
    this.#inFlight.delete(jobid);
    const job = this.#jobs.get(jobid);
    if (job) job.urgent = false;
  }

  /**
   * A good answer: due again after the interval (or the listed interval), plus jitter. A listed job
   * far along (`progress` at least LATE_PROGRESS %) is left to the list: a refresh now would only hold
   * its final fetch back by one interval (the floor), and the list says when it ends.
   */
  succeeded(jobid: string, now: number, answer: Job): void {
    const progress = answer.progress;
    const job = this.#jobs.get(jobid);
    if (!job) return;
    job.failures = 0;
    job.lastAnswerAt = now;
    if (job.listed && progress !== undefined && progress >= LATE_PROGRESS) return;
    const every = job.listed ? this.policy.listedIntervalMs : this.policy.intervalMs;
    this.queue.schedule(jobid, now + withJitter(every, this.policy, this.random));
  }

  finished(): void {}

  listDelay(source: JobSource): number {
    return withJitter(listInterval(this.countOf(source), this.policy), this.policy, this.random);
  }

  /** A failed answer; `retryAt` picks the time from the failure count (backoff) unless the account is held. */
  failed(jobid: string, countsAsFailure: boolean, retryAt: (failures: number) => number): void {
    const job = this.#jobs.get(jobid);
    if (!job) return;
    if (countsAsFailure) job.failures++;
    this.queue.schedule(jobid, retryAt(job.failures));
  }

  /** Every active job due now, spread by jitter, but never sooner than the interval after its last answer. */
  allDue(now: number): void {
    const spread = this.policy.intervalMs * this.policy.jitterRatio;
    for (const [jobid, job] of this.#jobs) {
      if (this.#inFlight.has(jobid)) continue;
      this.queue.schedule(jobid, Math.max(now + spread * this.random(), this.#floor(job, now)));
    }
  }

  /** Applies what a source's executing list says; jobs it no longer shows are fetched as soon as allowed. */
  applyList(source: JobSource, executing: ReadonlySet<string>, now: number): void {
    for (const [jobid, job] of this.#jobs) {
      if (job.source !== source) continue;
      const listed = executing.has(jobid);
      if (job.listed && !listed) this.#unlist(jobid, job, now);
      else if (!job.listed && listed) {
        job.listed = true;
        const due = this.queue.dueAt(jobid);
        const later = (job.lastAnswerAt ?? now) + this.policy.listedIntervalMs;
        if (due !== undefined && job.lastAnswerAt !== undefined && due < later)
          this.queue.schedule(jobid, later);
      }
    }
  }

  /** Without a trustworthy list, every job of its source goes back to being polled on its own. */
  unlistAll(source: JobSource, now: number): void {
    for (const [jobid, job] of this.#jobs)
      if (job.source === source && job.listed) this.#unlist(jobid, job, now);
  }

  #floor(job: JobTimes, now: number): number {
    return job.lastAnswerAt === undefined ? now : job.lastAnswerAt + this.policy.intervalMs;
  }

  #unlist(jobid: string, job: JobTimes, now: number): void {
    job.listed = false;
    if (this.#inFlight.has(jobid)) return; // its answer reschedules it
    const at = Math.max(now, this.#floor(job, now));
    if (at < (this.queue.dueAt(jobid) ?? Infinity)) {
      job.urgent = true;
      this.queue.schedule(jobid, at);
    }
  }
}
