import fsp from 'node:fs/promises';
import path from 'node:path';
import { ownedElsewhere } from '../store/download-claim.js';
import type { DownloadRecord } from '../store/job-store-schema.js';
import { TypedEmitter } from '../typed-emitter.js';
import { withDefaults } from '../with-defaults.js';
import { progressMeter, type DownloadEvents } from './download-events.js';
import { deadLinkMessage, downloadAttempt, type AttemptResult } from './download-attempt.js';
import { fileNameFor, findResult, pickUrl } from './results.js';
import { downloadFolder, downloadTarget } from './download-target.js';
import { containedPath } from './filename.js';
import { linkWithoutOverwrite } from './finalize.js';
import { finishedEarlier } from './finished-earlier.js';
import {
  describeDiskError,
  emptyPart,
  folderChangedMessage,
  isDiskError,
  partIsOurs,
  partSize,
} from './part-file.js';
import { DownloadLeases, taskOf, type DownloadTask } from './download-leases.js';
import {
  backoffPause,
  queueDefaults,
  type AttemptTarget,
  type DownloadQueueOptions,
} from './download-options.js';

export type { DownloadEvents, DownloadProgress } from './download-events.js';
export type { DownloadQueueOptions } from './download-options.js';

const MAX_SIZE_MISMATCHES = 2;

const unrecordedMessage = (database: string) =>
  `The jobs database ${database} could not be saved, so the download did not start (a file it ` +
  'started would be unknown to a next run); download it again once the database can be saved.';

/**
 * Saves every result (video) of completed jobs: streamed to `<name>.part` (reserved for it alone),
 * verified, synced, then linked into place without ever overwriting; resumed with Range and If-Range
 * after any interruption, and only while the server still serves the same file.
 */
export class DownloadQueue extends TypedEmitter<DownloadEvents> {
  readonly #o: Required<Omit<DownloadQueueOptions, 'random'>> & { random: () => number };
  readonly #waiting: { jobid: string; key: string }[] = [];
  /** Running downloads by task, each with its own abort: `cancel` stops one job's, `stop` all. */
  readonly #active = new Map<string, AbortController>();
  /** Asked for while its run was still closing (a failure just shown): queued again once it ends. */
  readonly #askedAgain = new Set<string>();
  #stopped = false;
  readonly #idleWaiters: (() => void)[] = [];
  /** The file each running download writes (by task id): no other download may take its name. */
  readonly #filesInUse = new Map<string, string>();
  readonly #leases: DownloadLeases;

  constructor(options: DownloadQueueOptions) {
    super();
    this.#o = withDefaults(queueDefaults(), options);
    this.#leases = new DownloadLeases(this.#o, {
      held: () => [...this.#waiting, ...[...this.#active.keys()].map(taskOf)],
      lost: (task) => this.#lost(task),
      released: ({ jobid, key }) => (this.#claim(jobid, key), this.#next()),
      settledElsewhere: (task, record) => {
        if (record.state === 'saved')
          this.emit('download-saved-elsewhere', { ...task, file: record.file ?? '', bytes: record.bytes });
        else this.emit('download-failed', { ...task, message: record.error ?? 'The download failed.' });
        this.#next();
      },
    });
  }

