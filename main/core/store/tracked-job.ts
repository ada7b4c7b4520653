import { JOB_LIFESPAN_MS } from '../api/job-model.js';
import type { TrackedJob } from './job-store-schema.js';

/** Whether the API may have recycled the job: created (or, without a date, added) over 31 days ago. */
export function isExpired(job: TrackedJob, now: number): boolean {
  const created = Date.parse(job.snapshot?.created ?? '');
  const born = Number.isNaN(created) ? job.addedAt : created;
  return born < now - JOB_LIFESPAN_MS;
}

export /** Makes `target` equal to `source` while keeping its identity: the scheduler and listeners hold it. */
function replaceContents(target: TrackedJob, source: TrackedJob): void {
  for (const key of Object.keys(target))
    if (!Object.hasOwn(source, key)) delete target[key as keyof TrackedJob];
  Object.assign(target, source);
}
