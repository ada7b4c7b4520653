import { failureReason } from './output.js';
import { boundedText } from '../core/bounded-text.js';
import { bytesSoFar, savedFileMissing } from '../core/downloads/missing-saved.js';
import { formatBytes } from '../core/format-bytes.js';
import type { DownloadRecord, TrackedJob } from '../core/store/job-store-schema.js';

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

/** Why a job is a problem, if it is one: its own error, else its failed download. */
function problemOf(job: TrackedJob): string | undefined {
  if (job.state !== 'completed' && job.state !== 'active') return failureReason(job) ?? job.state;
  const failed = Object.values(job.downloads ?? {}).find((d) => d.state === 'failed');
  return failed ? `download failed: ${failed.error ?? 'unknown error'}` : undefined;
}

/** One job of `list --json`: the fields a script needs, stable, no internal bookkeeping. */
export function listRecord(job: TrackedJob): Record<string, unknown> {
  const model = job.job;
  const record: Record<string, unknown> = {
    jobid: job.jobid,
    source: job.source,
    state: job.state,
    status: model?.state,
    progress: job.state === 'active' ? model?.progress : undefined,
    prompt: model?.prompt,
    addedAt: iso(job.addedAt),
    finishedAt: iso(job.finishedAt),
    error: problemOf(job),
    files: Object.values(job.downloads ?? {}).map((d) => ({
      state: savedFileMissing(d) ? 'missing' : d.state,
      file: d.file,
      bytes: bytesSoFar(d),
      error: d.error,
    })),
  };
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

const STATE_WIDTH = 10;

/** What matters most about a job, after its id: its progress, its saved file, or its problem. */
function detailOf(job: TrackedJob): string {
  const problem = problemOf(job);
  if (problem) return problem;
  if (job.state === 'active') {
    const progress = job.job?.progress;
    // No answer yet: the last error says why (a v2 video useapi does not know yet, a failing poll).
    return [
      job.job?.state ?? job.lastError ?? 'waiting for its first answer',
      progress === undefined ? '' : `${progress}%`,
    ]
      .filter(Boolean)
      .join(' ');
  }
  const saved = Object.values(job.downloads ?? {}).filter((d) => d.state === 'saved' && d.file);
  const described = (d: DownloadRecord) => (savedFileMissing(d) ? 'missing' : formatBytes(d.bytes));
  if (saved.length > 0) return saved.map((d) => `${d.file} (${described(d)})`).join(', ');
  // A download stopped half way (a run that ended, or another process at it): what is on disk so far.
  const started = Object.values(job.downloads ?? {}).find(
    (d) => d.state === 'pending' || d.state === 'downloading',
  );
  if (started)
    return `download not finished (${formatBytes(bytesSoFar(started))}${started.total ? ` of ${formatBytes(started.total)}` : ''})`;
  return 'not saved';
}

/** One job of `list`: when it was added, its API, its state, its id, then what matters about it. */
export function listLine(job: TrackedJob): string {
  const added = new Date(job.addedAt);
  const pad = (n: number) => String(n).padStart(2, '0');
  const when = `${added.getFullYear()}-${pad(added.getMonth() + 1)}-${pad(added.getDate())} ${pad(added.getHours())}:${pad(added.getMinutes())}`;
  const prompt = job.job?.prompt ? `  "${boundedText(job.job.prompt, 60)}"` : '';
  return `${when}  ${job.source}  ${job.state.padEnd(STATE_WIDTH)}  ${job.jobid}  ${boundedText(detailOf(job), 200)}${prompt}`;
}
