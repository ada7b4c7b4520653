import type { ApiFailure } from '../api/api-outcome.js';
import { isFinalState, type Job, type JobSource, type JobState } from '../jobs/job.js';
import type { TrackedJob, TrackedState } from '../store/job-store-schema.js';

export interface JobChange {
  patch: Partial<TrackedJob>;
  /** Names of the fields that changed: the job's (`state`, `progress`, `message`…) and `lastError`. */
  changed: string[];
  finished: boolean;
}

/** Fields that describe the answer rather than the job: a change there alone is no news. */
const NOT_NEWS: ReadonlySet<string> = new Set(['raw', 'unknown']);

/** What a fresh answer from the API changes on a tracked job. */
export function applyJob(record: TrackedJob, job: Job, now: number): JobChange {
  const before: Partial<Record<string, unknown>> = { ...record.job };
  const after: Partial<Record<string, unknown>> = { ...job };
  const changed = new Set<string>();
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (NOT_NEWS.has(key)) continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changed.add(key);
  }
  const finished = isFinalState(job.state);
  const state: TrackedState = isFinalState(job.state) ? job.state : 'active';
  if (state !== record.state) changed.add('state');
  if (record.lastError !== undefined) changed.add('lastError');
  const patch: Partial<TrackedJob> = {
    job,
    state,
    lastCheckedAt: now,
    lastError: undefined,
    retryAt: undefined,
  };
  if (finished) patch.finishedAt = Date.parse(job.updated ?? '') || now;
  return { patch, changed: [...changed], finished };
}

/** Answers after which a job is never polled again, and what they make of it. */
export function failureEnd(
  record: TrackedJob,
  outcome: ApiFailure,
  now: number,
): Partial<TrackedJob> | undefined {
  const state = failureEndState(outcome);
  if (!state) return undefined;
  const patch: Partial<TrackedJob> = { state, lastError: outcome.message, lastCheckedAt: now };
  // The job itself is gone (404) or recycled (410); a refused request (400) says nothing about it.
  const jobState: JobState | undefined = state === 'rejected' || state === 'active' ? undefined : state;
  if (record.job && jobState) patch.job = { ...record.job, state: jobState };
  return patch;
}

function failureEndState(outcome: ApiFailure): TrackedState | undefined {
  switch (outcome.kind) {
    case 'not-found':
      return 'not-found';
    case 'expired':
      return 'expired';
    case 'bad-request':
      return 'rejected';
    default:
      return undefined;
  }
}

/** How a job ends when it was asked for under the wrong API (a mistaken `--api`). */
const MISREAD: ReadonlySet<TrackedState> = new Set(['rejected', 'not-found']);

/** Refused or unknown under the other API: tracking it again asks under this one, afresh. */
export const askedUnderOtherApi = (known: TrackedJob | undefined, wanted: JobSource): boolean =>
  known !== undefined && known.source !== wanted && MISREAD.has(known.state);
