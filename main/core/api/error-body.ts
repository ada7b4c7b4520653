import { z } from 'zod';

/** What useapi.net sends with an error status, whichever API version answered. */
export const errorBodySchema = z.looseObject({
  error: z.string().optional(),
  errorDetails: z.string().optional(),
  code: z.number().optional(),
  executingJobs: z.unknown().optional(),
});
