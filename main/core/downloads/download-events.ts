// What a DownloadQueue reports while it saves videos.
import type { Clock } from '../clock.js';

export interface DownloadProgress {
  jobid: string;
  key: string;
  file: string;
  bytes: number;
  total: number | undefined;
  /** Bytes per second since the previous progress event. */
  rate: number;
}

export interface DownloadEvents {
  'download-progress': DownloadProgress;
  'download-saved': { jobid: string; key: string; file: string; bytes: number };
  'download-failed': { jobid: string; key: string; message: string };
  /** Another process holds this download: this one waits for it. */
  'download-elsewhere': { jobid: string; key: string };
  /** The download another process held was saved there. */
  'download-saved-elsewhere': { jobid: string; key: string; file: string; bytes: number };
}

/** The byte rate since the last report, when one is due (every `everyMs`, and at the end). */
export function progressMeter(clock: Clock, everyMs: number, from: number) {
  let lastAt = clock.now();
  let lastBytes = from;
  return (bytes: number, total: number | undefined): number | undefined => {
    const now = clock.now();
    if (now - lastAt < everyMs && bytes !== total) return undefined;
    const rate = ((bytes - lastBytes) * 1000) / Math.max(1, now - lastAt);
    [lastAt, lastBytes] = [now, bytes];
    return rate;
  };
}
