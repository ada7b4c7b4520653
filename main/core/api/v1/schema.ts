import { z } from 'zod';

/**
 * The PixVerse job as useapi.net v1 documents it (all fields optional): read only in `api/v1/`,
 * whose adapter turns it into the app's `Job`. The API grows: unknown
 * fields are kept (loose objects) and unknown enum values are accepted as plain strings, then
 * reported through `findUnknownValues` so they can be logged rather than crash the app.
 */

export const VERBS = [
  'pixverse-create',
  'pixverse-animate',
  'pixverse-create_single',
  'pixverse-meme_face',
  'pixverse-button',
] as const;
export const STATUSES = [
  'created',
  'started',
  'moderated',
  'progress',
  'completed',
  'failed',
  'cancelled',
] as const;
export const BUTTONS = ['U1', 'U2', 'U3', 'U4', 'V1', 'V2', 'V3', 'V4', 'ReDo', '🔄', '🔀', '⏫'] as const;
export const STYLES = ['Realistic', 'Anime', '3D Animation'] as const;
export const ASPECT_RATIOS = ['16:9', '9:16', '1:1', '4:3', '3:4'] as const;
export const CHARACTERS = [
  'eula',
  'ganyu',
  'hutao',
  'kamisatoayaka',
  'keqing',
  'klee',
  'nahida',
  'ningguang',
  'raidenshogun',
  'xiangling',
  'yaemiko',
] as const;

export type V1Status = (typeof STATUSES)[number];

/** A known value, or any other string the API may add later. */
const openEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.union([z.enum(values), z.string()]);

const upload = z.looseObject({ size: z.number().optional(), type: z.string().optional() });

export const attachmentSchema = z.looseObject({
  id: z.string().optional(),
  content_type: z.string().optional(),
  filename: z.string().optional(),
  url: z.string().optional(),
  proxy_url: z.string().optional(),
  size: z.number().optional(),
  width: z.number().optional(),
  height: z.number().optional(),
});

export const embedSchema = z.looseObject({
  type: z.string().optional(),
  description: z.string().optional(),
  image: z
    .looseObject({
      url: z.string().optional(),
      proxy_url: z.string().optional(),
      width: z.number().optional(),
      height: z.number().optional(),
    })
    .optional(),
});

export const jobSchema = z.looseObject({
  jobid: z.string().optional(),
  parentJobId: z.string().optional(),
  verb: openEnum(VERBS).optional(),
  status: openEnum(STATUSES).optional(),
  created: z.string().optional(),
  updated: z.string().optional(),
  prompt: z.string().optional(),
  negative_prompt: z.string().optional(),
  motion: z.number().optional(),
  seed_value: z.number().optional(),
  image: upload.optional(),
  face: upload.optional(),
  button: openEnum(BUTTONS).optional(),
  buttons: z.array(openEnum(BUTTONS)).optional(),
  style: openEnum(STYLES).optional(),
  aspect_ratio: openEnum(ASPECT_RATIOS).optional(),
  character: openEnum(CHARACTERS).optional(),
  discord: z.string().optional(),
  server: z.string().optional(),
  channel: z.string().optional(),
  maxJobs: z.number().optional(),
  messageId: z.string().optional(),
  content: z.string().optional(),
  timestamp: z.string().optional(),
  attachments: z.array(attachmentSchema).optional(),
  embeds: z.array(embedSchema).optional(),
  error: z.string().optional(),
  errorDetails: z.string().optional(),
  code: z.number().optional(),
});

export type V1Answer = z.infer<typeof jobSchema>;
export type V1Attachment = z.infer<typeof attachmentSchema>;

export const jobListSchema = z.array(z.string());
export const cancelResultSchema = z.looseObject({ jobid: z.string(), status: z.literal('cancelled') });
const KNOWN_FIELDS = new Set(Object.keys(jobSchema.shape));
// A Map: field names come from the API, and `constructor` must not find Object's.
const KNOWN_ENUMS = new Map<string, ReadonlySet<string>>([
  ['verb', new Set(VERBS)],
  ['status', new Set(STATUSES)],
  ['button', new Set(BUTTONS)],
  ['style', new Set(STYLES)],
  ['aspect_ratio', new Set(ASPECT_RATIOS)],
  ['character', new Set(CHARACTERS)],
]);

/** Fields and enum values this build does not know, e.g. `field:foo` or `status=queued`. */
export function findUnknownValues(job: V1Answer): string[] {
  const found: string[] = [];
  for (const [key, value] of Object.entries(job)) {
    if (!KNOWN_FIELDS.has(key)) found.push(`field:${key}`);
    const known = KNOWN_ENUMS.get(key);
    if (known && typeof value === 'string' && !known.has(value)) found.push(`${key}=${value}`);
  }
  for (const b of job.buttons ?? []) if (!KNOWN_ENUMS.get('button')!.has(b)) found.push(`buttons=${b}`);
  return found;
}
