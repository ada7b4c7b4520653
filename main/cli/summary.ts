import { failureReason } from './output.js';
import type { JobSource } from '../core/jobs/job.js';
import type { DownloadRecord, TrackedJob } from '../core/store/job-store-schema.js';
import type { Announcement } from './output.js';
import type { RunReport } from './run-report.js';

export interface SavedVideo {
  jobid: string;
  file: string;
  bytes: number;
  /** Saved by an earlier run or another process, not by this one. */
  earlier: boolean;
}

export interface JobOutcome {
  jobid: string;
  source: JobSource;
  /** The tracked state: `active` when the run ended before the job did. */
  state: TrackedJob['state'];
  prompt?: string;
  /** The video links of a completed job: what a run without downloads hands over. */
  urls?: string[];
  /** Completed, with no video in the API's answer (`completedWithoutVideo`). */
  noVideo?: true;
  reason?: string;
}

/** A job useapi.net says is completed whose answer holds no video: nothing to save, not a success. */
export const completedWithoutVideo = (job: TrackedJob): boolean =>
  job.state === 'completed' && !job.job?.results.length;

/** What a run did, as the summary tells it. */
export interface RunFacts {
  jobs: JobOutcome[];
  saved: SavedVideo[];
  downloadFailures: { jobid: string; message: string }[];
  elapsedMs: number;
  interrupted: boolean;
  credentialsProblem: boolean;
  downloads: boolean;
  /** v2 videos whose PixVerse account is in an error state at useapi.net (596): they could not end. */
  heldJobids?: readonly string[];
  /** Jobs another process forgot while this run followed them: left unfinished, on purpose. */
  forgottenJobids?: readonly string[];
}

/**
 * Collects what the summary needs from the same calls the other reports get. A video counts as saved
 * only once its download said so (or the store already had it): an interrupted run never claims more.
 */
export class RunSummary implements Partial<RunReport> {
  readonly #jobs = new Map<string, JobOutcome>();
  readonly #saved = new Map<string, SavedVideo>();
  readonly #failures = new Map<string, string>();
  readonly #startedAt: number;

  constructor(private readonly now: () => number = Date.now) {
    this.#startedAt = now();
  }

  job(_kind: Announcement, job: TrackedJob): void {
    this.jobChanged(job);
  }

  jobChanged(job: TrackedJob): void {
    const model = job.job;
    const reason = job.state === 'completed' ? undefined : failureReason(job);
    this.#jobs.set(job.jobid, {
      jobid: job.jobid,
      source: job.source,
      state: job.state,
      prompt: model?.prompt,
      reason: job.state === 'active' ? undefined : reason,
      urls: job.state === 'completed' ? model?.results.flatMap((result) => result.url ?? []) : undefined,
      ...(completedWithoutVideo(job) ? { noVideo: true as const } : {}),
    });
  }

  saved(s: { jobid: string; key: string; file: string; bytes: number }): void {
    this.#failures.delete(`${s.jobid}\n${s.key}`);
    this.#saved.set(s.file, { jobid: s.jobid, file: s.file, bytes: s.bytes, earlier: false });
  }

  alreadySaved(job: TrackedJob, record: DownloadRecord): void {
    if (record.file && !this.#saved.has(record.file))
      this.#saved.set(record.file, {
        jobid: job.jobid,
        file: record.file,
        bytes: record.bytes,
        earlier: true,
      });
  }

  downloadFailed(f: { jobid: string; key: string; message: string }): void {
    this.#failures.set(`${f.jobid}\n${f.key}`, f.message);
  }

  facts(
    end: Pick<
      RunFacts,
      'interrupted' | 'credentialsProblem' | 'downloads' | 'heldJobids' | 'forgottenJobids'
    >,
  ): RunFacts {
    return {
      jobs: [...this.#jobs.values()],
      saved: [...this.#saved.values()],
      downloadFailures: [...this.#failures].map(([id, message]) => ({ jobid: id.split('\n')[0]!, message })),
      elapsedMs: this.now() - this.#startedAt,
      ...end,
    };
  }
}
