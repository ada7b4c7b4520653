import { formatBytes } from '../../main/core/format-bytes.js';
import type { JobView } from '../../main/ipc/contract.js';

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

export function relativeTime(iso: string | undefined, now = Date.now()): string {
  const t = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(t)) return '';
  const diff = t - now;
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms || unit === 'second') return relative.format(Math.round(diff / ms), unit);
  }
  return '';
}

export const localTime = (iso: string | undefined): string => (iso ? new Date(iso).toLocaleString() : '');

export const bytes = (n: number | undefined): string => (n === undefined ? '' : formatBytes(n));

export type StateFilter = 'all' | 'active' | 'finished' | 'problems';

const PROBLEMS = new Set(['failed', 'moderated', 'cancelled', 'not-found', 'expired', 'rejected']);

export function matchesFilter(job: JobView, filter: StateFilter, search: string): boolean {
  if (filter === 'active' && job.state !== 'active') return false;
  if (filter === 'finished' && job.state === 'active') return false;
  if (filter === 'problems' && !PROBLEMS.has(job.state) && !job.downloads.some((d) => d.state === 'failed'))
    return false;
  if (!search) return true;
  const needle = search.toLowerCase();
  return job.jobid.toLowerCase().includes(needle) || (job.prompt ?? '').toLowerCase().includes(needle);
}

/** The label on a job's badge: the job's own state while it runs, the tracked state after. */
export const badgeState = (job: JobView): string =>
  job.state === 'active' ? (job.status ?? 'queued') : job.state;

export const badge = (job: JobView): string => badgeState(job).replace('-', ' ');

export { isHttpsUrl as isHttps } from '../../main/core/api/https-url.js';
