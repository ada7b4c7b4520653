import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Clock } from '../clock.js';
import type { Job } from '../job-model.js';
import type { JobStore } from '../job-store.js';
import type { DownloadRecord } from '../job-store-schema.js';
import { TypedEmitter } from '../typed-emitter.js';
import { downloadAttempt, type AttemptResult } from './download-attempt.js';
import { attachmentKey, extensionFor, findAttachment, pickUrl } from './attachments.js';
import { downloadTarget } from './download-target.js';
import { containedPath, safeFileName } from './filename.js';
import { linkWithoutOverwrite } from './finalize.js';
import { describeDiskError, isDiskError, openPartFile, partSize, type OpenPart } from './part-file.js';
import { defaultTransport, type DownloadTransport } from './transport.js';
import { withDefaults } from '../with-defaults.js';

export interface DownloadProgress {
  jobid: string;
  key: string;
  file: string;
  bytes: number;
  total: number | undefined;
  /** Bytes per second since the previous progress event. */
  rate: number;
}

export interface DownloadEvents {
  'download-progress': DownloadProgress;
  'download-saved': { jobid: string; key: string; file: string; bytes: number };
  'download-failed': { jobid: string; key: string; message: string };
}

export interface DownloadQueueOptions {
  store: JobStore;
  /** The folder to save into, read when a download starts. */
  folder: () => string;
  /** Fetches the job again (within the account's budget) for fresh, unexpired URLs. */
  refresh: (jobid: string) => Promise<Job | undefined>;
  clock: Clock;
  concurrency?: number;
  idleTimeoutMs?: number;
  maxAttempts?: number;
  retryBaseMs?: number;
  progressEveryMs?: number;
  random?: () => number;
  openPart?: OpenPart;
  /** How bytes are fetched (tests: a transport trusting their own CA). */
  transport?: DownloadTransport;
}

const MAX_SIZE_MISMATCHES = 2;

/**
 * Saves every attachment of completed jobs: streamed to `<name>.part`, verified, synced, then
 * linked into place without ever overwriting; resumed with Range after any interruption.
 */
export class DownloadQueue extends TypedEmitter<DownloadEvents> {
  readonly #o: Required<Omit<DownloadQueueOptions, 'random'>> & { random: () => number };
  readonly #waiting: { jobid: string; key: string }[] = [];
  readonly #active = new Set<string>();
  readonly #abort = new AbortController();
  readonly #idleWaiters: (() => void)[] = [];

