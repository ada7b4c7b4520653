import type { ApiFailure } from '../api/api-outcome.js';
import { isTerminalStatus, type Job } from '../api/job-model.js';
import type { TrackedJob, TrackedState } from '../store/job-store-schema.js';

export interface SnapshotChange {
  patch: Partial<TrackedJob>;
  /** Names of the fields that changed, API fields and `state`/`lastError` alike. */
  changed: string[];
  finished: boolean;
}

/** What a fresh answer from the API changes on a tracked job. */
export function applySnapshot(job: TrackedJob, snapshot: Job, now: number): SnapshotChange {
  const before = job.snapshot ?? {};
  const changed = new Set<string>();
  for (const key of new Set([...Object.keys(before), ...Object.keys(snapshot)])) {
    if (JSON.stringify(before[key]) !== JSON.stringify(snapshot[key])) changed.add(key);
  }
  const finished = isTerminalStatus(snapshot.status);
  const state: TrackedState = finished ? (snapshot.status as TrackedState) : 'active';
  if (state !== job.state) changed.add('state');
  if (job.lastError !== undefined) changed.add('lastError');
  const patch: Partial<TrackedJob> = { snapshot, state, lastCheckedAt: now, lastError: undefined };
  if (finished) patch.finishedAt = Date.parse(snapshot.updated ?? '') || now;
  return { patch, changed: [...changed], finished };
}

/** Answers after which a job is never polled again. */
export function failureEndState(outcome: ApiFailure): TrackedState | undefined {
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
