import type { ApiFailure, ApiOutcome } from '../api/api-outcome.js';
import { DueQueue } from './due-queue.js';
import { cancelJob } from './job-cancel.js';
import type { ExecutingList } from './executing-list.js';
import type { Job, JobSource } from '../jobs/job.js';
import { sourceOfId } from '../jobs/job-id.js';
import { jobidSchema, type TrackedJob } from '../store/job-store-schema.js';
import { applyJob, askedUnderOtherApi } from './job-transitions.js';
import { AccountGate } from './account-gate.js';
import { jobTiming } from './job-timing.js';
import type { ExpectedEnd, PollTiming } from './poll-timing.js';
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
import { SourceLists } from './source-lists.js';
import { RECENT_VIDEOS } from './recent-videos.js';
import { ACCOUNT_PROBLEM_HOLD_MS, AccountHolds } from './account-holds.js';
import { JobOutcomes } from './job-outcomes.js';
import { RequestSpacing } from './request-spacing.js';

const REFRESH = '\u0000refresh:';

export type { SchedulerOptions } from './scheduler-options.js';

/**
 * One timer for every job: a due-time queue drained under the account's limits (requests in
 * flight, requests per minute, holds after 429/504, pause, offline).
 */
export class PollScheduler extends TypedEmitter<EngineEvents> {
  readonly #o: SchedulerOptions;
  readonly #random: () => number;
  readonly #queue = new DueQueue();
  readonly #timing: PollTiming;
  readonly #budget: RequestBudget;
  readonly #gate: AccountGate;
  readonly #abort = new AbortController();
  readonly #unknown = new UnknownValueWarnings((message, job) => this.emit('warning', { message, job }));
  readonly #refreshWaiters = new Waiters<Job | undefined>();
  readonly #tally = new RequestTally();
  readonly #requests: RequestPump;
  readonly #lists: SourceLists;
  readonly #holds = new AccountHolds(() => this.emit('state', this.state));
  readonly #outcomes: JobOutcomes;
  readonly #spacing: RequestSpacing;
  #running = false;

