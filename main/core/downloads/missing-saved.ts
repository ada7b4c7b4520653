import fs from 'node:fs';
import type { DownloadRecord } from '../store/job-store-schema.js';
import type { JobStore } from '../store/job-store.js';

/** The file of a download recorded as saved, when it is still there. */
export const savedFileOf = (record: DownloadRecord | undefined): string | undefined =>
  record?.state === 'saved' && record.file !== undefined && fs.existsSync(record.file)
    ? record.file
    : undefined;

/** A download recorded as saved whose file is no longer there: deleted or moved by the user since. */
export const savedFileMissing = (record: DownloadRecord): boolean =>
  record.state === 'saved' && savedFileOf(record) === undefined;

/**
 * The bytes a download has so far: a run stopped at once (Ctrl-C, a kill) may not have written its
 * last figure down, but its `.part` holds them.
 */
export function bytesSoFar(record: DownloadRecord): number {
  if (record.state === 'saved' || !record.file) return record.bytes;
  try {
    return Math.max(record.bytes, fs.statSync(`${record.file}.part`).size);
  } catch {
    return record.bytes;
  }
}

/**
 * Marks a job's saved videos whose file is gone as failed downloads, so a retry claims and fetches
 * them again under the same name. Nothing does this unasked: a video the user deleted on purpose is
 * not downloaded again by a restart. Returns how many were marked.
 */
export function reopenMissingDownloads(store: JobStore, jobid: string): number {
  const downloads = store.get(jobid)?.downloads ?? {};
  const missing = Object.entries(downloads).filter(([, record]) => savedFileMissing(record));
  if (missing.length === 0) return 0;
  const reopened = missing.map(([key, record]): [string, DownloadRecord] => [
    key,
    {
      ...record,
      state: 'failed',
      bytes: 0,
      etag: undefined,
      savedAt: undefined,
      error: `The saved file ${record.file ?? ''} no longer exists.`,
    },
  ]);
  store.update(jobid, { downloads: { ...downloads, ...Object.fromEntries(reopened) } }, { durable: true });
  return missing.length;
}
