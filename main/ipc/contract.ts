import { z } from 'zod';
import { JOB_SOURCES, JOB_STATES } from '../core/jobs/job.js';
import { jobidSchema, TRACKED_STATES } from '../core/store/job-store-schema.js';
import { settingsPatchSchema, settingsSchema } from '../core/settings.js';
import { MAX_THUMBNAIL_BYTES, THUMBNAIL_MIMES } from '../core/thumbnails/thumbnail.js';
import { TOKEN_MIN_LENGTH, TOKEN_TOO_SHORT } from './token-words.js';

/**
 * The whole IPC surface between the window and the main process: channel → schema of its
 * arguments and of its result. Handlers parse both; the renderer imports only the types.
 */

export const downloadViewSchema = z.object({
  key: z.string(),
  state: z.enum(['pending', 'downloading', 'saved', 'failed']),
  fileName: z.string().optional(),
  bytes: z.number(),
  total: z.number().optional(),
  rate: z.number().optional(),
  error: z.string().optional(),
  /** Recorded as saved, but the file is no longer on disk (deleted or moved since). */
  missing: z.boolean().optional(),
});

/** Bounds of the fields the window shows as they came from an API (job-view.ts keeps to them). */
export const JOB_VIEW_LIMITS = { label: 80, text: 300, seconds: 7 * 24 * 3600, queue: 1_000_000 } as const;

/** A job as the window sees it: the normalised model's fields, never an API's raw answer. */
export const jobViewSchema = z.object({
  jobid: z.string(),
  source: z.enum(JOB_SOURCES),
  /** Where tracking stands (`active` until the job is final). */
  state: z.enum(TRACKED_STATES),
  /** The job's own state, once the API described it. */
  status: z.enum(JOB_STATES).optional(),
  prompt: z.string().optional(),
  style: z.string().optional(),
  /** v2: the model, the quality asked for, the video's length. */
  model: z.string().max(JOB_VIEW_LIMITS.label).optional(),
  quality: z.string().max(JOB_VIEW_LIMITS.label).optional(),
  durationSec: z.number().min(0).max(JOB_VIEW_LIMITS.seconds).optional(),
  /** v2, while queued: jobs ahead of it and the expected wait. */
  queuePosition: z.number().int().min(0).max(JOB_VIEW_LIMITS.queue).optional(),
  queueWaitSec: z.number().min(0).max(JOB_VIEW_LIMITS.seconds).optional(),
  aspectRatio: z.string().optional(),
  created: z.string().optional(),
  updated: z.string().optional(),
  /** What the API says about the job, cleaned for reading. */
  message: z.string().optional(),
  /** When a job whose last poll failed is asked again (ISO), when known. */
  retryAt: z.string().optional(),
  /** Why a job still being tracked waits (a v2 video not yet available at useapi, its account's problem). */
  notice: z.string().max(JOB_VIEW_LIMITS.text).optional(),
  progress: z.number().optional(),
  /** Only https URLs ever reach the window. */
  previewUrl: z.string().optional(),
  videoUrl: z.string().optional(),
  error: z.string().optional(),
  /** The API's more detailed reason for a failure (`errorDetails`), when it gave one. */
  errorDetails: z.string().max(JOB_VIEW_LIMITS.text).optional(),
  /** When the job is expected to be done (ISO), once polling estimates it. */
  endsAt: z.string().optional(),
  downloads: z.array(downloadViewSchema),
});
export type JobView = z.infer<typeof jobViewSchema>;

export const tokenStatusSchema = z.object({
  set: z.boolean(),
  last4: z.string().max(4).optional(),
  problem: z.enum(['undecryptable', 'unavailable']).optional(),
  weakBackend: z.boolean(),
});
export type TokenStatus = z.infer<typeof tokenStatusSchema>;

/** Why every request waits: a 429 (rate limit, or the account's queue full), a 504, an unreachable host. */
export const holdViewSchema = z.object({
  kind: z.enum(['rate-limit', 'queue-full', 'server', 'network']),
  /** When the next request goes out (ISO, wall time). */
  until: z.string().optional(),
  /** What happened, in the API client's words (the window words the rate limits itself). */
  message: z.string(),
});
export type HoldView = z.infer<typeof holdViewSchema>;

export const appStateSchema = z.object({
  /** `credentials`: useapi.net refused the token (401); `subscription`: the account's subscription (402). */
  paused: z.enum(['user', 'credentials', 'subscription']).nullable(),
  offline: z.boolean(),
  demo: z.boolean(),
  message: z.string().optional(),
  hold: holdViewSchema.optional(),
  /** v2's 596: PixVerse accounts (emails) that must be added again at useapi.net; their jobs wait. */
  heldAccounts: z
    .array(z.object({ account: z.string().max(320), until: z.string().optional() }))
    .max(50)
    .optional(),
  token: tokenStatusSchema,
});
export type AppState = z.infer<typeof appStateSchema>;

const none = z.tuple([]);
const ok = z.object({ ok: z.literal(true) });
const refusal = z.object({ ok: z.literal(false), reason: z.string() });
const jobRef = z.tuple([jobidSchema]);
const fileRef = z.tuple([jobidSchema, z.string().min(1).max(200)]);
const fileRefusal = refusal.extend({ missing: z.literal(true).optional() });

export const jobQuerySchema = z
  .object({
    filter: z.enum(['all', 'active', 'finished', 'problems']),
    search: z.string().max(500),
    offset: z.number().int().min(0),
    limit: z.number().int().min(0).max(500),
  })
  .strict();

