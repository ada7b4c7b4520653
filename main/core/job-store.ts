import type { Clock } from './clock.js';
import { JOB_LIFESPAN_MS } from './job-model.js';
import type { DocumentWriter } from './job-store-file.js';
import type { JobDocument, TrackedJob } from './job-store-schema.js';

const FLUSH_DELAY_MS = 250;

/**
 * The tracked jobs, in memory, written through a DocumentWriter. Routine updates are coalesced;
 * anything that must survive a crash (a finished job's announcement) is written at once.
 */
export class JobStore {
  readonly #doc: JobDocument;
  #flushTimer: ReturnType<Clock['setTimeout']> | undefined;

  constructor(
    doc: JobDocument,
    private readonly writer: DocumentWriter,
    private readonly clock: Clock,
    /** A failed write (disk full, permissions) is reported here; the next write tries again. */
    private readonly onWriteError: (error: Error) => void = () => {},
  ) {
    this.#doc = doc;
  }

  get path(): string {
    return this.writer.path;
  }

  all(): TrackedJob[] {
    return Object.values(this.#doc.jobs);
  }

  get(jobid: string): TrackedJob | undefined {
    return Object.hasOwn(this.#doc.jobs, jobid) ? this.#doc.jobs[jobid] : undefined;
  }

  isDismissed(jobid: string): boolean {
    return Object.hasOwn(this.#doc.dismissed, jobid);
  }

  /** Tracks a job; returns the existing record when it is already tracked. */
  add(jobid: string): { job: TrackedJob; added: boolean } {
    const existing = this.get(jobid);
    if (existing) return { job: existing, added: false };
    const job: TrackedJob = {
      jobid,
      addedAt: this.clock.now(),
      state: 'active',
      finishAnnounced: false,
      notified: [],
    };
    this.#doc.jobs[jobid] = job;
    delete this.#doc.dismissed[jobid];
    this.#scheduleFlush();
    return { job, added: true };
  }

  update(
    jobid: string,
    patch: Partial<Omit<TrackedJob, 'jobid'>>,
    options: { durable?: boolean } = {},
  ): TrackedJob {
    const job = this.get(jobid);
    if (!job) throw new Error(`Job ${jobid} is not tracked.`);
    Object.assign(job, patch);
    if (options.durable) this.flush();
    else this.#scheduleFlush();
    return job;
  }

  remove(jobid: string): boolean {
    if (!this.get(jobid)) return false;
    delete this.#doc.jobs[jobid];
    this.#doc.dismissed[jobid] = this.clock.now();
    this.flush();
    return true;
  }

  /** Forgets jobs created over 31 days ago: the API recycles them. Returns the removed ids. */
  prune(): string[] {
    const cutoff = this.clock.now() - JOB_LIFESPAN_MS;
    const removed: string[] = [];
    for (const job of this.all()) {
      const created = Date.parse(job.snapshot?.created ?? '');
      const born = Number.isNaN(created) ? job.addedAt : created;
      if (born < cutoff) {
        delete this.#doc.jobs[job.jobid];
        removed.push(job.jobid);
      }
    }
    for (const [jobid, at] of Object.entries(this.#doc.dismissed)) {
      if (at < cutoff) delete this.#doc.dismissed[jobid];
    }
    if (removed.length > 0) this.flush();
    return removed;
  }

  flush(): void {
    if (this.#flushTimer !== undefined) {
      this.clock.clearTimeout(this.#flushTimer);
      this.#flushTimer = undefined;
    }
    this.#write();
  }

  #write(): void {
    try {
      this.writer.write(this.#doc);
    } catch (error) {
      this.onWriteError(
        new Error(`Cannot save the job store ${this.writer.path}: ${(error as Error).message}`),
      );
    }
  }

  #scheduleFlush(): void {
    this.#flushTimer ??= this.clock.setTimeout(() => {
      this.#flushTimer = undefined;
      this.#write();
    }, FLUSH_DELAY_MS);
  }
}
