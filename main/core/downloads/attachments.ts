/** Which attachment is which, which of its links may be fetched, and what file type it is. */
import type { Attachment, Job } from '../job-model.js';

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

export function extensionFor(attachment: Attachment): string {
  const type = attachment.content_type ?? '';
  if (type.includes('webm')) return '.webm';
  if (type.includes('quicktime')) return '.mov';
  if (type.startsWith('image/')) return `.${type.slice(6).replace(/[^a-z0-9]/g, '') || 'png'}`;
  return '.mp4';
}
