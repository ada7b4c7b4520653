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

export function jobColumns(tracked: TrackedJob): JobColumns {
  const { downloads: _downloads, notified: _notified, finishAnnounced: _announced, ...record } = tracked;
  const job = tracked.job;
  // The API's last answer has a column of its own; the record keeps the normalised job without it.
  if (job) record.job = { ...job, raw: undefined };
  return {
    source: tracked.source ?? 'v1',
    state: tracked.state,
    status: job?.state ?? null,
    created: time(job?.created),
    updated: time(job?.updated),
    finished: tracked.finishedAt ?? null,
    prompt: job?.prompt ?? null,
    addedAt: tracked.addedAt,
    record: JSON.stringify(record),
    raw: job?.raw === undefined ? null : JSON.stringify(job.raw),
  };
}

/** A job record back from its row and the rows of its downloads and notifications. */
export function jobFromColumns(
  row: { record: string; raw: string | null; announced: number },
  downloads: ReadonlyMap<string, DownloadRecord> | undefined,
  notified: readonly string[],
): TrackedJob {
  const job = JSON.parse(row.record) as TrackedJob;
  if (job.job && row.raw !== null) job.job.raw = JSON.parse(row.raw) as unknown;
  job.finishAnnounced = row.announced === 1;
  job.notified = [...notified];
  if (downloads && downloads.size > 0) {
    const dict = Object.create(null) as Record<string, DownloadRecord>;
    for (const [key, value] of downloads) dict[key] = value;
    job.downloads = dict;
  }
  return job;
}
