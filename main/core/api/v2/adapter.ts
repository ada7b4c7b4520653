import type { Job, JobResult, JobState } from '../../jobs/job.js';
import { V2_STATUS_NAMES, V2_STATUS_NUMBERS, type V2Answer, type V2StatusName } from './schema.js';

const STATES: Readonly<Record<V2StatusName, JobState>> = {
  QUEUED: 'queued',
  GENERATING: 'running',
  COMPLETED: 'completed',
  MODERATED: 'moderated',
  FAILED: 'failed',
};
const NUMBERS: ReadonlyMap<number, V2StatusName> = new Map(
  Object.entries(V2_STATUS_NUMBERS).map(([n, name]) => [Number(n), name as V2StatusName]),
);
const NAMES: ReadonlySet<string> = new Set(V2_STATUS_NAMES);
const FILE_NAME_WORDS = 6;
const FILE_NAME_PROMPT_CHARS = 60;

/** A useapi.net v2 video answer as the app's `Job`; `id` is the one asked for (answers may omit it). */
export function fromV2Answer(answer: V2Answer, id: string): Job {
  const { status, unknown } = statusOf(answer);
  const errorText = answer.error?.trim();
  const state: JobState = errorText ? 'failed' : stateOf(status, answer);
  const job: Job = { source: 'v2', id, state, results: [], raw: answer };
  const set = <K extends keyof Job>(key: K, value: Job[K] | undefined) => {
    if (value !== undefined && value !== '') job[key] = value;
  };
  set('prompt', answer.prompt);
  set('model', answer.model);
  set('quality', answer.quality);
  set('durationSec', positive(answer.duration) ?? positive(answer.video_duration));
  set('aspectRatio', answer.aspect_ratio);
  set('style', answer.style);
  set('created', answer.created_at);
  set('preview', answer.first_frame?.trim());
  if (state === 'queued' && answer.queue_data) {
    set('queuePosition', nonNegative(answer.queue_data.queue_count));
    set('queueWaitSec', nonNegative(answer.queue_data.queue_time));
  }
  if (state === 'completed') job.results = [videoResult(answer, id)];
  if (errorText) job.error = { message: errorText };
  else if (state === 'failed' || state === 'moderated') job.error = { message: reasonFor(state) };
  if (unknown) job.unknown = [unknown];
  return job;
}

/** The status by name when the API gives a known one, else by number; an unknown one is reported. */
function statusOf(answer: V2Answer): { status: V2StatusName | undefined; unknown?: string } {
  const name = answer.video_status_name?.trim().toUpperCase();
  if (name && NAMES.has(name)) return { status: name as V2StatusName };
  const byNumber = answer.video_status === undefined ? undefined : NUMBERS.get(answer.video_status);
  if (byNumber) return { status: byNumber };
  if (answer.video_status !== undefined)
    return { status: undefined, unknown: `video_status=${answer.video_status}` };
  if (name) return { status: undefined, unknown: `video_status_name=${name}` };
  return { status: undefined };
}

/**
 * Done only when PixVerse says it is final; a COMPLETED video counts only once its `url` is there
 * (and its width, when the field is sent): useapi sends a `url` while the video is still generating.
 */
function stateOf(status: V2StatusName | undefined, answer: V2Answer): JobState {
  if (status === undefined)
    return answer.video_status === undefined && !answer.video_status_name ? 'queued' : 'running';
  const state = STATES[status];
  if (state === 'queued' || state === 'running') return state;
  const final = answer.video_status_final ?? true;
  if (!final) return 'running';
  if (state !== 'completed') return state;
  const hasVideo = Boolean(answer.url) && (answer.output_width === undefined || answer.output_width > 0);
  return hasVideo ? 'completed' : 'running';
}

const reasonFor = (state: 'failed' | 'moderated'): string =>
  state === 'moderated' ? 'PixVerse moderated the video.' : 'PixVerse says the video failed.';

function videoResult(answer: V2Answer, id: string): JobResult {
  const result: JobResult = { key: 'video', url: answer.url!, fileName: readableFileName(answer.prompt, id) };
  const width = positive(answer.output_width);
  const height = positive(answer.output_height);
  if (width !== undefined) result.width = width;
  if (height !== undefined) result.height = height;
  return result;
}

/**
 * `a-cat-surfing-a-wave-998877.mp4`: a few words of the prompt and the id's video number, never
 * the raw id (its colons are not allowed in Windows file names, and it names the account's email).
 */
export function readableFileName(prompt: string | undefined, id: string): string {
  const number = videoNumberOf(id) ?? 'video';
  const words = (prompt ?? '')
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, FILE_NAME_WORDS)
    .join('-')
    .toLowerCase()
    .slice(0, FILE_NAME_PROMPT_CHARS)
    .replace(/-+$/, '');
  return `${words || 'pixverse'}-${number}.mp4`;
}

/** The number after `-video:` in a v2 id. */
export const videoNumberOf = (id: string): string | undefined => /-video:(\d+)$/.exec(id)?.[1];

/** The PixVerse account (its email) a v2 id belongs to: 596 problems are that account's alone. */
export const accountOf = (id: string): string | undefined => /-pixverse:(.+)-video:\d+$/.exec(id)?.[1];

const positive = (n: number | undefined): number | undefined =>
  n !== undefined && Number.isFinite(n) && n > 0 ? n : undefined;
const nonNegative = (n: number | undefined): number | undefined =>
  n !== undefined && Number.isFinite(n) && n >= 0 ? n : undefined;
