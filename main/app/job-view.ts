import path from 'node:path';
import { isHttpsUrl } from '../core/api/https-url.js';
import type { TrackedJob } from '../core/store/job-store-schema.js';
import type { JobView } from '../ipc/contract.js';
import type { LiveProgress } from './session.js';

const httpsOnly = (url: string | undefined): string | undefined => (isHttpsUrl(url) ? url : undefined);

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
    aspectRatio: model?.aspectRatio,
    created: model?.created,
    updated: model?.updated,
    message: model?.message,
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
