import type { TrackedJob } from '../core/store/job-store-schema.js';
import { inertLine } from './terminal-text.js';

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

/** Writes to stdout/stderr with every occurrence of the token blanked, whatever the message. */
export function redactingOutput(token: string | undefined, sink: Output): Output {
  // Anything shorter is no real token, and blanking it would garble ordinary words.
  const secret = token && token.length >= 8 ? token : undefined;
  const clean = (line: string) => (secret ? line.split(secret).join('***') : line);
  return { out: (line) => sink.out(clean(line)), err: (line) => sink.err(clean(line)) };
}

/**
 * Every line as the terminal (or a reader of --json) will take it: one line per call, nothing in it a
 * terminal would obey. The CLI's own multi-line texts are written a line at a time.
 */
export function inertOutput(sink: Output): Output {
  return { out: (line) => sink.out(inertLine(line)), err: (line) => sink.err(inertLine(line)) };
}

/** The CLI's own multi-line text (usage, pretty JSON), one call per line. */
export function writeLines(write: (line: string) => void, text: string): void {
  for (const line of text.split('\n')) write(line);
}

export type Announcement = 'update' | 'finished' | 'known';

/** One event about a job, as an NDJSON record: no token, no internal bookkeeping. */
export function jobRecord(kind: Announcement, job: TrackedJob, at: number): Record<string, unknown> {
  const model = job.job;
  const record: Record<string, unknown> = {
    type: kind === 'update' ? 'job-updated' : kind === 'finished' ? 'job-finished' : 'job-known',
    time: new Date(at).toISOString(),
    jobid: job.jobid,
    source: job.source,
    state: job.state,
  };
  if (model) record.status = model.state;
  if (model?.progress !== undefined && job.state === 'active') record.progress = model.progress;
  if (model?.prompt) record.prompt = model.prompt;
  if (model?.message) record.message = model.message;
  if (model && model.results.length > 0)
    record.results = model.results.map((r) => ({ url: r.url, fileName: r.fileName, size: r.size }));
  const problem = model?.error?.message ?? job.lastError;
  if (problem && job.state !== 'completed') record.error = problem;
  if (model?.error?.details && job.state !== 'completed') record.errorDetails = model.error.details;
  return record;
}

/**
 * Why a job did not complete, in one line: the API's reason, with its longer details when it gave
 * some (v1's `errorDetails`), else the last error of its polling.
 */
export function failureReason(job: TrackedJob): string | undefined {
  const error = job.job?.error;
  if (!error) return job.lastError;
  return error.details && error.details !== error.message
    ? `${error.message} (${error.details})`
    : error.message;
}

/** One human-readable line about a job. */
export function jobLine(kind: Announcement, job: TrackedJob, at: number, showUrls = true): string {
  const time = new Date(at).toLocaleTimeString('en-GB', { hour12: false });
  const model = job.job;
  const status = job.state === 'active' ? (model?.state ?? 'tracking') : job.state;
  let detail = '';
  if (job.state === 'active') {
    detail = model?.progress !== undefined ? `${model.progress}%` : '';
  } else if (job.state === 'completed') {
    const urls = (model?.results ?? []).map((r) => r.url).filter(Boolean);
    if (urls.length === 0) detail = 'no video attached';
    else if (showUrls) detail = `video: ${urls.join(' ')}`;
  } else {
    detail = failureReason(job) ?? '';
  }
  const prefix = kind === 'known' ? 'already ' : '';
  return `${time}  ${job.jobid}  ${prefix}${status}${detail ? `  ${detail}` : ''}`;
}
