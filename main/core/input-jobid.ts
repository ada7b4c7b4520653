import { z } from 'zod';
import { checkInputJobId } from './jobs/job-id.js';

/** A jobid as typed or pasted by a user (the rules of `checkInputJobId`), for the CLI's arguments. */
export const inputJobidSchema = z.string().transform((raw, ctx) => {
  const result = checkInputJobId(raw);
  if (result.ok) return result.id;
  ctx.addIssue({ code: 'custom', message: result.reason });
  return z.NEVER;
});
