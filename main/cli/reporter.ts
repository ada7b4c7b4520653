import type { Clock } from '../core/clock.js';
import type { DownloadProgress } from '../core/downloads/download-queue.js';
import type { JobSource } from '../core/jobs/job.js';
import type { DownloadRecord, TrackedJob } from '../core/store/job-store-schema.js';
import { formatBytes } from '../core/format-bytes.js';
import { jobLine, jobRecord, type Announcement, type Output } from './output.js';

export interface JobAbout {
  jobid: string;
  source: JobSource;
}

// Human output shows a download's progress only once it has run this long: quick ones just say "saved".
const SLOW_DOWNLOAD_MS = 2000;

/** Prints what happens during `watch`: human lines, or NDJSON with --json. */
export class Reporter {
  /** Per download (`jobid\nkey`): when its progress was first heard of, and the last quarter printed. */
  readonly #downloads = new Map<string, { since: number; quarter: number }>();
  /** The API of each job, so every --json line about a job says which: as asked, then as stored. */
  readonly #sources = new Map<string, JobSource>();

  constructor(
    private readonly io: Output,
    private readonly json: boolean,
    private readonly clock: Pick<Clock, 'now'>,
    /** Without downloads, the video URLs are what the user needs from a completed job. */
    private readonly showUrls: boolean,
    jobs: Iterable<JobAbout> = [],
  ) {
    for (const job of jobs) this.#sources.set(job.jobid, job.source);
  }

  job(kind: Announcement, job: TrackedJob): void {
    this.#sources.set(job.jobid, job.source);
    const at = this.clock.now();
    this.io.out(this.json ? JSON.stringify(jobRecord(kind, job, at)) : jobLine(kind, job, at, this.showUrls));
  }

  /** A message; with --json, one `about` a job also names the job and its source (and any `fields`). */
  notice(type: string, message: string, about?: JobAbout, fields?: Record<string, string>): void {
    if (about) this.#sources.set(about.jobid, about.source);
    if (this.json) this.#record({ type, ...(about && this.#job(about.jobid)), ...fields, message });
    else this.io.err(`${type === 'notice' ? 'note' : type}: ${message}`);
  }

  progress(p: DownloadProgress): void {
    if (this.json) {
      this.#record({
        type: 'download-progress',
        ...this.#job(p.jobid),
        file: p.file,
        bytes: p.bytes,
        total: p.total,
        rate: Math.round(p.rate),
      });
      return;
    }
    // A line at each quarter of a slow download: enough to see it move, little enough for a log file.
    const now = this.clock.now();
    const id = `${p.jobid}\n${p.key}`;
    const seen = this.#downloads.get(id) ?? { since: now, quarter: 0 };
    this.#downloads.set(id, seen);
    if (!p.total || now - seen.since < SLOW_DOWNLOAD_MS) return;
    const quarter = Math.floor((p.bytes / p.total) * 4);
    if (quarter <= seen.quarter || quarter >= 4) return;
    seen.quarter = quarter;
    const rate = p.rate > 0 ? `, ${formatBytes(p.rate)}/s` : '';
    this.io.out(
      `${this.#time()}  ${p.jobid}  downloading  ${quarter * 25}% of ${formatBytes(p.total)}${rate}`,
    );
  }

  saved(s: { jobid: string; key: string; file: string; bytes: number }): void {
    this.#downloads.delete(`${s.jobid}\n${s.key}`);
    if (this.json)
      this.#record({ type: 'download-saved', ...this.#job(s.jobid), file: s.file, bytes: s.bytes });
    else this.io.out(`${this.#time()}  ${s.jobid}  saved  ${s.file} (${formatBytes(s.bytes)})`);
  }

  alreadySaved(job: TrackedJob, record: DownloadRecord): void {
    this.#sources.set(job.jobid, job.source);
    if (this.json)
      this.#record({
        type: 'download-known',
        ...this.#job(job.jobid),
        file: record.file,
        bytes: record.bytes,
      });
    else this.io.out(`${this.#time()}  ${job.jobid}  already saved  ${record.file}`);
  }

  downloadFailed(f: { jobid: string; key: string; message: string }): void {
    this.#downloads.delete(`${f.jobid}\n${f.key}`);
    if (this.json) this.#record({ type: 'download-failed', ...this.#job(f.jobid), message: f.message });
    else this.io.out(`${this.#time()}  ${f.jobid}  download failed  ${f.message}`);
  }

  #job(jobid: string): { jobid: string; source?: JobSource } {
    const source = this.#sources.get(jobid);
    return source ? { jobid, source } : { jobid };
  }

  #record(fields: Record<string, unknown>): void {
    this.io.out(
      JSON.stringify({ type: fields.type, time: new Date(this.clock.now()).toISOString(), ...fields }),
    );
  }

  #time(): string {
    return new Date(this.clock.now()).toLocaleTimeString('en-GB', { hour12: false });
  }
}
