import { isHostWide, type ApiFailure, type ApiOutcome } from '../api/api-outcome.js';
import { DueQueue } from './due-queue.js';
import { ExecutingList, LIST } from './executing-list.js';
import type { Job, JobSource } from '../jobs/job.js';
import { sourceOfId } from '../jobs/job-id.js';
import { jobidSchema, type TrackedJob } from '../store/job-store-schema.js';
import { applyJob, failureEnd } from './job-transitions.js';
import { AccountGate } from './account-gate.js';
import { JobTiming } from './job-timing.js';
import { errorBackoff } from './polling-policy.js';
import type { SchedulerOptions } from './scheduler-options.js';
import type { JobSourceCalls } from '../api/job-sources.js';
import { RequestBudget } from './request-budget.js';
import { RequestPump } from './request-pump.js';
import { RequestTally } from './request-tally.js';
import type { EngineEvents, EngineState, RequestStats } from '../engine-events.js';
import { TypedEmitter } from '../typed-emitter.js';
import { UnknownValueWarnings } from '../api/unknown-values.js';
import { Waiters } from './waiters.js';

const REFRESH = '\u0000refresh:';

/**
 * One timer for every job: a due-time queue drained under the account's limits (requests in
 * flight, requests per minute, holds after 429/504, pause, offline).
 */
export type { SchedulerOptions } from './scheduler-options.js';

export class PollScheduler extends TypedEmitter<EngineEvents> {
  readonly #o: SchedulerOptions;
  readonly #random: () => number;
  readonly #queue = new DueQueue();
  readonly #timing: JobTiming;
  readonly #budget: RequestBudget;
  readonly #gate: AccountGate;
  readonly #abort = new AbortController();
  readonly #unknown = new UnknownValueWarnings((message) => this.emit('warning', message));
  readonly #refreshWaiters = new Waiters<Job | undefined>();
  readonly #tally = new RequestTally();
  readonly #requests: RequestPump;
  readonly #list: ExecutingList;
  #running = false;

