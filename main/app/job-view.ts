import path from 'node:path';
import { RETRY } from '../core/api/api-outcome.js';
import { accountOf } from '../core/api/v2/adapter.js';
import { isHttpsUrl } from '../core/api/https-url.js';
import { boundedText, boundedWords } from '../core/bounded-text.js';
import { savedFileMissing } from '../core/downloads/missing-saved.js';
import type { TrackedJob } from '../core/store/job-store-schema.js';
import { JOB_VIEW_LIMITS, type JobView } from '../ipc/contract.js';
import type { LiveProgress } from './session.js';

/** What a view is built with besides the job: a session passes itself. */
export interface ViewContext {
  /** Live progress of running downloads (`jobid\nkey`). */
  live?: ReadonlyMap<string, LiveProgress>;
  /**
   * Engine time to wall time. The demo's engine runs on a clock 30× faster than the wall: its
   * timestamps are ahead of the window's `Date.now()` and would read "created in 2 minutes".
   */
  wallTime?: (t: number) => number;
  /** When the polling expects an active job to end (engine time), if it has an estimate. */
  expectedEnd?: (jobid: string) => { likely: number } | undefined;
  /** Polling is paused (by the user, or a rejected token or subscription): no job has a next try. */
  paused?: () => boolean;
  /** The job's PixVerse account is held (v2's 596): a banner says it, and what to do, once for all. */
  accountHeld?: (jobid: string) => boolean;
}

/** A job never answered while polling is paused (by the user, a 401 or a 402): nothing is on its way. */
export const NOT_ASKED_WHILE_PAUSED = 'Not asked yet: polling is paused (see above).';
/** A held account's job, on its row, naming the account: the banner above the list says the rest. */
export const waitingForAccount = (jobid: string): string => {
  const account = accountOf(jobid);
  return `Waiting for its PixVerse account${account ? ` ${account}` : ''} (see above).`;
};

const httpsOnly = (url: string | undefined): string | undefined => (isHttpsUrl(url) ? url : undefined);
const label = (text: string | undefined) => (text ? boundedText(text, JOB_VIEW_LIMITS.label) : undefined);
/** A number the window can show: finite and in range, else left out rather than refused by the contract. */
const inRange = (n: number | undefined, max: number, integer = false) =>
  n !== undefined && Number.isFinite(n) && n >= 0 && n <= max && (!integer || Number.isInteger(n))
    ? n
    : undefined;
// Bidi overrides and isolates, and the marks: they make "gnp.exe" after a U+202E read "exe.png".
const BIDI_CONTROLS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// Discord mentions (`<@123>`, `<@!123>`, `<@&123>`, `<#123>`) mean nothing to the reader.
const MENTIONS = /<[@#][!&]?\d*>/g;
/** An API's words, made to read as a sentence: no mention ids, no runs of spaces, cut between words. */
export const readable = (text: string | undefined): string | undefined => {
  const cleaned = text?.replace(MENTIONS, '').replace(/\s+/g, ' ').trim();
  return cleaned ? boundedWords(cleaned, JOB_VIEW_LIMITS.text) : undefined;
};
// "api.useapi.net:443" reads as "api.useapi.net" to anyone: the port says nothing there.
const DEFAULT_HTTPS_PORT = /\b([a-z0-9-]+(?:\.[a-z0-9-]+)+):443\b/gi;
export const withoutBidiControls = (name: string): string => name.replace(BIDI_CONTROLS, '');

/** What the window may know of a job: no full paths, no non-https links, no bookkeeping. */
export function toJobView(job: TrackedJob, context: ViewContext = {}): JobView {
  const { live = new Map<string, LiveProgress>(), wallTime, expectedEnd, paused, accountHeld } = context;
  const model = job.job;
  const video = model?.results[0];
  const time = (iso: string | undefined) => {
    const t = Date.parse(iso ?? '');
    return wallTime && !Number.isNaN(t) ? new Date(wallTime(t)).toISOString() : iso;
  };
  // A failed poll's retry time, when known, says when it asks again: "; will retry." need not. While
  // polling is paused nothing is tried: neither says so.
  const stopped = job.state === 'active' && paused?.() === true;
  const heldAccount = job.state === 'active' && !stopped && accountHeld?.(job.jobid) === true;
  const retryAt =
    job.state === 'active' && !stopped && !heldAccount && job.lastError && job.retryAt !== undefined
      ? new Date(wallTime?.(job.retryAt) ?? job.retryAt).toISOString()
      : undefined;
  const likelyEnd = job.state === 'active' ? expectedEnd?.(job.jobid)?.likely : undefined;
  const endsAt =
    likelyEnd !== undefined && Number.isFinite(likelyEnd)
      ? new Date(wallTime?.(likelyEnd) ?? likelyEnd).toISOString()
      : undefined;
  const lastError = retryAt || stopped ? job.lastError?.replace(RETRY, '.') : job.lastError;
  return {
    jobid: job.jobid,
    source: job.source,
    state: job.state,
    status: model?.state,
    prompt: model?.prompt,
    style: model?.style,
    model: label(model?.model),
    quality: label(model?.quality),
    durationSec: inRange(model?.durationSec, JOB_VIEW_LIMITS.seconds),
    queuePosition: inRange(model?.queuePosition, JOB_VIEW_LIMITS.queue, true),
    queueWaitSec: inRange(model?.queueWaitSec, JOB_VIEW_LIMITS.seconds),
    aspectRatio: model?.aspectRatio,
    created: time(model?.created),
    updated: time(model?.updated),
    message: model?.message,
    // While a job is tracked, its last error is why it waits; once final, `error` says what ended it.
    notice: heldAccount
      ? waitingForAccount(job.jobid)
      : stopped && !model && !lastError
        ? NOT_ASKED_WHILE_PAUSED
        : job.state === 'active'
          ? readable(lastError?.replace(DEFAULT_HTTPS_PORT, '$1'))
          : undefined,
    ...(retryAt ? { retryAt } : {}),
    ...(endsAt ? { endsAt } : {}),
    progress: inRange(model?.progress, 100),
    previewUrl: httpsOnly(model?.preview),
    videoUrl: httpsOnly(video?.url) ?? httpsOnly(video?.altUrl),
    error: readable(model?.error?.message ?? job.lastError),
    errorDetails: readable(model?.error?.details),
    downloads: Object.entries(job.downloads ?? {}).map(([key, d]) => {
      const now = d.state === 'downloading' ? live.get(`${job.jobid}\n${key}`) : undefined;
      return {
        key,
        state: d.state,
        fileName: d.file ? withoutBidiControls(path.basename(d.file)) : undefined,
        bytes: now?.bytes ?? d.bytes,
        total: now?.total ?? d.total,
        rate: now?.rate,
        error: d.error,
        ...(savedFileMissing(d) ? { missing: true } : {}),
      };
    }),
  };
}
