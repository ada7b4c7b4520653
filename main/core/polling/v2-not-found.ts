import type { ApiFailure } from '../api/api-outcome.js';
import type { TrackedJob } from '../store/job-store-schema.js';

/** useapi can answer 404 for a video still being processed: it is given this long to appear. */
export const V2_NOT_YET_WINDOW_MS = 15 * 60_000;
export const V2_NOT_YET_MESSAGE = 'Not available at useapi yet; still waiting.';

/**
 * What a 404 on a v2 video means: "not yet available" while useapi's scheduler lists it or for
 * V2_NOT_YET_WINDOW_MS after it was added (the job stays active), else the video is not found.
 */
export function v2NotFound(
  record: TrackedJob,
  failure: ApiFailure & { kind: 'not-found' },
  listed: boolean,
  now: number,
): { waiting: true; message: string } | { waiting: false; failure: ApiFailure } {
  if (listed || now - record.addedAt < V2_NOT_YET_WINDOW_MS)
    return { waiting: true, message: V2_NOT_YET_MESSAGE };
  const minutes = Math.round(V2_NOT_YET_WINDOW_MS / 60_000);
  const cause =
    `Not found: useapi.net still does not know this video ${minutes} minutes after it was added ` +
    'and is not running it (404)';
  return { waiting: false, failure: { ...failure, cause, message: `${cause}.` } };
}
