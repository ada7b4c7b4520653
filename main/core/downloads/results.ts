/** Which result of a job is which, which of its links may be fetched, and what file type it is. */
import type { Job, JobResult } from '../jobs/job.js';
import { safeFileName } from './filename.js';

export function findResult(job: Job | undefined, key: string): JobResult | undefined {
  return job?.results.find((result) => result.key === key);
}

/** Only http(s) links are fetched: `file:`, `data:`, `javascript:` and the rest are refused. */
export function pickUrl(result: JobResult): string | undefined {
  for (const candidate of [result.url, result.altUrl]) {
    if (!candidate) continue;
    try {
      const { protocol } = new URL(candidate);
      if (protocol === 'https:' || protocol === 'http:') return candidate;
    } catch {
      // not a URL at all
    }
  }
  return undefined;
}

// Only types that are a video or an image, mapped to an extension on the saved-file list.
const TYPE_EXTENSIONS = new Map([
  ['video/mp4', '.mp4'],
  ['video/webm', '.webm'],
  ['video/quicktime', '.mov'],
  ['video/x-m4v', '.m4v'],
  ['image/png', '.png'],
  ['image/jpeg', '.jpg'],
  ['image/webp', '.webp'],
  ['image/gif', '.gif'],
]);

/** The extension the content type stands for; `.mp4` for any type not on the list (or a lying one). */
export function extensionFor(result: Pick<JobResult, 'contentType'>): string {
  const essence = (result.contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return TYPE_EXTENSIONS.get(essence) ?? '.mp4';
}

/** The name to save a result under: the server's, made safe, else one from the jobid. */
export function fileNameFor(result: JobResult, jobid: string): string {
  const index = Number(result.key.startsWith('#') ? result.key.slice(1) : 0);
  return safeFileName(result.fileName, `pixverse-${jobid}-${index + 1}`, extensionFor(result));
}