  constructor(options: SchedulerOptions) {
    super();
    this.#o = options;
    this.#random = options.random ?? Math.random;
    this.#budget = new RequestBudget(options.policy.requestsPerMinute);
    this.#timing = (options.timing ?? jobTiming)({ ...options, queue: this.#queue, random: this.#random });
    this.#lists = new SourceLists({
      queue: this.#queue,
      timing: this.#timing,
      policy: options.policy,
      random: this.#random,
      discoverNewJobs: options.discoverNewJobs,
      discovery: options.discovery,
      useExecutingList: options.useExecutingList,
    });
    this.#outcomes = new JobOutcomes({
      store: options.store,
      clock: options.clock,
      policy: options.policy,
      random: this.#random,
      timing: this.#timing,
      queue: this.#queue,
      holds: this.#holds,
      unknown: this.#unknown,
      emit: (event, payload) => this.emit(event, payload),
      forget: (jobid) => this.#forget(jobid),
      retryAt: (failure, failures, now) => this.#retryAt(failure, failures, now),
    });
    this.#spacing = new RequestSpacing(options.policy.intervalMs, {
      lastCheckedAt: (jobid) => options.store.get(jobid)?.lastCheckedAt,
      removedAt: (jobid) => options.store.removedAt(jobid),
    });
    this.#gate = new AccountGate(options.policy, this.#random, () => this.emit('state', this.state));
    this.#requests = new RequestPump({
      queue: this.#queue,
      clock: options.clock,
      gate: this.#gate,
      budget: this.#budget,
      maxInFlight: options.policy.maxInFlight,
      // The lists first, then first fetches, left-list fetches and link refreshes, then routine polls.
      rank: (key) =>
        this.#lists.isAccountWide(key) ? 0 : key.startsWith(REFRESH) || this.#timing.isUrgent(key) ? 1 : 2,
      notBefore: (key, now) =>
        this.#lists.isAccountWide(key) ? now : this.#spacing.earliest(key.replace(REFRESH, ''), now),
      send: (key) => this.#send(key),
      settled: () => this.#running && this.emit('stats', this.stats),
    });
  }

  get state(): EngineState {
    const heldAccounts = this.#holds.held(this.#o.clock.now());
    return heldAccounts.length > 0 ? { ...this.#gate.state, heldAccounts } : this.#gate.state;
  }

  get stats(): RequestStats {
    return this.#tally.snapshot(this.#requests.inFlight);
  }

  /** Resumes every active job from the store (the interval counted from its last check) and polls. */
  start(): void {
    this.#running = true;
    this.#requests.running = true;
    const stored = this.#o.resumeStoredJobs === false ? [] : this.#o.store.active();
    for (const job of stored) this.#timing.add(job.jobid, undefined, job.source, job.lastCheckedAt);
    this.#makeAllDue(this.#o.clock.now());
    this.#requests.pump();
  }

  stop(): void {
    this.#running = false;
    this.#requests.stop();
    this.#abort.abort();
    this.#refreshWaiters.settleAll(undefined);
    this.#o.store.flush();
  }

  /**
   * Starts tracking a job (validated); an already tracked job is returned unchanged, unless the
   * other API refused it (then it starts afresh). Its API is told by the id's shape unless given.
   */
  track(rawJobid: string, source?: JobSource): TrackedJob {
    const jobid = jobidSchema.parse(rawJobid);
    const api = source ?? sourceOfId(jobid);
    this.#spacing.addedAgain(jobid);
    if (askedUnderOtherApi(this.#o.store.get(jobid), api)) this.untrack(jobid);
    const { job, added } = this.#o.store.add(jobid, api);
    if (added) this.emit('job-added', job);
    if (job.state === 'active' && !this.#timing.has(jobid)) {
      const now = this.#o.clock.now();
      this.#timing.add(jobid, now, job.source);
      this.#outcomes.holdIfHeld(jobid, now);
      this.#syncListTask();
      this.#requests.pump();
    }
    return job;
  }

  untrack(jobid: string): boolean {
    this.#forget(jobid);
    return this.#o.store.remove(jobid);
  }

  pause(): void {
    this.#gate.pause('user');
    this.#requests.pump(); // paused: this only clears the timer
  }

  /** Resumes after a user pause, a credentials or account problem: every active job becomes due. */
  resume(): void {
    const accountsHeld = this.#holds.clear();
    if (!this.#gate.resume() && !accountsHeld) return;
    this.#makeAllDue(this.#o.clock.now());
    this.#requests.pump();
  }

  /** A new token may fix a 401/402: resume if that is what paused us. */
  tokenChanged = (): void => void (this.#gate.state.paused === 'credentials' && this.resume());

  /** When a tracked job is expected to end (ms, this clock); undefined while nothing useful is known. */
  expectedEnd = (jobid: string): ExpectedEnd | undefined =>
    this.#timing.expectedEnd?.(jobid, this.#o.clock.now());

  /** A hint from the OS (Electron's `net.isOnline`); errors alone also detect being offline. */
  setNetworkAvailable(available: boolean): void {
    const now = this.#o.clock.now();
    if (!available) this.#gate.goOffline(now, undefined);
    else if (this.#gate.comeOnline()) this.#makeAllDue(now);
    this.#requests.pump();
  }

  /**
   * Fetches a job again, finished or not, within the account's limits: downloads use it for fresh
   * attachment URLs once the old ones expired. Resolves undefined when the API could not answer.
   */
  refresh(jobid: string): Promise<Job | undefined> {
    const answer = this.#refreshWaiters.wait(jobid);
    if (!this.#queue.has(REFRESH + jobid)) this.#queue.schedule(REFRESH + jobid, this.#o.clock.now());
    this.#requests.pump();
    return answer;
  }

  /** Asks the API to cancel a running job, then polls it for its final state (job-cancel.ts). */
  cancel(jobid: string): Promise<ApiOutcome<unknown>> {
    return cancelJob({
      state: this.#o.store.get(jobid)?.state,
      ask: () => this.#calls(jobid).cancelJob(jobid, this.#abort.signal),
      fetchSoon: () => {
        if (!this.#timing.has(jobid)) return;
        this.#timing.fetchSoon(jobid, this.#o.clock.now());
        this.#requests.pump();
      },
    });
  }

  /** Another process on the database asked for the job within the interval: `key` waits until it may. */
  #claimRequest(jobid: string, key: string): boolean {
    const allowed = this.#o.store.claimRequest(jobid, this.#o.policy.intervalMs);
    const claimed = allowed <= this.#o.clock.now();
    if (!claimed) this.#queue.schedule(key, allowed);
    return claimed;
  }

  /** The calls of the API the job comes from. */
  #calls = (jobid: string): JobSourceCalls => this.#o.api.source(this.#o.store.get(jobid)?.source ?? 'v1');

  #forget(jobid: string): void {
    this.#timing.remove(jobid);
    this.#syncListTask();
  }

  #makeAllDue(now: number): void {
    this.#timing.allDue(now);
    this.#outcomes.keepAccountsHeld(now);
    this.#syncListTask(true);
  }

  #syncListTask(dueNow = false): void {
    this.#lists.sync(this.#o.clock.now(), dueNow);
  }

  #send(key: string): Promise<void> {
    const list = this.#lists.list(key);
    if (list) return this.#pollList(list);
    if (key === RECENT_VIDEOS) return this.#pollRecentVideos();
    if (key.startsWith(REFRESH)) return this.#refreshJob(key.slice(REFRESH.length));
    return this.#pollJob(key);
  }

  async #pollJob(jobid: string): Promise<void> {
    const heldUntil = this.#holds.heldUntil(jobid, this.#o.clock.now());
    if (heldUntil !== undefined) return this.#queue.schedule(jobid, heldUntil);
    if (!this.#claimRequest(jobid, jobid)) return;
    this.#tally.sent('job');
    this.#timing.sent(jobid, this.#o.clock.now());
    const outcome = await this.#calls(jobid).getJob(jobid, this.#abort.signal);
    this.#timing.answered(jobid, this.#o.clock.now());
    this.#spacing.answered(jobid, this.#o.clock.now());
    this.#settle(outcome, () => this.#outcomes.handle(jobid, outcome));
  }

  async #refreshJob(jobid: string): Promise<void> {
    if (!this.#claimRequest(jobid, REFRESH + jobid)) return;
    this.#tally.sent('job');
    const outcome = await this.#calls(jobid).getJob(jobid, this.#abort.signal);
    this.#spacing.answered(jobid, this.#o.clock.now());
    this.#settle(outcome, () => {
      const [job, now] = [this.#o.store.get(jobid), this.#o.clock.now()];
      // A failure's account-wide effects (401, 429…) still apply.
      if (outcome.kind !== 'ok') this.#retryAt(outcome, 1, now);
      else if (job) {
        const { changed } = applyJob(job, outcome.value, now);
        this.#o.store.update(jobid, { job: outcome.value, lastCheckedAt: now });
        if (changed.length > 0) this.emit('job-updated', { job, changed });
      }
      this.#refreshWaiters.settle(jobid, outcome.kind === 'ok' ? outcome.value : undefined);
    });
  }

  async #pollList(list: ExecutingList): Promise<void> {
    this.#tally.sent('list');
    list.sent();
    const outcome = await this.#o.api.source(list.source).listExecuting(this.#abort.signal);
    this.#settle(outcome, () => {
      const now = this.#o.clock.now();
      if (outcome.kind === 'ok') {
        list.succeeded(outcome.value, now, (executing) => this.#discover(executing, list.source));
        this.emit('list-answered', { source: list.source, jobids: outcome.value });
      } else {
        const first = list.failed(outcome, now, (failures) => this.#retryAt(outcome, failures, now));
        const missing = outcome.kind === 'not-found' ? { missing: true as const } : {};
        if (first) this.emit('list-failed', { source: list.source, message: outcome.message, ...missing });
      }
    });
  }

  async #pollRecentVideos(): Promise<void> {
    const recent = this.#lists.recent;
    this.#tally.sent('list');
    recent.sent();
    const listed = await this.#o.api.source('v2').listRecent?.(this.#abort.signal);
    const outcome: ApiOutcome<Job[]> = listed ?? { kind: 'ok', value: [] };
    this.#settle(outcome, () => {
      const now = this.#o.clock.now();
      if (outcome.kind !== 'ok') return recent.failed(now, this.#retryAt(outcome, 1, now));
      recent.succeeded(outcome.value, now, (jobs) => this.#discover(new Set(jobs.map((j) => j.id)), 'v2'));
    });
  }

  #settle(outcome: ApiOutcome<unknown>, handle: () => void): void {
    this.#tally.answered(outcome);
    if (!this.#running) return;
    const now = this.#o.clock.now();
    if (outcome.kind === 'ok' && this.#gate.succeeded(now)) this.#makeAllDue(now);
    handle();
  }

  /** Tracks running jobs nobody told us about, except ones the user removed. */
  #discover(executing: ReadonlySet<string>, source: JobSource): void {
    for (const jobid of executing) {
      if (this.#o.store.get(jobid) || this.#o.store.isDismissed(jobid)) continue;
      if (jobidSchema.safeParse(jobid).success) this.track(jobid, source);
    }
  }

  /** When to ask again after a failure; account-wide problems also hold every other request. */
  #retryAt(outcome: ApiFailure, failures: number, now: number): number {
    if (outcome.kind === 'credentials') {
      this.#gate.pause('credentials', outcome.message, outcome.status);
      const { status, message, cause } = outcome;
      this.emit('credentials-problem', { status, message, cause });
      return now;
    }
    // Without a job to name the account (a list), the whole request waits as long as an account would.
    if (outcome.kind === 'account-problem') return now + ACCOUNT_PROBLEM_HOLD_MS;
    return this.#gate.holdFor(outcome, now) ?? now + errorBackoff(failures, this.#o.policy, this.#random);
  }
}
