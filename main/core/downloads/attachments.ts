/** Which attachment is which, which of its links may be fetched, and what file type it is. */
import type { Attachment, Job } from '../api/job-model.js';
import { safeFileName } from './filename.js';

export const attachmentKey = (attachment: Attachment, index: number): string => attachment.id ?? `#${index}`;

export function findAttachment(job: Job | undefined, key: string): Attachment | undefined {
  return job?.attachments?.find((a, i) => attachmentKey(a, i) === key);
}

/** Only http(s) links are fetched: `file:`, `data:`, `javascript:` and the rest are refused. */
export function pickUrl(attachment: Attachment): string | undefined {
  for (const candidate of [attachment.url, attachment.proxy_url]) {
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
export function extensionFor(attachment: Pick<Attachment, 'content_type'>): string {
  const essence = (attachment.content_type ?? '').split(';')[0]!.trim().toLowerCase();
  return TYPE_EXTENSIONS.get(essence) ?? '.mp4';
}

/** The name to save an attachment under: the server's, made safe, else one from the jobid. */
export function fileNameFor(attachment: Attachment, jobid: string, key: string): string {
  const index = Number(key.startsWith('#') ? key.slice(1) : 0);
  return safeFileName(attachment.filename, `pixverse-${jobid}-${index + 1}`, extensionFor(attachment));
}
