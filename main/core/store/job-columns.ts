import type { DownloadRecord, TrackedJob } from './job-store-schema.js';

/**
 * The one place that knows which fields of a job record the database indexes. Everything else
 * treats the record as opaque JSON, so the job model can grow without touching the queries.
 */
export interface JobColumns {
  source: string;
  state: string;
  status: string | null;
  created: number | null;
  updated: number | null;
  finished: number | null;
  prompt: string | null;
  addedAt: number;
  /** The normalised record, without what has rows of its own (downloads, notifications, the claim). */
  record: string;
  /** The last answer of the API for the job. */
  raw: string | null;
}

const time = (iso: string | undefined): number | null => {
  const at = Date.parse(iso ?? '');
  return Number.isNaN(at) ? null : at;
};

export function jobColumns(job: TrackedJob): JobColumns {
  const {
    downloads: _downloads,
    notified: _notified,
    finishAnnounced: _announced,
    snapshot,
    ...record
  } = job;
  const source = (job as { source?: unknown }).source;
  return {
    source: typeof source === 'string' ? source : 'v1',
    state: job.state,
    status: snapshot?.status ?? null,
    created: time(snapshot?.created),
    updated: time(snapshot?.updated),
    finished: job.finishedAt ?? null,
    prompt: snapshot?.prompt ?? null,
    addedAt: job.addedAt,
    record: JSON.stringify(record),
    raw: snapshot === undefined ? null : JSON.stringify(snapshot),
  };
}

/** A job record back from its row and the rows of its downloads and notifications. */
export function jobFromColumns(
  row: { record: string; raw: string | null; announced: number },
  downloads: ReadonlyMap<string, DownloadRecord> | undefined,
  notified: readonly string[],
): TrackedJob {
  const job = JSON.parse(row.record) as TrackedJob;
  if (row.raw !== null) job.snapshot = JSON.parse(row.raw) as TrackedJob['snapshot'];
  job.finishAnnounced = row.announced === 1;
  job.notified = [...notified];
  if (downloads && downloads.size > 0) {
    const dict = Object.create(null) as Record<string, DownloadRecord>;
    for (const [key, value] of downloads) dict[key] = value;
    job.downloads = dict;
  }
  return job;
}
