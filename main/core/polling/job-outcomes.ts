import { holdsAccount, isHostWide, type ApiFailure, type ApiOutcome } from '../api/api-outcome.js';
import type { UnknownValueWarnings } from '../api/unknown-values.js';
import type { Clock } from '../clock.js';
import type { EngineEvents } from '../engine-events.js';
import type { Job } from '../jobs/job.js';
import type { TrackedJob } from '../store/job-store-schema.js';
import type { JobStore } from '../store/job-store.js';
import { ACCOUNT_PROBLEM_HOLD_MS, AccountHolds } from './account-holds.js';
import type { DueQueue } from './due-queue.js';
import type { PollTiming } from './poll-timing.js';
import { applyJob, failureEnd } from './job-transitions.js';
import { withJitter, type PollingPolicy } from './polling-policy.js';
import { v2NotFound } from './v2-not-found.js';

export interface JobOutcomesOptions {
  store: JobStore;
  clock: Clock;
  policy: PollingPolicy;
  random: () => number;
  timing: PollTiming;
  queue: DueQueue;
  holds: AccountHolds;
  unknown: UnknownValueWarnings;
  emit: <K extends keyof EngineEvents & string>(event: K, payload: EngineEvents[K]) => void;
  /** Stops timing a job that will not be polled again. */
  forget: (jobid: string) => void;
  /** When to ask again after a failure (account-wide problems also hold every other request). */
  retryAt: (failure: ApiFailure, failures: number, now: number) => number;
}

/**
 * What an answer to a job's poll does to it: applied, finished (claimed once), retried, or, for v2,
 * "not available yet" (404 early on) and held with its account (596).
 */
export class JobOutcomes {
  constructor(private readonly o: JobOutcomesOptions) {}

  /** After every job was made due: an account with a problem (596) stays held, or it would only hear 596 again. */
  keepAccountsHeld(now: number): void {
    for (const jobid of this.o.timing.jobids('v2'))
      if (!this.o.timing.isInFlight(jobid)) this.holdIfHeld(jobid, now);
  }

  /** A job of an account with a problem waits with it, and says why. */
  holdIfHeld(jobid: string, now: number): void {
    const hold = this.o.holds.holdOf(jobid, now);
    const job = this.o.store.get(jobid);
    if (!hold || !job) return;
    this.o.queue.schedule(jobid, hold.until);
    this.#setLastError(job, hold.message);
  }

  /** Handles the answer to a job's poll. */
  handle(jobid: string, outcome: ApiOutcome<Job>): void {
    const job = this.o.store.get(jobid);
    if (!this.o.timing.has(jobid) || !job) return; // removed while the request was out
    const now = this.o.clock.now();
    if (outcome.kind === 'ok') {
      this.o.unknown.check(outcome.value);
      this.o.holds.release(jobid);
      return this.#apply(job, outcome.value, now);
    }
    if (outcome.kind === 'account-problem') return this.#holdAccount(job, outcome, now);
    let failure: ApiFailure = outcome;
    if (outcome.kind === 'not-found' && job.source === 'v2') {
      const verdict = v2NotFound(job, outcome, this.o.timing.isListed(jobid), now);
      if (verdict.waiting) return this.#stillWaiting(job, verdict.message, now);
      failure = verdict.failure;
    }
    const end = failureEnd(job, failure, now);
    if (end) return this.#finish(job, end);
    // Offline, an unreachable host, a 429 or 504 hold, a refused token or subscription (401/402):
    // the account-wide state says so, not every job.
    const hostWide = isHostWide(outcome);
    this.o.timing.failed(jobid, outcome.kind === 'transient' && !hostWide, (failures) =>
      this.o.retryAt(outcome, failures, now),
    );
    if (!holdsAccount(outcome)) {
      this.o.store.update(jobid, { lastError: outcome.message, retryAt: this.o.queue.dueAt(jobid) });
      this.o.emit('job-updated', { job, changed: ['lastError'] });
    } else if (job.retryAt !== undefined && outcome.kind !== 'credentials') {
      // An earlier error of its own is still said: its next try is now the hold's end.
      this.o.store.update(jobid, { retryAt: this.o.queue.dueAt(jobid) });
      this.o.emit('job-updated', { job, changed: ['retryAt'] });
    }
  }

  #apply(job: TrackedJob, answer: Job, now: number): void {
    const { patch, changed, finished } = applyJob(job, answer, now);
    if (finished) return this.#finish(job, patch, changed);
    this.o.store.update(job.jobid, patch);
    if (changed.length > 0) this.o.emit('job-updated', { job, changed });
    this.o.timing.succeeded(job.jobid, now, answer);
  }

  #finish(job: TrackedJob, patch: Partial<TrackedJob>, changed: string[] = Object.keys(patch)): void {
    this.o.forget(job.jobid);
    // Claimed on disk before the event: neither a crash nor another process can announce it twice.
    const finishedAt = patch.finishedAt ?? this.o.clock.now();
    const announce = this.o.store.claimFinish(job.jobid, { ...patch, finishedAt });
    this.o.timing.finished(job);
    if (changed.length > 0) this.o.emit('job-updated', { job, changed });
    this.o.emit(announce ? 'job-finished' : 'job-finished-elsewhere', job);
  }

  /** A v2 video useapi does not know yet (404): it stays active, polled on, and says so. */
  #stillWaiting(job: TrackedJob, message: string, now: number): void {
    const every = withJitter(this.o.policy.intervalMs, this.o.policy, this.o.random);
    this.o.timing.failed(job.jobid, false, () => now + every);
    this.#setLastError(job, message);
  }

  /** v2's 596: that account's jobs wait (long, or until Resume); v1 and other accounts go on. */
  #holdAccount(job: TrackedJob, failure: ApiFailure, now: number): void {
    const account = AccountHolds.accountOf(job.jobid);
    if (account === undefined) {
      this.o.timing.failed(job.jobid, false, () => now + ACCOUNT_PROBLEM_HOLD_MS);
      return this.#setLastError(job, failure.message);
    }
    const { until, fresh } = this.o.holds.hold(account, now, failure.message);
    this.o.timing.failed(job.jobid, false, () => until);
    for (const jobid of this.o.timing.jobids('v2')) {
      if (AccountHolds.accountOf(jobid) !== account) continue;
      if (!this.o.timing.isInFlight(jobid)) this.o.queue.schedule(jobid, until);
      const held = this.o.store.get(jobid);
      if (held) this.#setLastError(held, failure.message);
    }
    if (fresh)
      this.o.emit('account-problem', { source: 'v2', account, message: failure.message, jobid: job.jobid });
  }

  #setLastError(job: TrackedJob, message: string): void {
    if (job.lastError === message) return;
    this.o.store.update(job.jobid, { lastError: message, retryAt: undefined });
    this.o.emit('job-updated', { job, changed: ['lastError'] });
  }
}