  /** Queues every result of a completed job that is not saved yet. Returns how many. */
  enqueue(jobid: string): number {
    const job = this.#o.store.get(jobid);
    const results = job?.state === 'completed' ? (job.job?.results ?? []) : [];
    let queued = 0;
    for (const { key } of results) {
      const id = `${jobid}\n${key}`;
      if (this.#active.has(id)) this.#askedAgain.add(id);
      else if (this.#waiting.some((t) => t.jobid === jobid && t.key === key) || !this.#claim(jobid, key))
        continue;
      queued++;
    }
    this.#next();
    return queued;
  }

  /**
   * Claims a download in the jobs database and queues it: a video saved is left alone; one another
   * process holds is waited for (with `awaitOthers`) until it is saved, fails, or its lease lapses.
   */
  #claim(jobid: string, key: string): boolean {
    if (this.#o.store.claimDownload(jobid, key, this.#o.leaseMs)) {
      this.#waiting.push({ jobid, key });
      this.#leases.keepRenewing();
      return true;
    }
    if (this.#o.awaitOthers && this.#o.store.downloadHeldElsewhere(jobid, key))
      if (this.#leases.awaitOther({ jobid, key })) this.emit('download-elsewhere', { jobid, key });
    return false;
  }

  /** Another process took over a download this one held: it stops here, and is waited for. */
  #lost(task: DownloadTask): void {
    const at = this.#waiting.findIndex((t) => t.jobid === task.jobid && t.key === task.key);
    if (at >= 0) this.#waiting.splice(at, 1);
    this.#active.get(`${task.jobid}\n${task.key}`)?.abort();
    if (this.#o.awaitOthers && this.#leases.awaitOther(task)) this.emit('download-elsewhere', task);
  }

  /** Every completed job with something left to save (after a restart). */
  resumeAll(): void {
    for (const job of this.#o.store.toDownload()) this.enqueue(job.jobid);
  }

  /** Resolves once nothing is queued or running. */
  idle(): Promise<void> {
    if (this.#isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  stop(): void {
    this.#stopped = true;
    this.#leases.stop();
    this.#waiting.length = 0;
    for (const controller of this.#active.values()) controller.abort();
  }

  /** A job the user stopped tracking: its downloads stop, quietly; a `.part` stays for Undo. */
  cancel(jobid: string): void {
    this.#leases.forget(jobid);
    this.#waiting.splice(0, Infinity, ...this.#waiting.filter((t) => t.jobid !== jobid));
    for (const [task, controller] of this.#active) if (task.startsWith(`${jobid}\n`)) controller.abort();
  }

  #next(): void {
    while (!this.#stopped && this.#active.size < this.#o.concurrency && this.#waiting.length > 0) {
      const task = this.#waiting.shift()!;
      const id = `${task.jobid}\n${task.key}`;
      const controller = new AbortController();
      this.#active.set(id, controller);
      void this.#run(task.jobid, task.key, controller.signal).finally(() => {
        this.#active.delete(id);
        if (this.#askedAgain.delete(id)) this.enqueue(task.jobid);
        this.#next();
      });
    }
    if (this.#isIdle()) for (const resolve of this.#idleWaiters.splice(0)) resolve();
  }

  #isIdle(): boolean {
    return this.#waiting.length === 0 && this.#active.size === 0 && this.#leases.waitingForOthers === 0;
  }

  #record(jobid: string, key: string): DownloadRecord | undefined {
    return this.#o.store.get(jobid)?.downloads?.[key];
  }

  /**
   * Writes a download's record while this process holds it. False when it does not: the job was
   * removed (its download is being cancelled), or another process took the download over while this
   * one stalled past its lease; then this one stops, writes nothing more, and waits for that one.
   */
  #save(jobid: string, key: string, patch: Partial<DownloadRecord>, durable = false): boolean {
    if (this.#o.store.updateHeldDownload(jobid, key, patch, { durable })) return true;
    if (this.#o.store.get(jobid)) this.#lost({ jobid, key });
    return false;
  }

  /** Whether this process still holds the download (before putting its video in place). */
  #stillHeld(jobid: string, key: string): boolean {
    if (!ownedElsewhere(this.#record(jobid, key), process.pid)) return true;
    this.#lost({ jobid, key });
    return false;
  }

  async #run(jobid: string, key: string, signal: AbortSignal): Promise<void> {
    const task = `${jobid}\n${key}`;
    // Taken over while it waited its turn (this process stalled past its lease): that one saves it.
    if (this.#o.store.downloadHeldElsewhere(jobid, key)) return this.#lost({ jobid, key });
    try {
      await this.#download(jobid, key, task, signal);
    } catch (error) {
      if (signal.aborted) return;
      const message = isDiskError(error)
        ? describeDiskError(error, path.resolve(this.#o.folder()))
        : (error as Error).message;
      this.#fail(jobid, key, message);
    } finally {
      this.#filesInUse.delete(task);
      await this.#releaseUnusedName(jobid, key).catch(() => {});
    }
  }

  /**
   * A failed download with nothing kept gives up its name: the record forgets the file first (on
   * disk), then the empty `.part` goes. A retry reserves a name again.
   */
  async #releaseUnusedName(jobid: string, key: string): Promise<void> {
    const record = this.#record(jobid, key);
    if (record?.state !== 'failed' || !record.file || (await partSize(`${record.file}.part`)) > 0) return;
    if (this.#save(jobid, key, { file: undefined, bytes: 0, etag: undefined }, true))
      await fsp.rm(`${record.file}.part`, { force: true });
  }

  async #download(jobid: string, key: string, task: string, signal: AbortSignal): Promise<void> {
    let video = findResult(this.#o.store.get(jobid)?.job, key);
    if (!video) return this.#fail(jobid, key, 'The video is no longer listed on the job.');
    const record = this.#record(jobid, key)!;
    const folder = downloadFolder(record.file, this.#o.keepChosenFolder, this.#o.folder());
    const earlier = await finishedEarlier(record.file, video.size ?? record.total);
    if (earlier !== undefined) return this.#recordSaved(jobid, key, record.file!, earlier);
    const name = fileNameFor(video, jobid);
    // Each name is on disk in the record before its .part exists; none is taken once the run stops.
    const recordName = (file: string) => {
      signal.throwIfAborted();
      if (!this.#save(jobid, key, { file }, true)) signal.throwIfAborted();
      // Kept in memory only (a full disk, a database held too long): a .part started now would be
      // unknown to the next run, left behind while the video came down again under another name.
      if (this.#o.store.unsaved) throw new Error(unrecordedMessage(this.#o.store.path));
    };
    const inUse = new Set(this.#filesInUse.values());
    const target = await downloadTarget(folder, record.file, name, inUse, recordName);
    this.#filesInUse.set(task, target.file);
    if (target.file !== record.file || target.fresh) {
      const restart = target.fresh ? { bytes: 0, etag: undefined } : {};
      this.#save(jobid, key, { file: target.file, ...restart }, true);
    }
    const file = containedPath(path.dirname(target.file), path.basename(target.file));
    const part = `${file}.part`;
    this.#save(jobid, key, { state: 'downloading' });

    let refreshed = false;
    let mismatches = 0;
    let lastProblem = '';
    for (let attempt = 1; attempt <= this.#o.maxAttempts && !signal.aborted; attempt++) {
      const url = pickUrl(video);
      if (!url) return this.#fail(jobid, key, 'The video link is not an http(s) URL; it was not fetched.');
      const resumeFrom = await partSize(part);
      const result = await this.#attempt(jobid, key, { url, part, file, resumeFrom, signal }, video.size);
      if (result.kind === 'wrong-size') {
        lastProblem = result.message;
        await emptyPart(part);
        this.#save(jobid, key, { bytes: 0, etag: undefined });
        if (++mismatches >= MAX_SIZE_MISMATCHES) break;
        continue;
      }
      if (result.kind === 'complete') {
        // Taken over while this process stalled: the one that took it puts the video in place.
        if (!this.#stillHeld(jobid, key)) return;
        if (!(await partIsOurs(part, result.bytes, result.identity))) {
          // The name is another file's now (another download's .part): forgotten here, never deleted.
          this.#save(jobid, key, { file: undefined, bytes: 0, etag: undefined }, true);
          return this.#fail(jobid, key, folderChangedMessage(path.dirname(file)));
        }
        try {
          return this.#recordSaved(jobid, key, await linkWithoutOverwrite(part, file), result.bytes);
        } catch (error) {
          if (isDiskError(error)) return this.#fail(jobid, key, describeDiskError(error, path.dirname(file)));
          throw error;
        }
      }
      if (result.kind === 'refused')
        return this.#fail(jobid, key, `The video link cannot be used: ${result.message}.`);
      if (result.kind === 'disk-error')
        return this.#fail(jobid, key, describeDiskError(result.error, path.dirname(file)));
      if (result.kind === 'link-dead' || result.kind === 'not-video') {
        // An expired link, or one that now gives an error page: a fresh link may work, once.
        const fresh = refreshed ? undefined : findResult(await this.#o.refresh(jobid), key);
        if (!fresh) return this.#fail(jobid, key, deadLinkMessage(result, refreshed));
        refreshed = true;
        video = fresh;
        attempt--; // a fresh link is not a failed attempt
        continue;
      }
      lastProblem = result.message;
      if (result.kind === 'restart') {
        await emptyPart(part);
        this.#save(jobid, key, { bytes: 0, etag: undefined });
      } else if (result.kind === 'interrupted') {
        this.#save(jobid, key, { bytes: result.bytes, total: result.total, etag: result.etag });
      }
      if (attempt < this.#o.maxAttempts) await backoffPause(this.#o, attempt, signal);
    }
    if (!signal.aborted) this.#fail(jobid, key, `The download did not complete: ${lastProblem}.`);
  }

  #attempt(
    jobid: string,
    key: string,
    { url, part, file, resumeFrom, signal }: AttemptTarget,
    size: number | undefined,
  ): Promise<AttemptResult> {
    const record = this.#record(jobid, key)!;
    const progress = progressMeter(this.#o.clock, this.#o.progressEveryMs, resumeFrom);
    return downloadAttempt({
      url,
      partPath: part,
      resumeFrom,
      etag: resumeFrom > 0 ? record.etag : undefined,
      knownTotal: record.total ?? size,
      expectedSize: size,
      idleTimeoutMs: this.#o.idleTimeoutMs,
      signal,
      openPart: this.#o.openPart,
      transport: this.#o.transport,
      // Durable before the first byte: after a kill -9 the next run still knows which file the bytes are of.
      onValidator: (etag, total) => this.#save(jobid, key, { etag, total }, true),
      onBytes: (bytes, total) => {
        const rate = progress(bytes, total);
        if (rate !== undefined) this.emit('download-progress', { jobid, key, file, bytes, total, rate });
      },
    });
  }

  #recordSaved(jobid: string, key: string, target: string, bytes: number): void {
    const savedAt = this.#o.clock.now();
    if (this.#save(jobid, key, { state: 'saved', file: target, bytes, total: bytes, savedAt }, true))
      this.emit('download-saved', { jobid, key, file: target, bytes });
  }

  #fail(jobid: string, key: string, message: string): void {
    const removed = !this.#o.store.get(jobid);
    if (removed || this.#save(jobid, key, { state: 'failed', error: message }, true))
      this.emit('download-failed', { jobid, key, message });
  }
}
