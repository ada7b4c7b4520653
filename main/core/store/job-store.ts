import { intervalAfter, type Clock } from '../clock.js';
import { JOB_LIFESPAN_MS, type JobSource } from '../jobs/job.js';
import { redactSecrets } from '../redact.js';
import type { JobCounts, JobQuery, JobRecords } from './job-records.js';
import { dictionary, type DownloadRecord, type TrackedJob } from './job-store-schema.js';
import { PendingWrites } from './pending-writes.js';
import { JobCache } from './job-cache.js';
import { claimedRecord, DOWNLOAD_LEASE_MS, heldElsewhere, ownedElsewhere } from './download-claim.js';

type Patch = Partial<Omit<TrackedJob, 'jobid'>>;

/**
 * The tracked jobs: a cache in memory (the scheduler and listeners hold its records) over the jobs
 * database that the app and the CLI share. Every change is written at once, in a short transaction
 * that first takes in what other processes wrote; claims (an announcement, a download) are decided
 * inside that transaction, so exactly one process wins each. A failed write (full disk, busy) keeps
 * the change in memory, is reported once, and is retried by the next write.
 */
export class JobStore {
  readonly #jobs: JobCache;
  readonly #dismissed = new Map<string, number>();
  readonly #pending = new PendingWrites();
  /** The database revision this cache reflects, and SQLite's counter of other connections' commits. */
  #revision: number;
  #dataVersion: number;
  readonly #followers = new Set<(jobids: string[]) => void>();
  /** The kind (error code) of the failure last reported: a disk that stays full is reported once. */
  #failing: string | undefined;

  constructor(
    private readonly records: JobRecords,
    readonly path: string,
    private readonly clock: Clock,
    private readonly onWriteError: (error: Error) => void = () => {},
    /** The API token: API error texts that echo it are redacted before they are stored. */
    private readonly getToken: () => string | undefined = () => undefined,
  ) {
    this.#jobs = new JobCache(records);
    const read = records.db.transaction(() => {
      for (const { jobid, at } of records.allDismissed()) this.#dismissed.set(jobid, at);
      return records.revision();
    });
    this.#revision = read();
    this.#dataVersion = records.dataVersion();
  }

  all(): TrackedJob[] {
    this.refresh();
    return this.#jobs.all();
  }

  /** The jobs still running, read through an index: what a scheduler resumes. */
  active(): TrackedJob[] {
    this.refresh();
    return this.records.activeJobids().flatMap((jobid) => this.#jobs.get(jobid) ?? []);
  }

  /** Completed jobs with a video not saved yet: what a download queue resumes. */
  toDownload(): TrackedJob[] {
    this.refresh();
    return this.records.jobidsToDownload().flatMap((jobid) => this.#jobs.get(jobid) ?? []);
  }

  /** How many jobs have a download running (in any process). */
  countDownloading(): number {
    return this.records.countDownloading();
  }

  get(jobid: string): TrackedJob | undefined {
    this.refresh();
    return this.#jobs.get(jobid);
  }

  /** Whether changes are held in memory only: the last write could not reach the database. */
  get unsaved(): boolean {
    return !this.#pending.empty;
  }

  isDismissed(jobid: string): boolean {
    return this.#dismissed.has(jobid);
  }

  /** When the user removed the job (here or in another process), while it stays removed. */
  removedAt(jobid: string): number | undefined {
    this.refresh();
    return this.#dismissed.get(jobid);
  }

  /** Tracks a job; returns the existing record when it is already tracked (here or by another process). */
  add(jobid: string, source: JobSource = 'v1'): { job: TrackedJob; added: boolean } {
    let result: { job: TrackedJob; added: boolean } | undefined;
    this.#write(() => {
      const existing = this.#jobs.get(jobid);
      if (existing) return void (result = { job: existing, added: false });
      const now = this.clock.now();
      const removedAt = this.#dismissed.get(jobid);
      const job: TrackedJob = {
        jobid,
        source,
        addedAt: removedAt === undefined ? now : Math.max(now, removedAt + 1),
        changedAt: now,
        state: 'active',
        finishAnnounced: false,
        notified: [],
      };
      this.#jobs.set(job);
      this.#dismissed.delete(jobid);
      this.#pending.noteAll(job);
      result = { job, added: true };
    });
    return result!;
  }

