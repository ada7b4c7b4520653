import { malformedAnswer, type ApiOutcome } from '../api-outcome.js';
import { boundedText } from '../../bounded-text.js';
import { MAX_LIST_BODY_BYTES, type ApiRequest } from '../api-request.js';
import type { Job } from '../../jobs/job.js';
import { fromV1Answer } from './adapter.js';
import { cancelResultSchema, jobListSchema, jobSchema } from './schema.js';

/** The useapi.net PixVerse v1 calls, answering in the app's own model. */
export function v1Calls(api: ApiRequest) {
  return {
    async getJob(jobid: string, signal?: AbortSignal): Promise<ApiOutcome<Job>> {
      const outcome = await api.get('/v1/pixverse/jobs/', { jobid }, jobSchema, { jobid, signal });
      if (outcome.kind !== 'ok') return outcome;
      const { jobid: answered, status } = outcome.value;
      if (answered === undefined && status === undefined) {
        return malformedAnswer(`${api.host} sent an answer with neither jobid nor status`);
      }
      if (answered !== undefined && answered !== jobid) {
        return malformedAnswer(`${api.host} answered with another job (${boundedText(answered)})`);
      }
      return { kind: 'ok', value: fromV1Answer(outcome.value, jobid) };
    },
    listExecuting(signal?: AbortSignal): Promise<ApiOutcome<string[]>> {
      return api.get('/v1/pixverse/jobs', undefined, jobListSchema, {
        signal,
        maxBytes: MAX_LIST_BODY_BYTES,
      });
    },
    cancelJob(
      jobid: string,
      signal?: AbortSignal,
    ): Promise<ApiOutcome<{ jobid: string; status: 'cancelled' }>> {
      return api.get('/v1/pixverse/jobs/cancel/', { jobid }, cancelResultSchema, { jobid, signal });
    },
  };
}
