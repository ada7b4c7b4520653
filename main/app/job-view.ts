import path from 'node:path';
import { isHttpsUrl } from '../core/api/https-url.js';
import { boundedText } from '../core/bounded-text.js';
import type { TrackedJob } from '../core/store/job-store-schema.js';
import { JOB_VIEW_LIMITS, type JobView } from '../ipc/contract.js';
import type { LiveProgress } from './session.js';

const httpsOnly = (url: string | undefined): string | undefined => (isHttpsUrl(url) ? url : undefined);
const label = (text: string | undefined) => (text ? boundedText(text, JOB_VIEW_LIMITS.label) : undefined);
/** A number the window can show: finite and in range, else left out rather than refused by the contract. */
const inRange = (n: number | undefined, max: number, integer = false) =>
  n !== undefined && Number.isFinite(n) && n >= 0 && n <= max && (!integer || Number.isInteger(n))
    ? n
    : undefined;

/** What the window may know of a job: no full paths, no non-https links, no bookkeeping. */
export function toJobView(job: TrackedJob, live: ReadonlyMap<string, LiveProgress> = new Map()): JobView {
  const model = job.job;
  const video = model?.results[0];
  return {
    jobid: job.jobid,
    source: job.source,
    state: job.state,
    status: model?.state,
    prompt: model?.prompt,
    style: model?.style,
    model: label(model?.model),
    quality: label(model?.quality),
    durationSec: inRange(model?.durationSec, JOB_VIEW_LIMITS.seconds),
    queuePosition: inRange(model?.queuePosition, JOB_VIEW_LIMITS.queue, true),
    queueWaitSec: inRange(model?.queueWaitSec, JOB_VIEW_LIMITS.seconds),
    aspectRatio: model?.aspectRatio,
    created: model?.created,
    updated: model?.updated,
    message: model?.message,
    // While a job is tracked, its last error is why it waits; once final, `error` says what ended it.
    notice:
      job.state === 'active' && job.lastError ? boundedText(job.lastError, JOB_VIEW_LIMITS.text) : undefined,
    progress: model?.progress,
    previewUrl: httpsOnly(model?.preview),
    videoUrl: httpsOnly(video?.url) ?? httpsOnly(video?.altUrl),
    error: model?.error?.message ?? job.lastError,
    downloads: Object.entries(job.downloads ?? {}).map(([key, d]) => {
      const now = d.state === 'downloading' ? live.get(`${job.jobid}\n${key}`) : undefined;
      return {
        key,
        state: d.state,
        fileName: d.file ? path.basename(d.file) : undefined,
        bytes: now?.bytes ?? d.bytes,
        total: now?.total ?? d.total,
        rate: now?.rate,
        error: d.error,
      };
    }),
  };
}
