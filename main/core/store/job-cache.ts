import type { JobRecords } from './job-records.js';
import type { TrackedJob } from './job-store-schema.js';
import { replaceContents } from './tracked-job.js';

/**
 * The job records this process has read, each read once and then kept as the same object (the
 * scheduler and listeners hold them). Opening a store reads none: 50,000 jobs cost nothing until
 * someone asks for all of them.
 */
export class JobCache {
  #jobs = new Map<string, TrackedJob>();
  /** Whether every stored job has been read: a miss then means the job does not exist. */
  #complete = false;

  constructor(private readonly records: JobRecords) {}

  get(jobid: string): TrackedJob | undefined {
    const cached = this.#jobs.get(jobid);
    // A closed store answers from what it read (its session is over), never with an error.
    if (cached || this.#complete || !this.records.db.open) return cached;
    const stored = this.records.job(jobid);
    if (stored) this.#jobs.set(jobid, stored);
    return stored;
  }

  set(job: TrackedJob): void {
    this.#jobs.set(job.jobid, job);
  }

  delete(jobid: string): void {
    this.#jobs.delete(jobid);
  }

  isCached(jobid: string): boolean {
    return this.#jobs.has(jobid);
  }

  /** Every job, in the order they were added; records already read stay the same objects. */
  all(): TrackedJob[] {
    if (!this.#complete) {
      const ordered = new Map<string, TrackedJob>();
      for (const job of this.records.allJobs()) ordered.set(job.jobid, this.#jobs.get(job.jobid) ?? job);
      for (const [jobid, job] of this.#jobs) if (!ordered.has(jobid)) ordered.set(jobid, job); // not written yet
      this.#jobs = ordered;
      this.#complete = true;
    }
    return [...this.#jobs.values()];
  }

  /** Takes in a job another process changed: re-read when held here, else read when next asked for. */
  reload(jobid: string): void {
    const cached = this.#jobs.get(jobid);
    if (!cached && !this.#complete) return;
    const stored = this.records.job(jobid);
    if (!stored) this.#jobs.delete(jobid);
    else if (cached) replaceContents(cached, stored);
    else this.#jobs.set(jobid, stored);
  }
}
