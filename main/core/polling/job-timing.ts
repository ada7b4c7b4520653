import type { DueQueue } from './due-queue.js';
import type { Job, JobSource } from '../jobs/job.js';
import type { TrackedJob } from '../store/job-store-schema.js';
import { DurationHistory } from './duration-history.js';
import { LIST } from './executing-list.js';
import { floorOf, newJobTimes, type JobTimes } from './job-times.js';
import type { JobWatch } from './poll-estimate.js';
import { alignToRefresh } from './refresh-alignment.js';
import type { ExpectedEnd, PollTiming, PollTimingFactory } from './poll-timing.js';
import { OFFICIAL_MIN_INTERVAL_MS, withJitter, type PollingPolicy } from './polling-policy.js';

/** A job far from its end is still looked at this often: its estimate improves with each answer. */
const SPARSE_MAX_MS = 150_000;
/** The executing list while it is not needed as a trigger: it keeps what it shows fresh. */
const SPARSE_LIST_MAX_MS = 300_000;
/** ... and when it also finds jobs started elsewhere: they are noticed within a minute. */
const DISCOVERY_LIST_MAX_MS = 60_000;
/**
 * Far from the end, the next look comes after this share of the time left before the earliest end:
 * each answer's progress moves that end. A generating job whose answers show no progress (v2) is
 * looked at next at its earliest end itself: a look before it would most likely say "generating"
 * again (a job that fails before it is seen there, or when the executing list no longer shows it).
 */
const APPROACH = 0.65;
/** The executing list triggers final fetches once it covers this many jobs near their end. */
const LIST_TRIGGER_MIN = 2;
/** After the API's expected refresh: the answer read then shows it. */
const AFTER_REFRESH_MS = 250;

/**
 * When each tracked, active job is due. Sparse far from its earliest plausible end (queued, low
 * progress), dense near it (timed to the API's refreshes when their cadence shows); a listed job near
 * its end is left to the executing list, read for all of them at once. Never sooner than the
 * interval after the answer to a job's previous request; error backoff is the scheduler's.
 */
export class JobTiming implements PollTiming {
  readonly #jobs = new Map<string, JobTimes>();
  readonly #inFlight = new Set<string>();
  /** Sources whose list failed last: its retry (back-off, holds) is the list's own, never brought forward. */
  readonly #listFailing = new Set<JobSource>();
  #removed: { jobid: string; watch: JobWatch | undefined } | undefined;

  constructor(
    private readonly queue: DueQueue,
    private readonly policy: PollingPolicy,
    private readonly random: () => number,
    private readonly history: DurationHistory,
    private readonly discovering = false,
  ) {}

  get count(): number {
    return this.#jobs.size;
  }

