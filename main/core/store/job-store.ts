import type { Clock } from '../clock.js';
import { createdAt, JOB_LIFESPAN_MS, type JobSource } from '../jobs/job.js';
import type { DocumentWriter } from './job-store-file.js';
import { absorbDocument, toDocument, type StoreState } from './job-store-merge.js';
import { isProcessAlive } from './file-lock.js';
import { dictionary, type JobDocument, type TrackedJob } from './job-store-schema.js';
import { redactSecrets } from '../redact.js';

const FLUSH_DELAY_MS = 250;

/**
 * The tracked jobs, in memory, written through a DocumentWriter. Routine updates are coalesced;
 * anything that must survive a crash (a finished job's announcement) is written at once. Each write
 * first takes in what other processes on the same file wrote, so none loses the other's jobs.
 */
export class JobStore {
  readonly #state: StoreState;
  readonly #schemaVersion: JobDocument['schemaVersion'];
  #flushTimer: ReturnType<Clock['setTimeout']> | undefined;
  /** Changes made here that the file does not hold yet: a flush without any rewrites nothing. */
  #unsaved = false;
  /** The kind (errno code) of the failure last reported: a disk that stays full is reported once. */
  #failing: string | undefined;

  constructor(
    doc: JobDocument,
    private readonly writer: DocumentWriter,
    private readonly clock: Clock,
    /** A failed write (disk full, permissions) is reported here; the next write tries again. */
    private readonly onWriteError: (error: Error) => void = () => {},
    /** The API token: API error texts that echo it are redacted before they are stored. */
    private readonly getToken: () => string | undefined = () => undefined,
  ) {
    this.#schemaVersion = doc.schemaVersion;
    this.#state = {
      jobs: new Map(Object.entries(doc.jobs)),
      dismissed: new Map(Object.entries(doc.dismissed)),
    };
  }

  get path(): string {
    return this.writer.path;
  }

  all(): TrackedJob[] {
    return [...this.#state.jobs.values()];
  }

  get(jobid: string): TrackedJob | undefined {
    return this.#state.jobs.get(jobid);
  }

  isDismissed(jobid: string): boolean {
    return this.#state.dismissed.has(jobid);
  }

  /** Tracks a job; returns the existing record when it is already tracked. */
  add(jobid: string, source: JobSource = 'v1'): { job: TrackedJob; added: boolean } {
    const existing = this.get(jobid);
    if (existing) return { job: existing, added: false };
    const now = this.clock.now();
    // Strictly after a removal, even within the same millisecond: a merge lets the later one win.
    const removedAt = this.#state.dismissed.get(jobid);
    const job: TrackedJob = {
      jobid,
      source,
      addedAt: removedAt === undefined ? now : Math.max(now, removedAt + 1),
      changedAt: now,
      state: 'active',
      finishAnnounced: false,
      notified: [],
    };
    this.#state.jobs.set(jobid, job);
    this.#state.dismissed.delete(jobid);
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
    Object.assign(job, this.#redacted(patch), { changedAt: this.clock.now() });
    this.#unsaved = true;
    if (options.durable) this.flush();
    else this.#scheduleFlush();
    return job;
  }

  /**
   * Records that a job finished and claims its announcement, re-reading the file under the lock
   * other processes share: true for exactly one caller across them all, which alone announces the
   * job (and downloads it). The patch is applied either way.
   */
  claimFinish(jobid: string, patch: Partial<Omit<TrackedJob, 'jobid'>>): boolean {
    let claimed = false;
    this.#commit(() => {
      const job = this.get(jobid);
      if (!job) return;
      claimed = !job.finishAnnounced;
      Object.assign(job, this.#redacted(patch), { finishAnnounced: true, changedAt: this.clock.now() });
    });
    return claimed;
  }

  /**
   * Claims an attachment's download for this process, re-reading the file under the lock: false
   * when it is saved, or queued by another process that still runs. A claimed record is pending.
   */
  claimDownload(jobid: string, key: string): boolean {
    let claimed = false;
    this.#commit(() => {
      const job = this.get(jobid);
      const record = job?.downloads?.[key];
      if (!job || record?.state === 'saved') return;
      const owner = record?.owner;
      const elsewhere = owner !== undefined && owner !== process.pid && record?.state !== 'failed';
      if (elsewhere && isProcessAlive(owner)) return;
      const pending = {
        ...record,
        state: 'pending',
        bytes: record?.bytes ?? 0,
        error: undefined,
        owner: process.pid,
      } as const;
      job.downloads = dictionary([...Object.entries(job.downloads ?? {}), [key, pending]]);
      job.changedAt = this.clock.now();
      claimed = true;
    });
    return claimed;
  }

  remove(jobid: string): boolean {
    if (!this.get(jobid)) return false;
    this.#state.jobs.delete(jobid);
    this.#state.dismissed.set(jobid, this.clock.now());
    this.#unsaved = true;
    this.flush();
    return true;
  }

  /** Forgets jobs created over 31 days ago: the API recycles them. Returns the removed ids. */
  prune(): string[] {
    const removed: string[] = [];
    for (const job of this.all()) {
      if (this.#isExpired(job)) {
        this.#state.jobs.delete(job.jobid);
        removed.push(job.jobid);
      }
    }
    const cutoff = this.clock.now() - JOB_LIFESPAN_MS;
    for (const [jobid, at] of this.#state.dismissed) if (at < cutoff) this.#state.dismissed.delete(jobid);
    this.#unsaved ||= removed.length > 0;
    this.flush();
    return removed;
  }

  /** Writes what changed; `evenIfUnchanged` also writes a store the file does not hold (a recovery). */
  flush(options: { evenIfUnchanged?: boolean } = {}): void {
    if (this.#flushTimer !== undefined) {
      this.clock.clearTimeout(this.#flushTimer);
      this.#flushTimer = undefined;
    }
    if (this.#unsaved || options.evenIfUnchanged) this.#commit();
  }

  /** Every text the API sent (errors, snapshots) passes here: the token never reaches the file. */
  #redacted<T extends object>(patch: T): T {
    return redactSecrets(patch, this.getToken()) as T;
  }

  #isExpired(job: TrackedJob): boolean {
    const born = createdAt(job.job) ?? job.addedAt;
    return born < this.clock.now() - JOB_LIFESPAN_MS;
  }

  /**
   * Writes the jobs, merged with the file as other processes left it; `change` runs on the merged
   * state, inside the lock. When the write fails, the change still applies in memory and the old
   * file stays as it was; the next write tries again.
   */
  #commit(change: () => void = () => {}): void {
    let applied = false;
    const merge = (onDisk: JobDocument | undefined): JobDocument => {
      if (onDisk) absorbDocument(this.#state, onDisk, (job) => this.#isExpired(job));
      change();
      applied = true;
      return toDocument(this.#state, this.#schemaVersion);
    };
    try {
      if (this.writer.exchange) this.writer.exchange(merge);
      else this.writer.write(merge(undefined));
      this.#failing = undefined;
      this.#unsaved = false;
    } catch (error) {
      if (!applied) change();
      this.#unsaved = true; // the next flush tries again
      const message = `Cannot save the job store ${this.writer.path}: ${(error as Error).message}`;
      const kind = (error as NodeJS.ErrnoException).code ?? message;
      if (kind !== this.#failing) this.onWriteError(new Error(message, { cause: error }));
      this.#failing = kind;
    }
  }

  #scheduleFlush(): void {
    this.#unsaved = true;
    this.#flushTimer ??= this.clock.setTimeout(() => {
      this.#flushTimer = undefined;
      this.#commit();
    }, FLUSH_DELAY_MS);
  }
}
