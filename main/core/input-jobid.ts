import { jobidSchema } from './store/job-store-schema.js';

/**
 * A jobid as typed or pasted by a user: besides what every jobid is, free of invisible format
 * characters (bidi overrides and isolates, zero-width marks) that would show one id as another.
 */
export const inputJobidSchema = jobidSchema.regex(
  /^\P{Cf}+$/u,
  'A jobid has no spaces, control or invisible characters.',
);
