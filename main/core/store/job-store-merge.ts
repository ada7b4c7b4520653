import type { DownloadRecord, JobDocument, TrackedJob } from './job-store-schema.js';
import { dictionary } from './job-store-schema.js';

/** The store's state in memory: Maps, so no jobid can reach a prototype. */
export interface StoreState {
  jobs: Map<string, TrackedJob>;
  dismissed: Map<string, number>;
}

/**
 * Folds the document another process wrote into this process's state, job by job, so neither
 * loses the other's jobs: the record changed last wins, flags that only ever turn on (announced,
 * notified) are OR-ed, and a saved download is never forgotten. A removal wins over a record added
 * before or at the same time. Existing records are updated in place: the scheduler and listeners hold them.
 */
export function absorbDocument(
  mine: StoreState,
  theirs: JobDocument,
  isExpired: (job: TrackedJob) => boolean,
): void {
  for (const [jobid, at] of Object.entries(theirs.dismissed))
    mine.dismissed.set(jobid, Math.max(at, mine.dismissed.get(jobid) ?? at));
  for (const [jobid, their] of Object.entries(theirs.jobs)) {
    const own = mine.jobs.get(jobid);
    if (own) replaceContents(own, mergeJob(own, their));
    else if (!isExpired(their)) mine.jobs.set(jobid, their);
  }
  for (const [jobid, removedAt] of mine.dismissed) {
    const job = mine.jobs.get(jobid);
    if (!job) continue;
    if (job.addedAt <= removedAt) mine.jobs.delete(jobid);
    else mine.dismissed.delete(jobid);
  }
}

export function mergeJob(own: TrackedJob, their: TrackedJob): TrackedJob {
  const theirsNewer = (their.changedAt ?? 0) > (own.changedAt ?? 0);
  const [newer, older] = theirsNewer ? [their, own] : [own, their];
  const merged: TrackedJob = {
    ...newer,
    finishAnnounced: own.finishAnnounced || their.finishAnnounced,
    notified: [...new Set([...newer.notified, ...older.notified])],
  };
  const downloads = mergeDownloads(newer.downloads, older.downloads);
  if (downloads) merged.downloads = downloads;
  return merged;
}

type Downloads = Record<string, DownloadRecord>;

function mergeDownloads(newer: Downloads | undefined, older: Downloads | undefined): Downloads | undefined {
  if (!newer || !older) return newer ?? older;
  const keys = new Set([...Object.keys(newer), ...Object.keys(older)]);
  return dictionary(
    [...keys].map((key) => {
      const a = newer[key];
      const b = older[key];
      const pick = !a ? b! : !b ? a : b.state === 'saved' && a.state !== 'saved' ? b : a;
      return [key, pick] as const;
    }),
  );
}

/** Makes `target` equal to `source` while keeping its identity. */
function replaceContents(target: TrackedJob, source: TrackedJob): void {
  for (const key of Object.keys(target))
    if (!Object.hasOwn(source, key)) delete target[key as keyof TrackedJob];
  Object.assign(target, source);
}

export function toDocument(state: StoreState, schemaVersion: JobDocument['schemaVersion']): JobDocument {
  return { schemaVersion, jobs: dictionary(state.jobs), dismissed: dictionary(state.dismissed) };
}
