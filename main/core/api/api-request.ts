import type { z } from 'zod';
import type { ApiOutcome } from './api-outcome.js';

export interface RequestOptions {
  jobid?: string;
  signal?: AbortSignal;
  maxBytes?: number;
}

/**
 * Validated requests on the configured API (the token goes nowhere else, no redirect is followed,
 * bodies are capped). `path` goes on the wire as the URL parser leaves it: `:` and `@` stay raw.
 */
export interface ApiRequest {
  readonly host: string;
  get<T>(
    path: string,
    query: Record<string, string> | undefined,
    schema: z.ZodType<T>,
    options: RequestOptions,
  ): Promise<ApiOutcome<T>>;
  delete<T>(path: string, schema: z.ZodType<T>, options: RequestOptions): Promise<ApiOutcome<T>>;
}

/** A job is a few KB: anything over this is broken or hostile, and is never read to the end. */
export const MAX_JOB_BODY_BYTES = 2 ** 20;
/** The executing list of a busy account (at most 10 jobs run at once, but it may grow). */
export const MAX_LIST_BODY_BYTES = 4 * 2 ** 20;