  update(jobid: string, patch: Patch, options: { durable?: boolean } = {}): TrackedJob {
    const job = this.get(jobid);
    if (!job) throw new Error(`Job ${jobid} is not tracked.`);
    // A download's progress or a notification has rows of its own: the job's row stays as it is.
    const ownRows = Object.keys(patch).every((key) => key === 'downloads' || key === 'notified');
    const change = ownRows
      ? this.#redacted(patch)
      : { ...this.#redacted(patch), changedAt: this.clock.now() };
    // Applied inside the write, after what other processes committed meanwhile is taken in: a job
    // forgotten there is not brought back, and their change to this job is not passed over as older.
    this.#write(() => {
      const current = this.#jobs.get(jobid);
      if (!current) return;
      this.#pending.note(current, change);
      Object.assign(current, change);
    }, options);
    return job;
  }

  /**
   * Records that a job finished and claims its announcement inside one write transaction: true for
   * exactly one caller across every process, which alone announces the job (and downloads it).
   */
  claimFinish(jobid: string, patch: Patch): boolean {
    let claimed = false;
    this.#write(
      () => {
        const job = this.#jobs.get(jobid);
        if (!job) return;
        claimed = !job.finishAnnounced;
        const change = { ...this.#redacted(patch), finishAnnounced: true, changedAt: this.clock.now() };
        this.#pending.note(job, change);
        Object.assign(job, change);
      },
      { durable: true },
    );
    return claimed;
  }

  /**
   * Claims the next request for a job across every process on this database, in one write
   * transaction: unless a process asked for it or had its answer within `intervalMs`, records now as
   * its last check and returns now; otherwise returns when it may be asked (nothing written). A
   * request in flight elsewhere counts from its sending until its answer is recorded.
   */
  claimRequest(jobid: string, intervalMs: number): number {
    const now = this.clock.now();
    let allowed = now;
    this.#write(() => {
      const job = this.#jobs.get(jobid);
      if (!job) return;
      allowed = Math.max(now, intervalAfter(job.lastCheckedAt, now, intervalMs));
      if (allowed > now) return;
      this.#pending.note(job, { lastCheckedAt: now });
      job.lastCheckedAt = now;
    });
    return allowed;
  }

  /**
   * Claims an attachment's download for this process, leased for `leaseMs`: false when it is saved,
   * or held by another process (see `heldElsewhere`). A claimed record is pending.
   */
  claimDownload(jobid: string, key: string, leaseMs = DOWNLOAD_LEASE_MS): boolean {
    return this.#changeDownload(jobid, key, (record) =>
      claimedRecord(record, process.pid, this.clock.now(), leaseMs),
    );
  }

  /** Extends this process's lease on a download it still holds; false when it no longer does. */
  renewLease(jobid: string, key: string, leaseMs = DOWNLOAD_LEASE_MS): boolean {
    return this.#changeDownload(jobid, key, (record) =>
      record?.owner === process.pid && (record.state === 'pending' || record.state === 'downloading')
        ? { ...record, leaseUntil: this.clock.now() + leaseMs }
        : undefined,
    );
  }

  /**
   * Writes `patch` over a download this process holds, decided inside one write transaction: false,
   * nothing written, once another process took it over (this one stalled past its lease), so the
   * record that process wrote, saved or not, stays as it is.
   */
  updateHeldDownload(
    jobid: string,
    key: string,
    patch: Partial<DownloadRecord>,
    options: { durable?: boolean } = {},
  ): boolean {
    return this.#changeDownload(
      jobid,
      key,
      (record) =>
        ownedElsewhere(record, process.pid)
          ? undefined
          : ({ ...(record ?? { state: 'pending', bytes: 0 }), ...patch } as DownloadRecord),
      options,
    );
  }

  /** Whether another process holds this download now: this one must not fetch it. */
  downloadHeldElsewhere(jobid: string, key: string): boolean {
    return heldElsewhere(this.get(jobid)?.downloads?.[key], process.pid, this.clock.now());
  }

  /** Writes the record `change` returns for a download, decided inside one write transaction. */
  #changeDownload(
    jobid: string,
    key: string,
    change: (record: DownloadRecord | undefined) => DownloadRecord | undefined,
    options: { durable?: boolean } = {},
  ): boolean {
    let changed = false;
    this.#write(() => {
      const job = this.#jobs.get(jobid);
      const next = job && change(job.downloads?.[key]);
      if (!job || !next) return;
      const downloads = dictionary([...Object.entries(job.downloads ?? {}), [key, next]]);
      this.#pending.note(job, { downloads });
      job.downloads = downloads;
      changed = true;
    }, options);
    return changed;
  }

  remove(jobid: string): boolean {
    if (!this.get(jobid)) return false;
    const at = this.clock.now();
    this.#jobs.delete(jobid);
    this.#dismissed.set(jobid, at);
    this.#pending.noteRemoval(jobid, at);
    this.#write(undefined, { durable: true });
    return true;
  }

  /**
   * Forgets jobs created and tracked over 31 days ago: the API recycles them. Returns the removed jobs as they
   * were (their unfinished downloads' `.part` files are the caller's to drop: see forgotten-parts.ts).
   */
  prune(): TrackedJob[] {
    const cutoff = this.clock.now() - JOB_LIFESPAN_MS;
    const removed: TrackedJob[] = [];
    for (const jobid of this.records.jobidsBornBefore(cutoff)) {
      const job = this.#jobs.get(jobid);
      if (job) removed.push(job);
      this.#jobs.delete(jobid);
      this.#pending.noteRemoval(jobid, undefined);
    }
    const forgotten = [...this.#dismissed].filter(([, at]) => at < cutoff);
    for (const [jobid] of forgotten) this.#dismissed.delete(jobid);
    // Nothing to forget, nothing written: opening a store must leave its file as it was.
    if (removed.length > 0 || forgotten.length > 0)
      this.#write(() => this.records.forgetDismissedBefore(cutoff));
    return removed;
  }

  /** Writes whatever an earlier write could not (after a full disk, a busy database). */
  flush(): void {
    if (!this.#pending.empty) this.#write();
  }

  /** Closes the database; later changes stay in memory only (the session that made them is over). */
  close(): void {
    this.records.db.close();
  }

  /** One page of jobs for the window, by filter and search (and where `locate` stands), reading no others. */
  query(query: JobQuery, locate?: string): { total: number; rows: TrackedJob[]; index?: number } {
    this.refresh();
    const { total, jobids, index } = this.records.query(query, locate);
    return { total, rows: jobids.flatMap((jobid) => this.#jobs.get(jobid) ?? []), index };
  }
  /** How many jobs match `search` under each of the window's filters, counted in the database. */
  count = (search: string): JobCounts => this.records.count(search);

  /**
   * Takes in what other processes committed since the last look (a cheap counter check when
   * nothing changed). Returns the jobids whose records changed or appeared.
   */
  refresh(): string[] {
    if (!this.records.db.open) return [];
    const version = this.records.dataVersion();
    if (version === this.#dataVersion) return [];
    this.#dataVersion = version;
    return this.records.db.transaction(() => this.#absorb())();
  }

  /**
   * Calls `listener` with the jobids another process added or changed, whichever read noticed it
   * first; after the transaction that read them, so the listener may write. Returns an unsubscribe.
   */
  follow(listener: (jobids: string[]) => void): () => void {
    this.#followers.add(listener);
    return () => this.#followers.delete(listener);
  }

  #absorb(): string[] {
    const changed: string[] = [];
    for (const { jobid, at } of this.records.dismissedSince(this.#revision)) {
      this.#dismissed.set(jobid, at);
      if (!this.#pending.jobs.has(jobid)) this.#jobs.delete(jobid);
    }
    for (const jobid of this.records.changedSince(this.#revision)) {
      if (this.#pending.jobs.has(jobid) || this.#pending.removals.has(jobid)) continue; // ours is newer
      this.#jobs.reload(jobid);
      this.#dismissed.delete(jobid);
      changed.push(jobid);
    }
    this.#revision = this.records.revision();
    if (changed.length > 0 && this.#followers.size > 0)
      queueMicrotask(() => this.#followers.forEach((listener) => listener(changed)));
    return changed;
  }

  /**
   * One write transaction: others' changes first, then `change` on the fresh state, then every
   * pending change under a new revision. `durable` writes (claims, notifications) sync to disk.
   */
  #write(change: () => void = () => {}, options: { durable?: boolean } = {}): void {
    let applied = false;
    const { db } = this.records;
    if (!db.open) return change();
    try {
      if (options.durable) db.pragma('synchronous = FULL');
      db.transaction(() => {
        this.#absorb();
        change();
        applied = true;
        if (!this.#pending.empty)
          this.#pending.writeTo(this.records, this.#jobs, this.records.nextRevision(), this.clock.now());
      }).immediate();
      this.#revision = this.records.revision();
      this.#dataVersion = this.records.dataVersion();
      this.#pending.clear();
      this.#failing = undefined;
    } catch (error) {
      if (!applied) change();
      const message = `Cannot save the job store ${this.path}: ${(error as Error).message}`;
      const kind = (error as { code?: string }).code ?? message;
      if (kind !== this.#failing) this.onWriteError(new Error(message, { cause: error }));
      this.#failing = kind;
    } finally {
      if (options.durable) db.pragma('synchronous = NORMAL');
    }
  }

  /** Every text the API sent (errors, snapshots) passes here: the token never reaches the file. */
  #redacted<T extends object>(patch: T): T {
    return redactSecrets(patch, this.getToken()) as T;
  }
}
