import { malformedAnswer, worded, type ApiFailure, type ApiOutcome } from '../api-outcome.js';
import { boundedText } from '../../bounded-text.js';
import { MAX_LIST_BODY_BYTES, type ApiRequest } from '../api-request.js';
import type { Job } from '../../jobs/job.js';
import { V2_VIDEO_ID } from '../../jobs/job-id.js';
import { accountOf, fromV2Answer } from './adapter.js';
import { schedulerListSchema, stopTrackingSchema, videoListSchema, videoSchema } from './schema.js';

/** useapi's own scripts wait 30 s after a 429 that names no Retry-After. */
export const V2_RATE_LIMIT_WAIT_MS = 30_000;
/** How many of the newest videos one discovery look at the videos list reads. */
export const V2_RECENT_VIDEOS = 20;

/**
 * The useapi.net PixVerse v2 calls, answering in the app's own model. There is deliberately no call
 * for `DELETE /v2/pixverse/videos/{id}`: it deletes the video from the PixVerse account for good.
 */
export function v2Calls(api: ApiRequest) {
  return {
    async getJob(id: string, signal?: AbortSignal): Promise<ApiOutcome<Job>> {
      const path = rawPath('/v2/pixverse/videos/', id);
      if (!path) return notAVideoId(api.host, id);
      const outcome = await api.get(path, undefined, videoSchema, { jobid: id, signal });
      if (outcome.kind !== 'ok') return v2Failure(api.host, outcome, id);
      const answered = outcome.value.video_id;
      if (typeof answered === 'string' && V2_VIDEO_ID.test(answered) && answered !== id) {
        return malformedAnswer(`${api.host} answered with another video (${boundedText(answered)})`);
      }
      return { kind: 'ok', value: fromV2Answer(outcome.value, id) };
    },
    /** "Stop tracking at useapi": frees useapi's slot; PixVerse still finishes the video. */
    async cancelJob(id: string, signal?: AbortSignal): Promise<ApiOutcome<unknown>> {
      const path = rawPath('/v2/pixverse/scheduler/', id);
      if (!path) return notAVideoId(api.host, id);
      const outcome = await api.delete(path, stopTrackingSchema, { jobid: id, signal });
      return outcome.kind === 'ok' ? outcome : v2Failure(api.host, outcome, id);
    },
    /** The videos useapi is running for the account (its scheduler), by id. */
    async listExecuting(signal?: AbortSignal): Promise<ApiOutcome<string[]>> {
      const outcome = await api.get('/v2/pixverse/scheduler/', undefined, schedulerListSchema, {
        signal,
        maxBytes: MAX_LIST_BODY_BYTES,
      });
      if (outcome.kind !== 'ok') return v2Failure(api.host, outcome, undefined);
      const ids = outcome.value
        .filter((entry) => entry.type === undefined || entry.type === 'video')
        .map((entry) => entry.id ?? entry.videoId ?? entry.video_id)
        .filter((id): id is string => id !== undefined && V2_VIDEO_ID.test(id));
      return { kind: 'ok', value: ids };
    },
    /** The newest videos of the account, website-started ones included (the scheduler never lists those). */
    async listRecent(signal?: AbortSignal): Promise<ApiOutcome<Job[]>> {
      const query = { limit: String(V2_RECENT_VIDEOS), offset: '0' };
      const outcome = await api.get('/v2/pixverse/videos/', query, videoListSchema, {
        signal,
        maxBytes: MAX_LIST_BODY_BYTES,
      });
      if (outcome.kind !== 'ok') return v2Failure(api.host, outcome, undefined);
      const jobs = (outcome.value.data ?? []).flatMap((video) =>
        typeof video.video_id === 'string' && V2_VIDEO_ID.test(video.video_id)
          ? [fromV2Answer(video, video.video_id)]
          : [],
      );
      return { kind: 'ok', value: jobs };
    },
  };
}

/**
 * `prefix` + the id exactly as it is: useapi rejects the percent-encoded form. An id the URL parser
 * would change (or with a `%`, which the server would decode) is refused rather than sent altered.
 */
export function rawPath(prefix: string, id: string): string | undefined {
  if (!V2_VIDEO_ID.test(id) || id.includes('%')) return undefined;
  const path = prefix + id;
  return new URL(path, 'http://127.0.0.1').pathname === path ? path : undefined;
}

const notAVideoId = (host: string, id: string): ApiFailure => ({
  kind: 'bad-request',
  ...worded(`${boundedText(id)} is not a PixVerse v2 video id; nothing was sent to ${host}`),
});

/** v2's own readings of shared failures: 429 waits 30 s by default, a 596 names its account. */
function v2Failure(host: string, failure: ApiFailure, id: string | undefined): ApiFailure {
  if (failure.kind === 'rate-limited') {
    // v2's 429 means every PixVerse account useapi may use is busy, not a request storm.
    const retryAfterMs = failure.retryAfterMs ?? V2_RATE_LIMIT_WAIT_MS;
    const cause = `${host} says every PixVerse account is busy (429)`;
    return { ...failure, retryAfterMs, ...worded(cause, '; slowing down.') };
  }
  if (failure.kind === 'account-problem') {
    const account = id === undefined ? undefined : accountOf(id);
    if (account === undefined) return failure;
    const cause = `The PixVerse account ${account} is in an error state at useapi.net (596): add it again at useapi.net`;
    return {
      ...failure,
      account,
      ...worded(cause, '; its v2 jobs are paused until then, other jobs go on.'),
    };
  }
  return failure;
}
