import type { DownloadProgress } from '../core/downloads/download-queue.js';
import type { DownloadRecord, TrackedJob } from '../core/store/job-store-schema.js';
import type { Announcement } from './output.js';
import type { JobAbout } from './reporter.js';

/**
 * What `watch` tells whoever shows or records a run: the line-per-change reporter (pipes, --json),
 * the live terminal view, the summary and the notifications all take the same calls.
 */
export interface RunReport {
  job(kind: Announcement, job: TrackedJob): void;
  /** Any change of a running job, even one the line-per-change output stays quiet about. */
  jobChanged?(job: TrackedJob): void;
  /** A message; one `about` a job names it (and its source) in --json. */
  notice(type: string, message: string, about?: JobAbout, fields?: Record<string, string>): void;
  progress(p: DownloadProgress): void;
  saved(s: { jobid: string; key: string; file: string; bytes: number }): void;
  alreadySaved(job: TrackedJob, record: DownloadRecord): void;
  downloadFailed(f: { jobid: string; key: string; message: string }): void;
}

/** One report that passes every call on to each of `reports` that takes it, in order. */
export function fanOut(reports: Partial<RunReport>[]): Required<RunReport> {
  return {
    job: (kind, job) => reports.forEach((r) => r.job?.(kind, job)),
    jobChanged: (job) => reports.forEach((r) => r.jobChanged?.(job)),
    notice: (type, message, about, fields) =>
      reports.forEach((r) => r.notice?.(type, message, about, fields)),
    progress: (p) => reports.forEach((r) => r.progress?.(p)),
    saved: (s) => reports.forEach((r) => r.saved?.(s)),
    alreadySaved: (job, record) => reports.forEach((r) => r.alreadySaved?.(job, record)),
    downloadFailed: (f) => reports.forEach((r) => r.downloadFailed?.(f)),
  };
}
