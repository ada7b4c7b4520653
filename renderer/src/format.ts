import { formatBytes } from '../../main/core/format-bytes.js';
import type { JobView } from '../../main/ipc/contract.js';

const UNITS: [unit: string, ms: number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];
/** Where English says it in a word, as Intl.RelativeTimeFormat's `numeric: 'auto'` does. */
const IN_A_WORD: Record<string, string> = { 'second 0': 'now', 'day -1': 'yesterday', 'day 1': 'tomorrow' };

/**
 * "3 hours ago", "in 2 minutes", "yesterday": in English, like the rest of the window, and without
 * Intl, whose first use costs a fresh window tens of ms (its locale data) before the first rows paint.
 */
export function relativeTime(iso: string | undefined, now = Date.now()): string {
  const t = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(t)) return '';
  const diff = t - now;
  const [unit, ms] = UNITS.find(([, ms]) => Math.abs(diff) >= ms) ?? UNITS.at(-1)!;
  const count = Math.round(diff / ms) || 0; // no "-0"
  const word = IN_A_WORD[`${unit} ${count}`];
  if (word) return word;
  const size = Math.abs(count);
  const amount = `${String(size).replace(/\B(?=(\d{3})+$)/g, ',')} ${unit}${size === 1 ? '' : 's'}`;
  return count < 0 ? `${amount} ago` : `in ${amount}`;
}

/** A time in the past as people say it; a time ahead (a clock a little off) reads "just now". */
export function timeAgo(iso: string | undefined, now = Date.now()): string {
  const t = Date.parse(iso ?? '');
  if (Number.isNaN(t)) return '';
  if (now - t < 45_000) return 'just now';
  return relativeTime(iso, now);
}

/** Seconds until `iso`, as "40 s" or "2 min"; "a moment" once it is due. */
export function countdown(iso: string | undefined, now = Date.now()): string {
  const left = (Date.parse(iso ?? '') - now) / 1000;
  return Number.isNaN(left) || left < 1 ? 'a moment' : duration(Math.ceil(left));
}

/** The user's own date and time format (locale data: the rows show it once the window is idle). */
export const localTime = (iso: string | undefined): string => (iso ? new Date(iso).toLocaleString() : '');

export const bytes = (n: number | undefined): string => (n === undefined ? '' : formatBytes(n));

export type StateFilter = 'all' | 'active' | 'finished' | 'problems';

// A job the user cancelled is no problem: it did what was asked. The store's query says the same.
const PROBLEMS = new Set(['failed', 'moderated', 'not-found', 'expired', 'rejected']);

export function matchesFilter(job: JobView, filter: StateFilter, search: string): boolean {
  if (filter === 'active' && job.state !== 'active') return false;
  if (filter === 'finished' && job.state === 'active') return false;
  if (filter === 'problems' && !PROBLEMS.has(job.state) && !job.downloads.some((d) => d.state === 'failed'))
    return false;
  if (!search) return true;
  const needle = search.toLowerCase();
  return job.jobid.toLowerCase().includes(needle) || (job.prompt ?? '').toLowerCase().includes(needle);
}

export { isHttpsUrl as isHttps } from '../../main/core/api/https-url.js';

/** A length in seconds as people say it: `5 s`, `2 min`, `1 h 5 min`. */
export function duration(sec: number): string {
  if (sec < 60) return `${Math.round(sec)} s`;
  const minutes = Math.round(sec / 60);
  if (minutes < 60) return `${minutes} min`;
  const rest = minutes % 60;
  return `${Math.floor(minutes / 60)} h${rest ? ` ${rest} min` : ''}`;
}

/** What the job was made with: v2's model, quality and length, v1's style, and the aspect ratio. */
export const jobMeta = (job: JobView): string =>
  [
    job.model,
    job.quality,
    job.durationSec === undefined ? undefined : duration(job.durationSec),
    job.style,
    job.aspectRatio,
  ]
    .filter(Boolean)
    .join(' · ');

/** Where a queued v2 job stands in PixVerse's queue, when useapi says. */
export function queueLine(job: JobView): string | undefined {
  if (job.state !== 'active' || job.status !== 'queued' || job.queuePosition === undefined) return undefined;
  const place =
    job.queuePosition === 0
      ? 'Next in the PixVerse queue'
      : `${job.queuePosition} ahead in the PixVerse queue`;
  return job.queueWaitSec ? `${place} · about ${duration(job.queueWaitSec)} to wait` : place;
}
