import { z } from 'zod';
import { fromStoredV1Answer } from '../api/v1/adapter.js';
import { JOB_SOURCES } from '../jobs/job.js';
import { checkJobId } from '../jobs/job-id.js';
import { storedJobSchema } from '../jobs/job-schema.js';

/** Where a tracked job stands from the app's point of view (a superset of the API's statuses). */
export const TRACKED_STATES = [
  'active',
  'completed',
  'failed',
  'moderated',
  'cancelled',
  'not-found',
  'expired',
  'rejected',
] as const;
export type TrackedState = (typeof TRACKED_STATES)[number];

export const jobidSchema = z.string().transform((raw, ctx) => {
  const checked = checkJobId(raw);
  if (checked.ok) return checked.id;
  ctx.addIssue({ code: 'custom', message: checked.reason });
  return z.NEVER;
});

/**
 * A keyed collection read from JSON into an object without a prototype: keys such as `__proto__`
 * or `constructor` (jobids and attachment ids come from users and the API) stay ordinary keys.
 * zod's own record assigns keys one by one, which lets `__proto__` replace the prototype.
 */
export const safeRecord = <T extends z.ZodType>(value: T) =>
  z
    .preprocess(
      (raw) => (typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? Object.entries(raw) : raw),
      z.array(z.tuple([z.string(), value]), 'Expected an object'),
    )
    .transform((entries) => dictionary(entries as [string, z.output<T>][]));

/** A null-prototype object from entries: the safe shape for a keyed collection written as JSON. */
export function dictionary<V>(entries: Iterable<readonly [string, V]>): Record<string, V> {
  const dict = Object.create(null) as Record<string, V>;
  for (const [key, value] of entries) dict[key] = value;
  return dict;
}

export const downloadRecordSchema = z.object({
  state: z.enum(['pending', 'downloading', 'saved', 'failed']),
  /** The final path, chosen once so a restart resumes the same `<file>.part`. */
  file: z.string().optional(),
  bytes: z.number().default(0),
  total: z.number().optional(),
  etag: z.string().optional(),
  error: z.string().optional(),
  savedAt: z.number().optional(),
  /** The pid of the process that queued it: another process leaves it alone while its lease runs. */
  owner: z.number().optional(),
  /**
   * Until when (ms since the epoch) the owner's claim holds; the owner renews it while it works.
   * A pid alone cannot tell a crashed owner from a new process that was given the same pid.
   */
  leaseUntil: z.number().optional(),
});
export type DownloadRecord = z.infer<typeof downloadRecordSchema>;

export const trackedJobSchema = z.object({
  jobid: jobidSchema,
  addedAt: z.number(),
  /** Which API the job comes from (`jobid` is its id there). */
  source: z.enum(JOB_SOURCES),
  state: z.enum(TRACKED_STATES),
  /** The job as the API last described it, in the app's own model; none before the first answer. */
  job: storedJobSchema.optional(),
  lastCheckedAt: z.number().optional(),
  lastError: z.string().optional(),
  /** With `lastError` after a failed poll: when the job is asked again (engine time, ms). */
  retryAt: z.number().optional(),
  finishedAt: z.number().optional(),
  /** Set, and written to disk, before job-finished is emitted: never announced twice. */
  finishAnnounced: z.boolean().default(false),
  /** Notifications already shown for this job (`finished`, `saved:<key>`): each appears once, ever. */
  notified: z.array(z.string()).default([]),
  /** Per attachment (its id, or `#index`): what has been saved where. */
  downloads: safeRecord(downloadRecordSchema).optional(),
  /** When this process or another last changed the record: the newer one wins a merge. */
  changedAt: z.number().optional(),
});
export type TrackedJob = z.infer<typeof trackedJobSchema>;

export const CURRENT_SCHEMA_VERSION = 3;

export const jobDocumentSchema = z.object({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  jobs: safeRecord(trackedJobSchema),
  /** Jobs the user removed, so auto-discovery does not bring them back; value: when. */
  dismissed: safeRecord(z.number()).default(dictionary([])),
});
export type JobDocument = z.infer<typeof jobDocumentSchema>;

export const emptyDocument = (): JobDocument => ({
  schemaVersion: CURRENT_SCHEMA_VERSION,
  jobs: dictionary([]),
  dismissed: dictionary([]),
});

type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;

/** Each entry lifts a document from its key's version to the next. */
const MIGRATIONS: Record<number, Migration> = {
  // Version 1 kept jobs as an array and had no list of dismissed jobs.
  1: (doc) => {
    const list = Array.isArray(doc.jobs) ? (doc.jobs as { jobid?: unknown }[]) : [];
    const jobs = dictionary(list.map((job) => [String(job.jobid), job]));
    return { ...doc, schemaVersion: 2, jobs, dismissed: dictionary([]) };
  },
  // Version 2 kept the raw v1 answer (`snapshot`); 3 keeps the normalised job, with its source.
  2: (doc) => {
    const records = typeof doc.jobs === 'object' && doc.jobs !== null ? Object.entries(doc.jobs) : [];
    const jobs = dictionary(records.map(([jobid, record]) => [jobid, v1RecordToV3(jobid, record)]));
    return { ...doc, schemaVersion: 3, jobs };
  },
};

function v1RecordToV3(jobid: string, record: unknown): unknown {
  if (typeof record !== 'object' || record === null) return record;
  const { snapshot, ...rest } = record as Record<string, unknown>;
  if (snapshot === undefined) return { ...rest, source: 'v1' };
  // An answer that is not valid v1 stays as it was, so the document fails validation like before.
  return { ...rest, source: 'v1', job: fromStoredV1Answer(snapshot, jobid) ?? snapshot };
}

export class NewerStoreError extends Error {}

/** Brings any known older document up to the current version; refuses newer ones untouched. */
export function migrateDocument(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  let doc = raw as Record<string, unknown>;
  let version = typeof doc.schemaVersion === 'number' ? doc.schemaVersion : 1;
  if (version > CURRENT_SCHEMA_VERSION) {
    throw new NewerStoreError(
      `The job store was written by a newer PixVerse Tray (format ${version}); update the app to read it.`,
    );
  }
  while (version < CURRENT_SCHEMA_VERSION) {
    const migrate = MIGRATIONS[version];
    if (!migrate) break;
    doc = migrate(doc);
    version = doc.schemaVersion as number;
  }
  return doc;
}
