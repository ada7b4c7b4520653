import path from 'node:path';
import { isHttpsUrl } from '../core/api/https-url.js';
import { progressPercent } from '../core/api/job-model.js';
import type { TrackedJob } from '../core/store/job-store-schema.js';
import type { JobView } from '../ipc/contract.js';
import type { LiveProgress } from './session.js';

const httpsOnly = (url: string | undefined): string | undefined => (isHttpsUrl(url) ? url : undefined);

/** What the window may know of a job: no full paths, no non-https links, no bookkeeping. */
export function toJobView(job: TrackedJob, live: ReadonlyMap<string, LiveProgress> = new Map()): JobView {
  const snap = job.snapshot;
  const attachment = snap?.attachments?.[0];
  const preview = snap?.embeds?.find((e) => e.image?.url)?.image;
  return {
    jobid: job.jobid,
    state: job.state,
    status: snap?.status,
    prompt: snap?.prompt,
    style: snap?.style,
    aspectRatio: snap?.aspect_ratio,
    created: snap?.created,
    updated: snap?.updated,
    content: snap?.content,
    progress: progressPercent(snap?.content),
    previewUrl: httpsOnly(preview?.url) ?? httpsOnly(preview?.proxy_url),
    videoUrl: httpsOnly(attachment?.url),
    error: snap?.error ?? job.lastError,
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
