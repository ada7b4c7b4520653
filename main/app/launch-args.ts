import { parseJobidInput } from '../core/api/jobid-input.js';

export const PROTOCOL = 'pixverse-tray';

/**
 * Jobids a launch asks us to track: `pixverse-tray://track/<jobid>` links (how the OS hands us a
 * clicked link) and `--track <jobid>` / `--track=<jobid>`. Everything else (paths, switches) is ignored.
 */
export function jobidsFromArgs(argv: readonly string[]): string[] {
  const found: string[] = [];
  const add = (candidate: string | undefined) => {
    const parsed = parseJobidInput(candidate ?? '');
    if (parsed.ok && !found.includes(parsed.jobid)) found.push(parsed.jobid);
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
