import type { z } from 'zod';
import type { ApiOutcome } from './api-outcome.js';

/** A validated GET on the configured API (the token goes nowhere else). */
export interface ApiRequest {
  readonly host: string;
  get<T>(
    path: string,
    query: Record<string, string> | undefined,
    schema: z.ZodType<T>,
    options: { jobid?: string; signal?: AbortSignal; maxBytes?: number },
  ): Promise<ApiOutcome<T>>;
}

/** A job is a few KB: anything over this is broken or hostile, and is never read to the end. */
export const MAX_JOB_BODY_BYTES = 2 ** 20;
/** The executing list of a busy account (at most 10 jobs run at once, but it may grow). */
export const MAX_LIST_BODY_BYTES = 4 * 2 ** 20;
