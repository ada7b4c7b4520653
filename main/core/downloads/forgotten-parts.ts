import fs from 'node:fs';
import { heldElsewhere } from '../store/download-claim.js';
import type { TrackedJob } from '../store/job-store-schema.js';
import type { JobStore } from '../store/job-store.js';

/**
 * Deletes the `.part` files of a job no longer tracked (forgotten, or its removal past Undo): nothing
 * resumes them, and a left `clip.mp4.part` would push the next download of that name to `clip (2)`.
 * A `.part` another live process is still writing is left to it, as is one the job's current record
 * (tracked again meanwhile) names. Returns the files deleted.
 */
export function dropForgottenParts(
  removed: TrackedJob,
  current: TrackedJob | undefined,
  now: number,
): string[] {
  const inUse = new Set(Object.values(current?.downloads ?? {}).flatMap((d) => d.file ?? []));
  const dropped: string[] = [];
  for (const record of Object.values(removed.downloads ?? {})) {
    if (record.state === 'saved' || !record.file || inUse.has(record.file)) continue;
    if (heldElsewhere(record, process.pid, now)) continue;
    const part = `${record.file}.part`;
    try {
      fs.rmSync(part);
      dropped.push(part);
    } catch {
      // Gone already, or not ours to delete (permissions): nothing is lost by leaving it.
    }
  }
  return dropped;
}

/**
 * Forgets the jobs the API has recycled (created and tracked over 31 days ago) and deletes their unfinished
 * downloads' `.part` files, which nothing would resume. Returns the forgotten jobids.
 */
export function pruneRecycledJobs(store: Pick<JobStore, 'prune' | 'get'>, now: number): string[] {
  return store.prune().map((job) => {
    dropForgottenParts(job, store.get(job.jobid), now);
    return job.jobid;
  });
}
