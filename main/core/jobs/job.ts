/**
 * The one job model every part of the app reads, whichever API the job comes from. Each API has an
 * adapter (`api/<source>/adapter.ts`) that turns its answers into this; nothing else reads raw answers.
 */

/** The APIs a job can come from: its `source` and its `id` together name it. */
export const JOB_SOURCES = ['v1', 'v2'] as const;
export type JobSource = (typeof JOB_SOURCES)[number];

export const JOB_STATES = [
  'queued',
  'running',
  'completed',
  'failed',
  'moderated',
  'cancelled',
  'expired',
  'not-found',
] as const;
export type JobState = (typeof JOB_STATES)[number];

export type FinalJobState = Exclude<JobState, 'queued' | 'running'>;

/** The states a job is still on its way from; every other state is one it never leaves. */
const UNFINISHED_STATES: ReadonlySet<JobState> = new Set<Exclude<JobState, FinalJobState>>([
  'queued',
  'running',
]);
/** Polling stops at a final state. */
export const isFinalState = (state: JobState): state is FinalJobState => !UNFINISHED_STATES.has(state);

/** One generated file. */
export interface JobResult {
  /** Stable across answers (the API's id for it, else `#<index>`): downloads are recorded under it. */
  key: string;
  url?: string;
  /** Another link to the same file, tried when `url` is missing or not http(s). */
  altUrl?: string;
  fileName?: string;
  contentType?: string;
  size?: number;
  width?: number;
  height?: number;
}

export interface JobError {
  message: string;
  details?: string;
}

export interface Job {
  source: JobSource;
  id: string;
  state: JobState;
  /** 0–100, when the API says. */
  progress?: number;
  prompt?: string;
  /** The style it was generated with (v1). */
  style?: string;
  /** The model it was generated with (v2). */
  model?: string;
  /** The output quality asked for (v2: `540p`, `1080p`…). */
  quality?: string;
  /** Length of the video in seconds, when the API says (v2). */
  durationSec?: number;
  /** While queued: how many jobs are ahead of it and the expected wait in seconds (v2). */
  queuePosition?: number;
  queueWaitSec?: number;
  aspectRatio?: string;
  /** ISO timestamps, as the API wrote them. */
  created?: string;
  updated?: string;
  /** An image URL to show before the video is there. */
  preview?: string;
  /** What the API says about the job in words, cleaned for display. */
  message?: string;
  results: JobResult[];
  error?: JobError;
  /** Fields and values of the answer this build does not know (each logged once, kept as is). */
  unknown?: string[];
  /** The API's last answer, as it came: for display and debugging only, never read for logic. */
  raw?: unknown;
}

/** Jobs are guaranteed for 31 days; after that the API may recycle them. */
export const JOB_LIFESPAN_MS = 31 * 24 * 60 * 60 * 1000;

/** The time the job was created, when the API said so in a readable form. */
export function createdAt(job: Pick<Job, 'created'> | undefined): number | undefined {
  const t = Date.parse(job?.created ?? '');
  return Number.isNaN(t) ? undefined : t;
}
