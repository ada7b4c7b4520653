import type { Job, JobError, JobResult, JobState } from '../../jobs/job.js';
import { findUnknownValues, jobSchema, type V1Answer, type V1Attachment } from './schema.js';

const STATES: ReadonlyMap<string, JobState> = new Map([
  ['created', 'queued'],
  ['started', 'running'],
  ['progress', 'running'],
  ['completed', 'completed'],
  ['failed', 'failed'],
  ['moderated', 'moderated'],
  ['cancelled', 'cancelled'],
]);

/** A useapi.net v1 answer as the app's `Job`; `jobid` is the one asked for when the answer omits it. */
export function fromV1Answer(answer: V1Answer, jobid: string): Job {
  // A status this build does not know is not final: the job keeps being polled until it is.
  const state = answer.status === undefined ? 'queued' : (STATES.get(answer.status) ?? 'running');
  const job: Job = { source: 'v1', id: answer.jobid ?? jobid, state, results: results(answer), raw: answer };
  const set = <K extends keyof Job>(key: K, value: Job[K] | undefined) => {
    if (value !== undefined) job[key] = value;
  };
  set('progress', progressPercent(answer.content));
  set('prompt', answer.prompt);
  set('style', answer.style);
  set('aspectRatio', answer.aspect_ratio);
  set('created', answer.created);
  set('updated', answer.updated);
  set('preview', answer.embeds?.map((e) => firstLink(e.image?.url, e.image?.proxy_url)).find(Boolean));
  const message = readableContent(answer.content);
  set('message', message || undefined);
  set('error', jobError(answer, state));
  const unknown = findUnknownValues(answer);
  set('unknown', unknown.length > 0 ? unknown : undefined);
  return job;
}

/**
 * The progress percentage PixVerse writes into `content` (`… (45%) …`), when there is one: the last
 * bracketed figure (the prompt, echoed before it, may hold a percentage), whole percent.
 */
export function progressPercent(content: string | undefined): number | undefined {
  const figures = [...(content ?? '').matchAll(/\((\d{1,3}(?:\.\d+)?)%\)/g)];
  const last = figures.at(-1);
  if (!last) return undefined;
  const n = Math.floor(Number(last[1]));
  return n >= 0 && n <= 100 ? n : undefined;
}

/**
 * The parameters PixVerse echoes back in its message, `(prompt: … style: … aspect-ratio: …)`: the
 * job's own fields carry them, and read as raw text they only repeat the prompt. The group ends at
 * the `)` followed by the next group, the author tail or the end (a prompt may hold parentheses).
 */
const ECHOED_PARAMETERS = /\(prompt:[\s\S]*?\)(?=\s*(?:\(|Author:|$))/i;

/** PixVerse's Discord message without the mention ids, the echoed prompt and the author tail: what a person reads. */
export const readableContent = (content: string | undefined): string =>
  (content ?? '')
    .replace(ECHOED_PARAMETERS, '')
    .replace(/<@[^<>]*>/g, '')
    .replace(/\s*Author:\s*\)?\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();

function results(answer: V1Answer): JobResult[] {
  return (answer.attachments ?? []).map((a, index) => {
    const result: JobResult = { key: a.id ?? `#${index}` };
    const [url, altUrl] = links(a);
    Object.assign(
      result,
      defined({
        url,
        altUrl,
        fileName: a.filename,
        contentType: a.content_type,
        size: a.size,
        width: a.width,
        height: a.height,
      }),
    );
    return result;
  });
}

/** The direct link first, the Discord proxy's second: the order downloads try them in. */
const links = (a: V1Attachment): [string | undefined, string | undefined] =>
  a.url ? [a.url, a.proxy_url] : [a.proxy_url, undefined];

/** An https link when there is one (the window shows only those), else whatever there is. */
const firstLink = (...candidates: (string | undefined)[]): string | undefined =>
  candidates.find((c) => c?.startsWith('https://')) ?? candidates.find(Boolean);

function jobError(answer: V1Answer, state: JobState): JobError | undefined {
  const reason =
    answer.error ??
    (state === 'failed' || state === 'moderated' ? reasonFromContent(answer.content) : undefined);
  if (reason !== undefined) return defined({ message: reason, details: answer.errorDetails });
  return answer.errorDetails !== undefined ? { message: answer.errorDetails } : undefined;
}

/** PixVerse says why it stopped in a parenthesis of its message: `(… moderated …)`. */
const reasonFromContent = (content: string | undefined): string | undefined =>
  content?.replace(ECHOED_PARAMETERS, '').match(/\(([^()]*(?:moderat|flag|fail)[^()]*)\)/i)?.[1];

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** A v1 answer kept in an older store file, as a `Job`; undefined when it is not a valid v1 answer. */
export function fromStoredV1Answer(stored: unknown, jobid: string): Job | undefined {
  const parsed = jobSchema.safeParse(stored);
  return parsed.success ? fromV1Answer(parsed.data, jobid) : undefined;
}
