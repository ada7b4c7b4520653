import type { JobView } from '../../main/ipc/contract.js';
import { queueLine } from './format.js';

export type DownloadView = JobView['downloads'][number];

/**
 * The badge's colour, from a fixed set: the API's free-form status never becomes a class name
 * (a status `"queued snackbar"` would pick up the snackbar's styles).
 */
export type BadgeTone = 'queued' | 'running' | 'done' | 'problem' | 'stopped' | 'neutral';

const TONES: ReadonlyMap<string, BadgeTone> = new Map([
  ['queued', 'queued'],
  ['waiting', 'queued'],
  ['running', 'running'],
  ['completed', 'done'],
  ['failed', 'problem'],
  ['moderated', 'problem'],
  ['rejected', 'problem'],
  ['cancelled', 'stopped'],
  ['not-found', 'stopped'],
  ['expired', 'stopped'],
]);

/** The download a row speaks of: one that failed or is under way first, then a saved file that is gone. */
export const rowDownload = (job: JobView): DownloadView | undefined =>
  job.downloads.find((d) => d.state === 'failed') ??
  job.downloads.find((d) => d.state === 'downloading' || d.state === 'pending') ??
  job.downloads.find((d) => d.missing) ??
  job.downloads[0];

/** No answer from the API yet (just added, or every request held): nothing is known of its state. */
const unanswered = (job: JobView): boolean => job.status === undefined;

/** The job's own state while it runs, the tracked state after. */
const stateName = (job: JobView): string => (job.state === 'active' ? (job.status ?? 'waiting') : job.state);

/** The badge: a word or two, and its tone. A completed job whose video is not there does not read "completed". */
export function jobBadge(job: JobView, download = rowDownload(job)): { label: string; tone: BadgeTone } {
  if (job.state === 'completed' && download?.state === 'failed')
    return { label: 'download failed', tone: 'problem' };
  if (job.state === 'completed' && download?.missing) return { label: 'file missing', tone: 'problem' };
  if (job.state === 'completed' && (download?.state === 'downloading' || download?.state === 'pending'))
    return { label: 'saving', tone: 'running' };
  const state = stateName(job);
  return { label: state.replace('-', ' '), tone: TONES.get(state) ?? 'neutral' };
}

/** One sentence about the job, with the API's more detailed reason after it when it gave one. */
export interface StateSentence {
  tone: 'problem' | 'notice' | 'info' | 'done';
  text: string;
  details?: string;
}

/** Ends a sentence the API wrote without a full stop. */
const sentence = (text: string): string => (/[.!?…)]$/.test(text) ? text : `${text}.`);

const FIXED: Partial<Record<JobView['state'], string>> = {
  'not-found': 'useapi.net no longer knows this job.',
  expired: 'This job has expired: useapi.net keeps jobs for 31 days.',
  rejected: 'useapi.net refused this jobid.',
};

export const MISSING_FILE = 'The saved file is no longer in the folder.';
export const MODERATED = "PixVerse's moderation rejected this prompt.";

/**
 * What a person needs to know about a job in one sentence, for every state but a download under
 * way or saved (the row shows those with their file). Written here only, so the window says each
 * state one way.
 */
export function stateSentence(job: JobView): StateSentence {
  // A jobid useapi.net never answered for: it did not "forget" the job, it never knew it.
  if (job.state === 'not-found' && unanswered(job))
    return { tone: 'problem', text: 'useapi.net does not know this job.' };
  const fixed = FIXED[job.state];
  if (fixed) return { tone: 'problem', text: fixed };
  switch (job.state) {
    case 'failed': {
      const text = sentence(job.error ?? 'PixVerse could not generate this video');
      const details =
        job.errorDetails && job.errorDetails !== job.error ? sentence(job.errorDetails) : undefined;
      return { tone: 'problem', text, ...(details ? { details } : {}) };
    }
    case 'moderated':
      return { tone: 'problem', text: job.error ? sentence(job.error) : MODERATED };
    case 'cancelled':
      return {
        tone: 'info',
        text:
          job.source === 'v2'
            ? 'No longer tracked at useapi; the video may still appear in your PixVerse account.'
            : 'Cancelled: no video was made.',
      };
    case 'completed':
      return { tone: 'done', text: 'Generated. The video is not downloaded yet.' };
    default:
      break;
  }
  // Still on its way: why it waits (a poll that keeps failing, a v2 video useapi does not know yet).
  if (job.notice) return { tone: 'notice', text: sentence(job.notice) };
  if (job.status === 'running') return { tone: 'info', text: 'Generating' };
  if (unanswered(job)) return { tone: 'info', text: 'Waiting for the first answer from useapi.net.' };
  return {
    tone: 'info',
    text:
      queueLine(job) ??
      (job.source === 'v2' ? 'Waiting in the PixVerse queue.' : 'Waiting for PixVerse to start it.'),
  };
}

/** "about 3 min left", "less than a minute left", once the job's end is estimated. */
export function timeLeft(endsAt: string | undefined, now = Date.now()): string | undefined {
  const t = Date.parse(endsAt ?? '');
  if (Number.isNaN(t)) return undefined;
  const left = t - now;
  if (left <= 0) return 'finishing';
  // To the nearest minute: 3 min 10 s is "about 3 min", not 4.
  return left < 60_000 ? 'less than a minute left' : `about ${Math.round(left / 60_000)} min left`;
}
