import { z } from 'zod';

/**
 * A PixVerse video as useapi.net v2 answers it (every field optional): read only in `api/v2/`, whose
 * adapter turns it into the app's `Job`. The API grows: unknown fields are kept (loose objects) and
 * unknown status numbers or names are accepted, then reported by the adapter. Bodies are capped by
 * size before they are parsed (`MAX_JOB_BODY_BYTES`, `MAX_LIST_BODY_BYTES`), as v1's are.
 */

/**
 * PixVerse's status numbers: 5 and 10 while it works, 1, 7 and 8 when it is done. useapi's status
 * table also names 9 GENERATING.
 */
export const V2_STATUS_NUMBERS = {
  5: 'QUEUED',
  9: 'GENERATING',
  10: 'GENERATING',
  1: 'COMPLETED',
  7: 'MODERATED',
  8: 'FAILED',
};
export const V2_STATUS_NAMES = ['QUEUED', 'GENERATING', 'COMPLETED', 'MODERATED', 'FAILED'] as const;
export type V2StatusName = (typeof V2_STATUS_NAMES)[number];

const text = z.string().optional();
const count = z.number().optional();

export const videoSchema = z.looseObject({
  video_id: z.union([z.string(), z.number()]).optional(),
  video_status: count,
  video_status_name: text,
  video_status_final: z.boolean().optional(),
  created_at: text,
  prompt: text,
  negative_prompt: text,
  model: text,
  quality: text,
  seed: count,
  duration: count,
  video_duration: count,
  aspect_ratio: text,
  style: text,
  first_frame: text,
  last_frame: text,
  output_width: count,
  output_height: count,
  url: text,
  img_url: text,
  queue_data: z.looseObject({ queue_time: count, queue_count: count }).nullish(),
  error: text,
  code: count,
});
export type V2Answer = z.infer<typeof videoSchema>;

/**
 * `GET /v2/pixverse/scheduler/`: what useapi is running for the account. Older documentation names
 * the id `videoId` or `video_id`; all three are read.
 */
export const schedulerEntrySchema = z.looseObject({
  id: z.string().optional(),
  videoId: z.string().optional(),
  video_id: z.string().optional(),
  type: z.string().optional(),
});
export const schedulerListSchema = z.array(schedulerEntrySchema);
export type V2SchedulerEntry = z.infer<typeof schedulerEntrySchema>;

/** `GET /v2/pixverse/videos/`: the newest videos of the account, website-started ones included. */
export const videoListSchema = z.looseObject({ data: z.array(videoSchema).optional() });

/** `DELETE /v2/pixverse/scheduler/{id}`: useapi stops tracking; whatever it answers is accepted. */
export const stopTrackingSchema = z.unknown();
