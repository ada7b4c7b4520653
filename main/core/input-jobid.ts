import { z } from 'zod';
import { parseJobidInput } from './api/jobid-input.js';
import { JOB_SOURCES, type JobSource } from './jobs/job.js';

export interface InputJob {
  jobid: string;
  source: JobSource;
}

/**
 * A job named on the command line, read as the app reads a paste (`parseJobidInput`): a v1 jobid or
 * v2 video id, or a useapi.net URL, curl line or JSON answer holding one; its API told by its shape.
 */
export const inputJobSchema = z.string().transform((raw, ctx): InputJob => {
  const parsed = parseJobidInput(raw);
  if (parsed.ok) return { jobid: parsed.jobid, source: parsed.source };
  ctx.addIssue({ code: 'custom', message: parsed.problem });
  return z.NEVER;
});

/** `--api v1|v2`: the API every id of the call belongs to, whatever its shape. */
export const inputSourceSchema = z.preprocess(
  (value) => (typeof value === 'string' ? value.trim().toLowerCase() : value),
  z.enum(JOB_SOURCES, { error: '--api must be v1 or v2 (the PixVerse API the ids belong to).' }),
);

/** The jobs of one call, each once (the first mention wins), with `--api` applied when given. */
export function callJobs(jobs: readonly InputJob[], forced: JobSource | undefined): InputJob[] {
  const seen = new Map<string, InputJob>();
  for (const job of jobs)
    if (!seen.has(job.jobid)) seen.set(job.jobid, { jobid: job.jobid, source: forced ?? job.source });
  return [...seen.values()];
}
