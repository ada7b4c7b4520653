import { parseJobidInput } from '../core/api/jobid-input.js';
import type { JobSource } from '../core/jobs/job.js';

export const PROTOCOL = 'pixverse-tray';

/**
 * Jobs a launch asks us to track: `pixverse-tray://track/<jobid>` links (how the OS hands us a
 * clicked link) and `--track <jobid>` / `--track=<jobid>`, each read as the add field reads a paste
 * (v1 and v2 ids, useapi.net URLs, JSON answers). Everything else (paths, switches) is ignored.
 */
export function jobsFromArgs(argv: readonly string[]): { jobid: string; source: JobSource }[] {
  const found: { jobid: string; source: JobSource }[] = [];
  const add = (candidate: string | undefined) => {
    const parsed = parseJobidInput(candidate ?? '');
    if (parsed.ok && !found.some((job) => job.jobid === parsed.jobid))
      found.push({ jobid: parsed.jobid, source: parsed.source });
  };
  argv.forEach((arg, i) => {
    if (arg.toLowerCase().startsWith(`${PROTOCOL}://`)) add(fromLink(arg));
    else if (arg === '--track') add(argv[i + 1]);
    else if (arg.startsWith('--track=')) add(arg.slice('--track='.length));
  });
  return found;
}

function fromLink(link: string): string | undefined {
  try {
    const url = new URL(link);
    // pixverse-tray://track/<jobid>: "track" is the host, the jobid the path.
    if (url.hostname !== 'track') return undefined;
    return decodeURIComponent(url.pathname.replace(/^\/+/, '').replace(/\/+$/, ''));
  } catch {
    return undefined;
  }
}
