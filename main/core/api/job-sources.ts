import type { Job, JobSource } from '../jobs/job.js';
import type { ApiOutcome } from './api-outcome.js';

/**
 * What the app asks of each API a job can come from. Each source registers one of these (built
 * from its own client calls and adapter); the scheduler picks it by the job's `source`.
 */
export interface JobSourceCalls {
  /** The job in the app's own model (the API's answer kept in `raw`). */
  getJob(id: string, signal?: AbortSignal): Promise<ApiOutcome<Job>>;
  cancelJob(id: string, signal?: AbortSignal): Promise<ApiOutcome<unknown>>;
  /** The ids the API is running right now for the account: one request for every running job. */
  listExecuting(signal?: AbortSignal): Promise<ApiOutcome<string[]>>;
  /** The newest jobs, including ones started elsewhere that `listExecuting` never shows (v2's videos list). */
  listRecent?(signal?: AbortSignal): Promise<ApiOutcome<Job[]>>;
}

export type JobSources = Readonly<Record<JobSource, JobSourceCalls>>;
