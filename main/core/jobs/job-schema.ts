import { z } from 'zod';
import { JOB_SOURCES, JOB_STATES, type Job } from './job.js';

/** The `Job` as the store writes it: checked on load like every other field of the file. */
export const storedJobSchema = z.object({
  source: z.enum(JOB_SOURCES),
  id: z.string(),
  state: z.enum(JOB_STATES),
  progress: z.number().optional(),
  prompt: z.string().optional(),
  style: z.string().optional(),
  model: z.string().optional(),
  quality: z.string().optional(),
  durationSec: z.number().optional(),
  queuePosition: z.number().optional(),
  queueWaitSec: z.number().optional(),
  aspectRatio: z.string().optional(),
  created: z.string().optional(),
  updated: z.string().optional(),
  preview: z.string().optional(),
  message: z.string().optional(),
  results: z.array(
    z.object({
      key: z.string(),
      url: z.string().optional(),
      altUrl: z.string().optional(),
      fileName: z.string().optional(),
      contentType: z.string().optional(),
      size: z.number().optional(),
      width: z.number().optional(),
      height: z.number().optional(),
    }),
  ),
  error: z.object({ message: z.string(), details: z.string().optional() }).optional(),
  unknown: z.array(z.string()).optional(),
  raw: z.unknown().optional(),
}) satisfies z.ZodType<Job>;