  /** Durations are in units of the interval, the official 10 s being 1 (see JobWatch). */
  get #scale(): number {
    return this.policy.intervalMs / OFFICIAL_MIN_INTERVAL_MS;
  }

  countOf(source: JobSource): number {
    let n = 0;
    for (const job of this.#jobs.values()) if (job.source === source) n++;
    return n;
  }

  *jobids(source: JobSource): Generator<string> {
    for (const [jobid, job] of this.#jobs) if (job.source === source) yield jobid;
  }

  has(jobid: string): boolean {
    return this.#jobs.has(jobid);
  }

  isListed(jobid: string): boolean {
    return this.#jobs.get(jobid)?.listed ?? false;
  }

  isUrgent(jobid: string): boolean {
    return this.#jobs.get(jobid)?.urgent ?? false;
  }

  isInFlight(jobid: string): boolean {
    return this.#inFlight.has(jobid);
  }

  add(jobid: string, dueAt: number | undefined, source: JobSource = 'v1', lastCheckedAt?: number): void {
    if (this.#jobs.has(jobid)) return;
    const urgent = dueAt !== undefined;
    const first = { source, urgent, lastCheckedAt, roundTripMs: AFTER_REFRESH_MS };
    this.#jobs.set(jobid, newJobTimes(first, this.#scale));
    if (dueAt !== undefined) this.queue.schedule(jobid, dueAt);
  }

  remove(jobid: string): void {
    // A job that ended is removed just before `finished`: its watch knows how long it generated.
    this.#removed = { jobid, watch: this.#jobs.get(jobid)?.watch };
    this.#jobs.delete(jobid);
    this.queue.delete(jobid);
  }

  sent(jobid: string, now: number): void {
    this.#inFlight.add(jobid);
    const job = this.#jobs.get(jobid);
    if (job) job.sentAt = now;
  }

  answered(jobid: string, now: number): void {
    this.#inFlight.delete(jobid);
    const job = this.#jobs.get(jobid);
    if (!job) return;
    job.urgent = false;
    job.lastResponseAt = now;
    job.roundTripMs = Math.max(0, now - job.sentAt);
  }

  succeeded(jobid: string, now: number, answer: Job): void {
    const job = this.#jobs.get(jobid);
    if (!job) return;
    job.failures = 0;
    job.lastAnswerAt = now;
    job.watch.observe(answer, now);
    job.earliestEnd = job.watch.earliestEnd(now, this.history);
    // Brought forward when this answer makes the list worth asking for sooner (never put off).
    this.#pullList(job.source, now);
    if (!this.#isNearEnd(job, now)) return this.queue.schedule(jobid, this.#sparseAt(job, now));
    if (!job.listed || this.#nearListed(job.source, now) < LIST_TRIGGER_MIN)
      return this.queue.schedule(jobid, this.#denseAt(job, now));
    // Left to the list: it says when the job ends.
  }

  finished(record: TrackedJob): void {
    const watch = this.#removed?.jobid === record.jobid ? this.#removed.watch : undefined;
    this.#removed = undefined;
    this.history.add(record, record.finishedAt === undefined ? undefined : watch?.runTime(record.finishedAt));
  }

  failed(jobid: string, countsAsFailure: boolean, retryAt: (failures: number) => number): void {
    const job = this.#jobs.get(jobid);
    if (!job) return;
    if (countsAsFailure) job.failures++;
    this.queue.schedule(jobid, retryAt(job.failures));
  }

  allDue(now: number): void {
    const spread = this.policy.intervalMs * this.policy.jitterRatio;
    for (const [jobid, job] of this.#jobs) {
      if (this.#inFlight.has(jobid)) continue;
      this.queue.schedule(jobid, Math.max(now + spread * this.random(), this.#floor(job, now)));
    }
  }

  applyList(source: JobSource, executing: ReadonlySet<string>, now: number): void {
    this.#listFailing.delete(source);
    for (const [jobid, job] of this.#jobs) {
      if (job.source !== source) continue;
      const listed = executing.has(jobid);
      job.listChecked = true;
      if (job.listed && !listed) this.#unlist(jobid, job, now);
      else if (!job.listed && listed) job.listed = true;
    }
    // Listed jobs near their end are left to the list while it is the cheaper way, and polled on
    // their own again when it is not.
    const byList = this.#nearListed(source, now) >= LIST_TRIGGER_MIN;
    for (const [jobid, job] of this.#jobs) {
      if (
        job.source !== source ||
        !job.listed ||
        job.urgent ||
        this.#inFlight.has(jobid) ||
        !this.#isNearEnd(job, now)
      )
        continue;
      if (byList) this.queue.delete(jobid);
      else if (!this.queue.has(jobid)) this.queue.schedule(jobid, this.#denseAt(job, now));
    }
  }

  unlistAll(source: JobSource, now: number): void {
    this.#listFailing.add(source);
    for (const [jobid, job] of this.#jobs)
      if (job.source === source && job.listed) this.#unlist(jobid, job, now);
  }

  expectedEnd(jobid: string, now: number): ExpectedEnd | undefined {
    const job = this.#jobs.get(jobid);
    return job?.lastAnswerAt === undefined ? undefined : job.watch.expectedEnd(now, this.history);
  }

  /**
   * With at least LIST_TRIGGER_MIN listed jobs near their end: every interval × √(2 / their number)
   * (at most every `minListIntervalMs`): one read sees every one, so more jobs make the reads worth
   * coming sooner, not one per job.
   * Otherwise rarely: until that many may come near their end (at most 5 minutes, 1 when it also
   * discovers jobs).
   */
  listDelay(source: JobSource, now: number): number {
    const { intervalMs, minListIntervalMs } = this.policy;
    // Jobs the list has not looked at yet count: it will most likely show them.
    const near = this.#nearListed(source, now, true);
    if (near >= LIST_TRIGGER_MIN)
      return Math.max(minListIntervalMs, intervalMs * Math.sqrt(LIST_TRIGGER_MIN / near));
    // Until enough listed jobs may come near their end for the list to be worth asking for.
    const nearing = [...this.#jobs.values()]
      .filter((job) => job.source === source && (job.listed || job.lastAnswerAt !== undefined))
      .map((job) => job.earliestEnd - intervalMs)
      .sort((a, b) => a - b);
    const when = nearing[LIST_TRIGGER_MIN - 1] ?? Infinity;
    const longest = (this.discovering ? DISCOVERY_LIST_MAX_MS : SPARSE_LIST_MAX_MS) * this.#scale;
    const wait = Math.min(longest, Math.max(minListIntervalMs, when - now));
    return withJitter(wait, this.policy, this.random);
  }

  /** How many listed jobs are near their end (`unchecked`: and ones no list has shown either way). */
  #nearListed(source: JobSource, now: number, unchecked = false): number {
    let near = 0;
    for (const job of this.#jobs.values()) {
      if (job.source !== source) continue;
      const counted = job.listed || (unchecked && !job.listChecked && job.lastAnswerAt !== undefined);
      if (counted && this.#isNearEnd(job, now)) near++;
    }
    return near;
  }

  #isNearEnd(job: JobTimes, now: number): boolean {
    return job.earliestEnd <= now + this.policy.intervalMs;
  }

  /** Part of the way to the earliest end (jitter added), at most SPARSE_MAX_MS, and not past it. */
  #sparseAt(job: JobTimes, now: number): number {
    const { intervalMs } = this.policy;
    const approach = job.watch.generatingUnseen ? 1 : APPROACH;
    const wait = Math.min(
      SPARSE_MAX_MS * this.#scale,
      Math.max(intervalMs, (job.earliestEnd - now) * approach),
    );
    return Math.min(
      now + withJitter(wait, this.policy, this.random),
      Math.max(this.#floor(job, now), job.earliestEnd),
    );
  }

  /** Every interval, without jitter, timed to the API's expected refreshes (see alignToRefresh). */
  #denseAt(job: JobTimes, now: number): number {
    const floor = Math.max(now, this.#floor(job, now));
    // Each answer takes a round trip to arrive, and the interval counts from the answer.
    const step = this.policy.intervalMs + job.roundTripMs;
    return alignToRefresh(job.watch.nextRefresh(now), floor, step, AFTER_REFRESH_MS * this.#scale);
  }

  /** Brings the list forward when a listed job comes near its end. */
  #pullList(source: JobSource, now: number): void {
    if (this.#listFailing.has(source)) return;
    const key = LIST + source;
    const due = this.queue.dueAt(key);
    const wanted = now + this.listDelay(source, now);
    if (due !== undefined && wanted < due) this.queue.schedule(key, wanted);
  }

  #floor(job: JobTimes, now: number): number {
    return floorOf(job, now, this.policy.intervalMs);
  }

  #unlist(jobid: string, job: JobTimes, now: number): void {
    job.listed = false;
    this.fetchSoon(jobid, now);
  }

  /** Fetched first, as soon as its interval allows (it left the list, it was cancelled). */
  fetchSoon(jobid: string, now: number): void {
    const job = this.#jobs.get(jobid);
    if (!job || this.#inFlight.has(jobid)) return; // its answer reschedules it
    const at = Math.max(now, this.#floor(job, now));
    if (at < (this.queue.dueAt(jobid) ?? Infinity)) {
      job.urgent = true;
      this.queue.schedule(jobid, at);
    }
  }
}

export const jobTiming: PollTimingFactory = ({ queue, policy, random, store, discoverNewJobs }) =>
  new JobTiming(queue, policy, random, new DurationHistory(store), discoverNewJobs);
