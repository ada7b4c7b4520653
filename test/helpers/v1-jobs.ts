import { fromV1Answer } from '../../main/core/api/v1/adapter.js';
import type { V1Answer } from '../../main/core/api/v1/schema.js';
import type { Job } from '../../main/core/jobs/job.js';

/** The app's Job for a v1 answer, as the API client would hand it over. */
export const v1Job = (jobid: string, answer: V1Answer = {}): Job => fromV1Answer({ jobid, ...answer }, jobid);
