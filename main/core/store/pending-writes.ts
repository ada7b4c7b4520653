import type { JobCache } from './job-cache.js';
import type { JobRecords } from './job-records.js';
import type { TrackedJob } from './job-store-schema.js';

/** What of one job this process changed and the database does not hold yet. */
export interface PendingJob {
  row: boolean;
  downloads: Set<string>;
  notified: boolean;
}

/**
 * Changes made in memory and not yet written: each write transaction writes them all; when it fails
 * (a full disk, a busy database) they stay here for the next one, so nothing is lost meanwhile.
 */
export class PendingWrites {
  readonly jobs = new Map<string, PendingJob>();
  /** Jobs removed (a time: dismissed by the user) or pruned (undefined). */
  readonly removals = new Map<string, number | undefined>();

  get empty(): boolean {
    return this.jobs.size === 0 && this.removals.size === 0;
  }

  /** Notes which parts of a job a patch touches: a download's progress never rewrites the job's row. */
  note(job: TrackedJob, patch: Partial<TrackedJob>): void {
    const pending = this.#of(job.jobid);
    for (const key of Object.keys(patch)) {
      if (key === 'notified') pending.notified = true;
      else if (key !== 'downloads') pending.row = true;
    }
    if (patch.downloads) {
      const before = job.downloads ?? {};
      for (const [key, record] of Object.entries(patch.downloads))
        if (before[key] !== record) pending.downloads.add(key);
    }
  }

  noteAll(job: TrackedJob): void {
    const pending = this.#of(job.jobid);
    pending.row = true;
    pending.notified = true;
    for (const key of Object.keys(job.downloads ?? {})) pending.downloads.add(key);
    this.removals.delete(job.jobid);
  }

  noteRemoval(jobid: string, dismissedAt: number | undefined): void {
    this.jobs.delete(jobid);
    this.removals.set(jobid, dismissedAt);
  }

  /** Writes every pending change under `revision`, from the records `jobs` holds now. */
  writeTo(records: JobRecords, jobs: JobCache, revision: number, now: number): void {
    for (const [jobid, dismissedAt] of this.removals) {
      records.deleteJob(jobid);
      if (dismissedAt !== undefined) records.dismiss(jobid, dismissedAt, revision);
    }
    for (const [jobid, pending] of this.jobs) {
      const job = jobs.get(jobid);
      if (!job) continue;
      if (pending.row) {
        records.putJob(job, revision);
        records.undismiss(jobid);
      }
      for (const key of pending.downloads) {
        const record = job.downloads?.[key];
        if (record) records.putDownload(jobid, key, record, revision);
      }
      if (pending.notified)
        for (const kind of job.notified) records.putNotification(jobid, kind, now, revision);
    }
  }

  clear(): void {
    this.jobs.clear();
    this.removals.clear();
  }

  #of(jobid: string): PendingJob {
    let pending = this.jobs.get(jobid);
    if (!pending) this.jobs.set(jobid, (pending = { row: false, downloads: new Set(), notified: false }));
    return pending;
  }
}