  constructor(options: DownloadQueueOptions) {
    super();
    this.#o = withDefaults(
      {
        concurrency: 2,
        idleTimeoutMs: 30_000,
        maxAttempts: 6,
        retryBaseMs: 1000,
        progressEveryMs: 250,
        random: Math.random,
        openPart: openPartFile,
        transport: defaultTransport(),
      },
      options,
    );
  }

  /** Queues every attachment of a completed job that is not saved yet. Returns how many. */
  enqueue(jobid: string): number {
    const job = this.#o.store.get(jobid);
    const attachments = job?.state === 'completed' ? (job.snapshot?.attachments ?? []) : [];
    let queued = 0;
    const downloads = { ...job?.downloads };
    attachments.forEach((attachment, index) => {
      const key = attachmentKey(attachment, index);
      const record = downloads[key];
      if (record?.state === 'saved' || this.#isQueued(jobid, key)) return;
      downloads[key] = { ...record, state: 'pending', bytes: record?.bytes ?? 0, error: undefined };
      this.#waiting.push({ jobid, key });
      queued++;
    });
    if (queued > 0) this.#o.store.update(jobid, { downloads }, { durable: true });
    this.#next();
    return queued;
  }

  /** Every completed job with something left to save (after a restart). */
  resumeAll(): void {
    for (const job of this.#o.store.all()) if (job.state === 'completed') this.enqueue(job.jobid);
  }

  /** Resolves once nothing is queued or running. */
  idle(): Promise<void> {
    if (this.#waiting.length === 0 && this.#active.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  stop(): void {
    this.#waiting.length = 0;
    this.#abort.abort();
  }

  #isQueued(jobid: string, key: string): boolean {
    return (
      this.#active.has(`${jobid}\n${key}`) || this.#waiting.some((t) => t.jobid === jobid && t.key === key)
    );
  }

  #next(): void {
    while (this.#active.size < this.#o.concurrency && this.#waiting.length > 0) {
      const task = this.#waiting.shift()!;
      const id = `${task.jobid}\n${task.key}`;
      this.#active.add(id);
      void this.#run(task.jobid, task.key).finally(() => {
        this.#active.delete(id);
        this.#next();
      });
    }
    if (this.#waiting.length === 0 && this.#active.size === 0)
      for (const resolve of this.#idleWaiters.splice(0)) resolve();
  }

  #record(jobid: string, key: string): DownloadRecord | undefined {
    return this.#o.store.get(jobid)?.downloads?.[key];
  }

  #save(jobid: string, key: string, patch: Partial<DownloadRecord>, durable = false): DownloadRecord {
    const job = this.#o.store.get(jobid)!;
    const record = {
      ...(job.downloads?.[key] ?? { state: 'pending', bytes: 0 }),
      ...patch,
    } as DownloadRecord;
    this.#o.store.update(jobid, { downloads: { ...job.downloads, [key]: record } }, { durable });
    return record;
  }

  async #run(jobid: string, key: string): Promise<void> {
    try {
      await this.#download(jobid, key);
    } catch (error) {
      const message = isDiskError(error)
        ? describeDiskError(error, path.resolve(this.#o.folder()))
        : (error as Error).message;
      this.#fail(jobid, key, message);
    }
  }

  async #download(jobid: string, key: string): Promise<void> {
    let attachment = findAttachment(this.#o.store.get(jobid)?.snapshot, key);
    if (!attachment) return this.#fail(jobid, key, 'The video is no longer listed on the job.');
    const folder = path.resolve(this.#o.folder());
    let record = this.#record(jobid, key)!;
    const index = Number(key.startsWith('#') ? key.slice(1) : 0);
    const name = safeFileName(
      attachment.filename,
      `pixverse-${jobid}-${index + 1}`,
      extensionFor(attachment),
    );
    const target = await downloadTarget(folder, record.file, name);
    if (target.file !== record.file) {
      const restart = target.fresh ? { bytes: 0, etag: undefined } : {};
      record = this.#save(jobid, key, { file: target.file, ...restart }, true);
    }
    const file = containedPath(path.dirname(record.file!), path.basename(record.file!));
    const part = `${file}.part`;
    this.#save(jobid, key, { state: 'downloading' });

    let refreshed = false;
    let mismatches = 0;
    let lastProblem = '';
    for (let attempt = 1; attempt <= this.#o.maxAttempts && !this.#abort.signal.aborted; attempt++) {
      const url = pickUrl(attachment);
      if (!url) return this.#fail(jobid, key, 'The video link is not an http(s) URL; it was not fetched.');
      const resumeFrom = await partSize(part);
      const result = await this.#attempt(jobid, key, url, part, file, resumeFrom, attachment.size);
      if (result.kind === 'wrong-size') {
        lastProblem = result.message;
        await fsp.rm(part, { force: true });
        this.#save(jobid, key, { bytes: 0, etag: undefined });
        if (++mismatches >= MAX_SIZE_MISMATCHES) break;
        continue;
      }
      if (result.kind === 'complete') {
        try {
          return await this.#finish(jobid, key, part, file, result.bytes);
        } catch (error) {
          if (isDiskError(error)) return this.#fail(jobid, key, describeDiskError(error, path.dirname(file)));
          throw error;
        }
      }
      if (result.kind === 'disk-error')
        return this.#fail(jobid, key, describeDiskError(result.error, path.dirname(file)));
      if (result.kind === 'link-dead') {
        if (refreshed) {
          return this.#fail(
            jobid,
            key,
            `The video link no longer works (${result.status}), even after asking for a fresh one.`,
          );
        }
        refreshed = true;
        const fresh = findAttachment(await this.#o.refresh(jobid), key);
        if (!fresh)
          return this.#fail(
            jobid,
            key,
            `The video link expired (${result.status}) and no fresh one could be had.`,
          );
        attachment = fresh;
        attempt--; // a fresh link is not a failed attempt
        continue;
      }
      lastProblem = result.message;
      if (result.kind === 'restart') {
        await fsp.rm(part, { force: true });
        this.#save(jobid, key, { bytes: 0, etag: undefined });
      } else if (result.kind === 'interrupted') {
        this.#save(jobid, key, { bytes: result.bytes, total: result.total, etag: result.etag });
      }
      if (attempt < this.#o.maxAttempts) await this.#sleep(attempt);
    }
    if (!this.#abort.signal.aborted) this.#fail(jobid, key, `The download did not complete: ${lastProblem}.`);
  }

  #attempt(
    jobid: string,
    key: string,
    url: string,
    part: string,
    file: string,
    resumeFrom: number,
    size: number | undefined,
  ): Promise<AttemptResult> {
    const record = this.#record(jobid, key)!;
    let lastAt = this.#o.clock.now();
    let lastBytes = resumeFrom;
    return downloadAttempt({
      url,
      partPath: part,
      resumeFrom,
      etag: resumeFrom > 0 ? record.etag : undefined,
      knownTotal: record.total ?? size,
      expectedSize: size,
      idleTimeoutMs: this.#o.idleTimeoutMs,
      signal: this.#abort.signal,
      openPart: this.#o.openPart,
      transport: this.#o.transport,
      onBytes: (bytes, total) => {
        const now = this.#o.clock.now();
        if (now - lastAt < this.#o.progressEveryMs && bytes !== total) return;
        const rate = ((bytes - lastBytes) * 1000) / Math.max(1, now - lastAt);
        lastAt = now;
        lastBytes = bytes;
        this.emit('download-progress', { jobid, key, file, bytes, total, rate });
      },
    });
  }

  async #finish(jobid: string, key: string, part: string, file: string, bytes: number): Promise<void> {
    const target = await linkWithoutOverwrite(part, file);
    this.#save(
      jobid,
      key,
      { state: 'saved', file: target, bytes, total: bytes, savedAt: this.#o.clock.now() },
      true,
    );
    this.emit('download-saved', { jobid, key, file: target, bytes });
  }

  #fail(jobid: string, key: string, message: string): void {
    if (this.#o.store.get(jobid)) this.#save(jobid, key, { state: 'failed', error: message }, true);
    this.emit('download-failed', { jobid, key, message });
  }

  #sleep(attempt: number): Promise<void> {
    const base = Math.min(60_000, this.#o.retryBaseMs * 2 ** (attempt - 1));
    const ms = base + base * 0.2 * this.#o.random();
    return new Promise((resolve) => {
      const timer = this.#o.clock.setTimeout(resolve, ms);
      this.#abort.signal.addEventListener('abort', () => (this.#o.clock.clearTimeout(timer), resolve()), {
        once: true,
      });
    });
  }
}