export const invokeContract = {
  /** One page of the list, read from the jobs database: a window on 50,000 jobs copies only what it shows. */
  queryJobs: {
    args: z.tuple([jobQuerySchema]),
    result: z.object({ total: z.number(), rows: z.array(jobViewSchema) }),
  },
  /** How many jobs each filter holds for a search ("All 120 · Active 3 …"), counted by the database. */
  countJobs: {
    args: z.tuple([jobQuerySchema.shape.search]),
    result: z.object({ all: z.number(), active: z.number(), finished: z.number(), problems: z.number() }),
  },
  addJob: {
    args: z.tuple([z.string().max(100_000)]),
    result: z.union([
      ok.extend({
        jobid: z.string(),
        source: z.enum(JOB_SOURCES),
        /** The job was tracked before: the window selects it rather than saying nothing. */
        alreadyTracked: z.literal(true).optional(),
      }),
      refusal,
    ]),
  },
  removeJob: { args: jobRef, result: z.boolean() },
  /** Undo of removeJob: main puts back the record it kept, as it was; the window sends only the jobid. */
  restoreJob: { args: jobRef, result: z.boolean() },
  cancelJob: { args: jobRef, result: z.union([ok, refusal]) },
  /**
   * Saves a completed job's videos now: when downloads are not automatic, after a failed download, or
   * again when the saved file was deleted. Says how many it queued.
   */
  downloadJob: { args: jobRef, result: z.union([ok.extend({ queued: z.number().int().min(1) }), refusal]) },
  /** Main writes the text from its own record: the window never puts text of its own on the clipboard. */
  copyJobText: {
    args: z.tuple([jobidSchema, z.enum(['jobid', 'videoUrl'])]),
    result: z.union([ok, refusal]),
  },
  /** Where a job stands in the list the filter and search give (-1: not in it): the window selects it. */
  indexOfJob: {
    args: z.tuple([jobidSchema, jobQuerySchema.pick({ filter: true, search: true })]),
    result: z.number().int().min(-1),
  },
  /** `missing`: the video was saved but its file is gone (deleted or moved): the window offers to download it again. */
  openFile: { args: fileRef, result: z.union([ok, fileRefusal]) },
  revealFile: { args: fileRef, result: z.union([ok, fileRefusal]) },
  getSettings: { args: none, result: settingsSchema },
  // Two settings the page may not name: the download folder (only chooseFolder's native dialog sets it)
  // and the API base URL (the token goes there; it is set in settings.json, never from the window).
  // The poll interval is checked for its type only here: its range is refused by the handler, in words
  // the window shows next to the field (`field`), not as a failed call.
  setSettings: {
    args: z.tuple([
      settingsPatchSchema
        .omit({ downloadFolder: true, apiBaseUrl: true })
        .extend({ pollIntervalSec: z.number().optional() })
        .strict(),
    ]),
    result: z.union([
      ok.extend({ settings: settingsSchema }),
      refusal.extend({ field: z.string().optional() }),
    ]),
  },
  getState: { args: none, result: appStateSchema },
  setToken: {
    args: z.tuple([z.string().trim().min(TOKEN_MIN_LENGTH, TOKEN_TOO_SHORT).max(4096), z.boolean()]),
    result: z.union([ok.extend({ token: tokenStatusSchema }), refusal]),
  },
  clearToken: { args: none, result: tokenStatusSchema },
  // The picker closed without a choice: nothing changes and nothing is wrong (`canceled`).
  chooseFolder: {
    args: none,
    result: z.union([
      ok.extend({ folder: z.string() }),
      refusal.extend({ canceled: z.literal(true).optional() }),
    ]),
  },
  /**
   * A still of the job's saved video (its first frame, made and cached by the main process): works
   * offline and after the video's link expired. The window shows it through a blob: URL.
   */
  thumbnail: {
    args: jobRef,
    result: z.union([
      ok.extend({
        mime: z.enum(THUMBNAIL_MIMES),
        bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= MAX_THUMBNAIL_BYTES, 'Too large.'),
      }),
      refusal,
    ]),
  },
  /** The demo (a local simulator, no account needed), from the empty list's button. */
  startDemo: { args: none, result: ok },
  pause: { args: none, result: appStateSchema },
  resume: { args: none, result: appStateSchema },
} as const;

export type InvokeChannel = keyof typeof invokeContract;
export type InvokeArgs<C extends InvokeChannel> = z.infer<(typeof invokeContract)[C]['args']>;
export type InvokeResult<C extends InvokeChannel> = z.infer<(typeof invokeContract)[C]['result']>;

/** Events the main process pushes to the window. */
export const eventContract = {
  jobChanged: jobViewSchema,
  jobRemoved: z.string(),
  stateChanged: appStateSchema,
  showView: z.enum(['jobs', 'add', 'settings']),
  /** After showView: the window selects this job (a tray "recent job", a notification), showing every job if needed. */
  selectJob: jobidSchema,
} as const;
export type EventChannel = keyof typeof eventContract;
export type EventPayload<E extends EventChannel> = z.infer<(typeof eventContract)[E]>;

/** The prefix keeps our channels apart from anything else on ipcMain. */
export const channelName = (name: InvokeChannel | EventChannel): string => `pixverse:${name}`;

/** What the preload exposes as `window.pixverse`: named verbs and subscriptions, nothing else. */
export type PixverseBridge = {
  [C in InvokeChannel]: (...args: InvokeArgs<C>) => Promise<InvokeResult<C>>;
} & {
  [E in EventChannel as `on${Capitalize<E>}`]: (listener: (payload: EventPayload<E>) => void) => () => void;
};