  constructor(options: SchedulerOptions) {
    super();
    this.#o = options;
    this.#random = options.random ?? Math.random;
    this.#budget = new RequestBudget(options.policy.requestsPerMinute);
    this.#timing = new JobTiming(this.#queue, options.policy, this.#random);
    this.#list = new ExecutingList({
      queue: this.#queue,
      timing: this.#timing,
      policy: options.policy,
      random: this.#random,
      discoverNewJobs: options.discoverNewJobs,
      useExecutingList: options.useExecutingList,
    });
    this.#gate = new AccountGate(options.policy, this.#random, (state) => this.emit('state', state));
    this.#requests = new RequestPump({
      queue: this.#queue,
      clock: options.clock,
      gate: this.#gate,
      budget: this.#budget,
      maxInFlight: options.policy.maxInFlight,
      // The list first, then first fetches, left-list fetches and link refreshes, then routine polls.
      rank: (key) => (key === LIST ? 0 : key.startsWith(REFRESH) || this.#timing.isUrgent(key) ? 1 : 2),
      send: (key) =>
        key === LIST
          ? this.#pollList()
          : key.startsWith(REFRESH)
            ? this.#refreshJob(key.slice(REFRESH.length))
            : this.#pollJob(key),
      settled: () => this.#running && this.emit('stats', this.stats),
    });
  }

  get state(): EngineState {
    return this.#gate.state;
  }

  get stats(): RequestStats {
    return this.#tally.snapshot(this.#requests.inFlight);
  }

  /** Resumes every active job from the store and starts polling. */
  start(): void {
    this.#running = true;
    this.#requests.running = true;
    const stored = this.#o.resumeStoredJobs === false ? [] : this.#o.store.active();
    for (const job of stored) this.#timing.add(job.jobid, undefined);
    this.#makeAllDue(this.#o.clock.now());
    this.#pump();
  }

  stop(): void {
    this.#running = false;
    this.#requests.stop();
    this.#abort.abort();
    this.#refreshWaiters.settleAll(undefined);
    this.#o.store.flush();
  }

  /**
   * Starts tracking a job (validated); an already tracked job is returned unchanged. Its API is
   * told by the id's shape unless the caller knows better.
   */
  track(rawJobid: string, source?: JobSource): TrackedJob {
    const jobid = jobidSchema.parse(rawJobid);
    const { job, added } = this.#o.store.add(jobid, source ?? sourceOfId(jobid));
    if (added) this.emit('job-added', job);
    if (job.state === 'active' && !this.#timing.has(jobid)) {
      this.#timing.add(jobid, this.#o.clock.now());
      this.#syncListTask();
      this.#pump();
    }
    return job;
  }

  untrack(jobid: string): boolean {
    this.#forget(jobid);
    return this.#o.store.remove(jobid);
  }

  pause(): void {
    this.#gate.pause('user');
    this.#pump(); // paused: this only clears the timer
  }

  /** Resumes after a user pause or a credentials problem: every active job becomes due. */
  resume(): void {
    if (!this.#gate.resume()) return;
    this.#makeAllDue(this.#o.clock.now());
    this.#pump();
  }

  /** A new token may fix a 401/402: resume if that is what paused us. */
  tokenChanged(): void {
    if (this.#gate.state.paused === 'credentials') this.resume();
  }

  /** A hint from the OS (Electron's `net.isOnline`); errors alone also detect being offline. */
  setNetworkAvailable(available: boolean): void {
    const now = this.#o.clock.now();
    if (!available) this.#gate.goOffline(now, undefined);
    else if (this.#gate.comeOnline()) this.#makeAllDue(now);
    this.#pump();
  }

  /**
   * Fetches a job again, finished or not, within the account's limits: downloads use it for fresh
   * attachment URLs once the old ones expired. Resolves undefined when the API could not answer.
   */
  refresh(jobid: string): Promise<Job | undefined> {
    const answer = this.#refreshWaiters.wait(jobid);
    if (!this.#queue.has(REFRESH + jobid)) this.#queue.schedule(REFRESH + jobid, this.#o.clock.now());
    this.#pump();
    return answer;
  }

  /** Asks the API to cancel a running job, then polls it for its final state. */
  async cancel(jobid: string): Promise<ApiOutcome<unknown>> {
    const outcome = await this.#calls(jobid).cancelJob(jobid, this.#abort.signal);
    if (outcome.kind === 'ok' && this.#timing.has(jobid) && !this.#timing.isInFlight(jobid)) {
      this.#queue.schedule(jobid, this.#o.clock.now());
      this.#pump();
    }
    return outcome;
  }

  /** The calls of the API the job comes from. */
  #calls(jobid: string): JobSourceCalls {
    return this.#o.api.source(this.#o.store.get(jobid)?.source ?? 'v1');
  }

  #forget(jobid: string): void {
    this.#timing.remove(jobid);
    this.#syncListTask();
  }

  #makeAllDue(now: number): void {
    this.#timing.allDue(now);
    this.#syncListTask(true);
  }

  #syncListTask(dueNow = false): void {
    this.#list.sync(this.#o.clock.now(), dueNow);
  }

  #pump(): void {
    this.#requests.pump();
  }

  async #pollJob(jobid: string): Promise<void> {
    this.#tally.sent('job');
    this.#timing.sent(jobid);
    const outcome = await this.#calls(jobid).getJob(jobid, this.#abort.signal);
    this.#timing.answered(jobid);
    this.#settle(outcome, () => this.#onJobOutcome(jobid, outcome));
  }

  async #refreshJob(jobid: string): Promise<void> {
    this.#tally.sent('job');
    const outcome = await this.#calls(jobid).getJob(jobid, this.#abort.signal);
    this.#settle(outcome, () => {
      const job = this.#o.store.get(jobid);
      if (outcome.kind === 'ok' && job) {
        const { changed } = applyJob(job, outcome.value, this.#o.clock.now());
        this.#o.store.update(jobid, { job: outcome.value, lastCheckedAt: this.#o.clock.now() });
        if (changed.length > 0) this.emit('job-updated', { job, changed });
      } else if (outcome.kind !== 'ok') {
        this.#retryAt(outcome, 1, this.#o.clock.now()); // account-wide effects (401, 429…) still apply
      }
      this.#refreshWaiters.settle(jobid, outcome.kind === 'ok' ? outcome.value : undefined);
    });
  }

  async #pollList(): Promise<void> {
    this.#tally.sent('list');
    this.#list.sent();
    const outcome = await this.#o.api.listExecuting(this.#abort.signal);
    this.#settle(outcome, () => {
      const now = this.#o.clock.now();
      if (outcome.kind === 'ok') {
        this.#list.succeeded(outcome.value, now, (executing) => this.#discover(executing));
        this.emit('list-answered', { source: 'v1', jobids: outcome.value });
      } else this.#list.failed(outcome, now, (failures) => this.#retryAt(outcome, failures, now));
    });
  }

  #settle(outcome: ApiOutcome<unknown>, handle: () => void): void {
    this.#tally.answered(outcome);
    if (!this.#running) return;
    const now = this.#o.clock.now();
    if (outcome.kind === 'ok' && this.#gate.succeeded(now)) this.#makeAllDue(now);
    handle();
  }

  #onJobOutcome(jobid: string, outcome: ApiOutcome<Job>): void {
    const job = this.#o.store.get(jobid);
    if (!this.#timing.has(jobid) || !job) return; // removed while the request was out
    const now = this.#o.clock.now();
    if (outcome.kind === 'ok') {
      this.#unknown.check(outcome.value);
      return this.#applyJob(job, outcome.value, now);
    }
    const end = failureEnd(job, outcome, now);
    if (end) return this.#finish(job, end);
    // Offline or an unreachable host: the account-wide state says so, not every job.
    const hostWide = isHostWide(outcome);
    this.#timing.failed(jobid, outcome.kind === 'transient' && !hostWide, (failures) =>
      this.#retryAt(outcome, failures, now),
    );
    if (!hostWide) {
      this.#o.store.update(jobid, { lastError: outcome.message });
      this.emit('job-updated', { job, changed: ['lastError'] });
    }
  }

  #applyJob(job: TrackedJob, answer: Job, now: number): void {
    const { patch, changed, finished } = applyJob(job, answer, now);
    if (finished) return this.#finish(job, patch, changed);
    this.#o.store.update(job.jobid, patch);
    if (changed.length > 0) this.emit('job-updated', { job, changed });
    this.#timing.succeeded(job.jobid, now, answer.progress);
  }

  #finish(job: TrackedJob, patch: Partial<TrackedJob>, changed: string[] = Object.keys(patch)): void {
    this.#forget(job.jobid);
    // Claimed on disk before the event: neither a crash nor another process can announce it twice.
    const finishedAt = patch.finishedAt ?? this.#o.clock.now();
    const announce = this.#o.store.claimFinish(job.jobid, { ...patch, finishedAt });
    if (changed.length > 0) this.emit('job-updated', { job, changed });
    this.emit(announce ? 'job-finished' : 'job-finished-elsewhere', job);
  }

  /** Tracks running jobs nobody told us about, except ones the user removed. */
  #discover(executing: ReadonlySet<string>): void {
    for (const jobid of executing) {
      if (this.#o.store.get(jobid) || this.#o.store.isDismissed(jobid)) continue;
      if (jobidSchema.safeParse(jobid).success) this.track(jobid);
    }
  }

  /** When to ask again after a failure; account-wide problems also hold every other request. */
  #retryAt(outcome: ApiFailure, failures: number, now: number): number {
    if (outcome.kind === 'credentials') {
      this.#gate.pause('credentials', outcome.message);
      this.emit('credentials-problem', { status: outcome.status, message: outcome.message });
      return now;
    }
    const held = this.#gate.holdFor(outcome, now);
    if (held !== undefined) return held;
    return now + errorBackoff(failures, this.#o.policy, this.#random);
  }
}
