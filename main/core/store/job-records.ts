import type Database from 'better-sqlite3';
import { jobColumns, jobFromColumns } from './job-columns.js';
import type { DownloadRecord, TrackedJob } from './job-store-schema.js';

export type JobFilter = 'all' | 'active' | 'finished' | 'problems';

/** How many jobs each of the window's filters holds. */
export interface JobCounts {
  all: number;
  active: number;
  finished: number;
  problems: number;
}

export interface JobQuery {
  filter: JobFilter;
  /** Matched, case-insensitively, against the jobid and the prompt. */
  search: string;
  offset: number;
  limit: number;
}

interface JobRow {
  jobid: string;
  record: string;
  raw: string | null;
  announced: number;
}

// Not 'cancelled': a job the user cancelled did what was asked (format.ts matchesFilter agrees).
const PROBLEM_STATES = "('failed', 'moderated', 'not-found', 'expired', 'rejected')";
const FILTERS: Record<JobFilter, string> = {
  all: '1',
  active: "state = 'active'",
  finished: "state <> 'active'",
  problems: `(state IN ${PROBLEM_STATES} OR EXISTS (SELECT 1 FROM downloads d WHERE d.jobid = jobs.jobid AND d.state = 'failed'))`,
};
const SEARCH = "(instr(lower(jobid), @needle) > 0 OR instr(lower(coalesce(prompt, '')), @needle) > 0)";

/** The SQL of the jobs database: each statement prepared once per connection. */
export class JobRecords {
  readonly #s;
  readonly #queries = new Map<string, Database.Statement>();

  constructor(readonly db: Database.Database) {
    const p = (sql: string) => db.prepare(sql);
    this.#s = {
      dataVersion: p('PRAGMA data_version').pluck(),
      revision: p("SELECT value FROM meta WHERE key = 'revision'").pluck(),
      nextRevision: p("UPDATE meta SET value = value + 1 WHERE key = 'revision' RETURNING value").pluck(),
      meta: p('SELECT value FROM meta WHERE key = ?').pluck(),
      setMeta: p('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)'),
      allJobs: p('SELECT jobid, record, raw, announced FROM jobs ORDER BY added_at, jobid'),
      allDownloads: p('SELECT jobid, key, record FROM downloads'),
      allNotifications: p('SELECT jobid, kind FROM notifications ORDER BY at, kind'),
      job: p('SELECT jobid, record, raw, announced FROM jobs WHERE jobid = ?'),
      downloadsOf: p('SELECT jobid, key, record FROM downloads WHERE jobid = ?'),
      notificationsOf: p('SELECT jobid, kind FROM notifications WHERE jobid = ? ORDER BY at, kind'),
      // UNION ALL: each part uses its revision index (a UNION merge-scans every table).
      changed: p(`SELECT jobid FROM jobs WHERE revision > @revision
        UNION ALL SELECT jobid FROM downloads WHERE revision > @revision
        UNION ALL SELECT jobid FROM notifications WHERE revision > @revision`).pluck(),
      dismissedSince: p('SELECT jobid, removed_at AS at FROM dismissed WHERE revision > ?'),
      allDismissed: p('SELECT jobid, removed_at AS at FROM dismissed'),
      putJob: p(`INSERT INTO jobs (jobid, source, state, status, created, updated, finished, prompt, added_at,
          announced, record, raw, revision)
        VALUES (@jobid, @source, @state, @status, @created, @updated, @finished, @prompt, @addedAt,
          @announced, @record, @raw, @revision)
        ON CONFLICT (jobid) DO UPDATE SET source = excluded.source, state = excluded.state,
          status = excluded.status, created = excluded.created, updated = excluded.updated,
          finished = excluded.finished, prompt = excluded.prompt, added_at = excluded.added_at,
          announced = max(announced, excluded.announced), record = excluded.record, raw = excluded.raw,
          revision = excluded.revision`),
      putDownload: p(
        `INSERT OR REPLACE INTO downloads (jobid, key, state, record, revision) VALUES (?, ?, ?, ?, ?)`,
      ),
      putNotification: p(
        'INSERT OR IGNORE INTO notifications (jobid, kind, at, revision) VALUES (?, ?, ?, ?)',
      ),
      deleteJob: p('DELETE FROM jobs WHERE jobid = ?'),
      deleteDownloads: p('DELETE FROM downloads WHERE jobid = ?'),
      deleteNotifications: p('DELETE FROM notifications WHERE jobid = ?'),
      dismiss: p('INSERT OR REPLACE INTO dismissed (jobid, removed_at, revision) VALUES (?, ?, ?)'),
      undismiss: p('DELETE FROM dismissed WHERE jobid = ?'),
      forgetDismissed: p('DELETE FROM dismissed WHERE removed_at < ?'),
      active: p("SELECT jobid FROM jobs WHERE state = 'active' ORDER BY added_at").pluck(),
      // A completed job with no saved video, or one with a download not saved yet.
      toDownload: p(`SELECT jobid FROM jobs WHERE state = 'completed' AND (
          NOT EXISTS (SELECT 1 FROM downloads d WHERE d.jobid = jobs.jobid AND d.state = 'saved')
          OR EXISTS (SELECT 1 FROM downloads d WHERE d.jobid = jobs.jobid AND d.state <> 'saved'))
        ORDER BY added_at`).pluck(),
      downloading: p("SELECT count(DISTINCT jobid) FROM downloads WHERE state = 'downloading'").pluck(),
      // Created (or, with no date, added) before the cutoff, and tracked since before it too: a video
      // made long ago and tracked today (v2's live on in the account; a server's clock may be wrong)
      // is kept, or it would be forgotten as soon as saved and saved again by the next watch.
      bornBefore: p('SELECT jobid FROM jobs WHERE coalesce(created, added_at) < ? AND added_at < ?').pluck(),
    };
    // What the window asks first when it opens: prepared now, not while it waits for its rows.
    this.#queryStatements(FILTERS.all);
  }

  /** Changes whenever another connection commits: a cheap test before re-reading anything. */
  dataVersion = (): number => this.#s.dataVersion.get() as number;
  revision = (): number => this.#s.revision.get() as number;
  /** Every write transaction takes a new revision; rows written carry it, so others find them. */
  nextRevision = (): number => this.#s.nextRevision.get() as number;
  meta = (key: string): number | undefined => this.#s.meta.get(key) as number | undefined;
  setMeta = (key: string, value: number): void => void this.#s.setMeta.run(key, value);

  allJobs(): TrackedJob[] {
    const downloads = groupDownloads(this.#s.allDownloads.all() as DownloadRow[]);
    const notified = groupNotifications(this.#s.allNotifications.all() as NotificationRow[]);
    return (this.#s.allJobs.all() as JobRow[]).map((row) =>
      jobFromColumns(row, downloads.get(row.jobid), notified.get(row.jobid) ?? []),
    );
  }

  job(jobid: string): TrackedJob | undefined {
    const row = this.#s.job.get(jobid) as JobRow | undefined;
    if (!row) return undefined;
    const downloads = groupDownloads(this.#s.downloadsOf.all(jobid) as DownloadRow[]).get(jobid);
    const notified = groupNotifications(this.#s.notificationsOf.all(jobid) as NotificationRow[]).get(jobid);
    return jobFromColumns(row, downloads, notified ?? []);
  }

  /** The jobids whose job, download or notification rows were written after `revision`. */
  changedSince = (revision: number): string[] => [...new Set(this.#s.changed.all({ revision }) as string[])];
  dismissedSince = (revision: number): { jobid: string; at: number }[] =>
    this.#s.dismissedSince.all(revision) as { jobid: string; at: number }[];
  allDismissed = (): { jobid: string; at: number }[] =>
    this.#s.allDismissed.all() as { jobid: string; at: number }[];

  activeJobids = (): string[] => this.#s.active.all() as string[];
  jobidsToDownload = (): string[] => this.#s.toDownload.all() as string[];
  countDownloading = (): number => this.#s.downloading.get() as number;
  jobidsBornBefore = (cutoff: number): string[] => this.#s.bornBefore.all(cutoff, cutoff) as string[];

  /** Writes a job's own row; `announced` only ever turns on. */
  putJob(job: TrackedJob, revision: number): void {
    this.#s.putJob.run({
      ...jobColumns(job),
      jobid: job.jobid,
      announced: job.finishAnnounced ? 1 : 0,
      revision,
    });
  }

  putDownload(jobid: string, key: string, record: DownloadRecord, revision: number): void {
    this.#s.putDownload.run(jobid, key, record.state, JSON.stringify(record), revision);
  }

  putNotification(jobid: string, kind: string, at: number, revision: number): void {
    this.#s.putNotification.run(jobid, kind, at, revision);
  }

  deleteJob(jobid: string): void {
    this.#s.deleteJob.run(jobid);
    this.#s.deleteDownloads.run(jobid);
    this.#s.deleteNotifications.run(jobid);
  }

  dismiss = (jobid: string, at: number, revision: number): void =>
    void this.#s.dismiss.run(jobid, at, revision);
  undismiss = (jobid: string): void => void this.#s.undismiss.run(jobid);
  forgetDismissedBefore = (cutoff: number): void => void this.#s.forgetDismissed.run(cutoff);

  /** A query built from a filter: prepared once per shape. */
  #prepared(sql: string): Database.Statement {
    let statement = this.#queries.get(sql);
    if (!statement) this.#queries.set(sql, (statement = this.db.prepare(sql).pluck()));
    return statement;
  }

  /**
   * One page of jobs, newest first, and how many match: the window asks only for what it shows.
   * With `locate`, also where that job stands in this order (-1 when it does not match).
   */
  query(
    { filter, search, offset, limit }: JobQuery,
    locate?: string,
  ): { total: number; jobids: string[]; index?: number } {
    const needle = search.trim().toLowerCase();
    // Only the conditions asked for: an unfiltered count is answered from the smallest index.
    const where = needle ? `${FILTERS[filter]} AND ${SEARCH}` : FILTERS[filter];
    const args = needle ? { needle } : {};
    const { count, page } = this.#queryStatements(where);
    const total = count.get(args) as number;
    const jobids = page.all({ ...args, limit, offset }) as string[];
    return locate === undefined
      ? { total, jobids }
      : { total, jobids, index: this.#indexOf(where, args, locate) };
  }

  /** How many matching jobs come before it in ORDER BY added_at DESC, jobid. */
  #indexOf(where: string, args: object, jobid: string): number {
    const addedAt = this.#prepared(`SELECT added_at FROM jobs WHERE jobid = @jobid AND ${where}`).get({
      ...args,
      jobid,
    });
    if (addedAt === undefined) return -1;
    const before = `(added_at > @addedAt OR (added_at = @addedAt AND jobid < @jobid))`;
    return this.#prepared(`SELECT count(*) FROM jobs WHERE ${where} AND ${before}`).get({
      ...args,
      jobid,
      addedAt,
    }) as number;
  }

  /** How many jobs match `search` under each filter, in one pass over the table. */
  count(search: string): JobCounts {
    const needle = search.trim().toLowerCase();
    const statement = this.#prepared(
      `SELECT json_object('all', count(*), 'active', coalesce(sum(${FILTERS.active}), 0),
        'finished', coalesce(sum(${FILTERS.finished}), 0), 'problems', coalesce(sum(${FILTERS.problems}), 0))
       FROM jobs WHERE ${needle ? SEARCH : FILTERS.all}`,
    );
    return JSON.parse(statement.get(needle ? { needle } : {}) as string) as JobCounts;
  }

  #queryStatements(where: string) {
    return {
      count: this.#prepared(`SELECT count(*) FROM jobs WHERE ${where}`),
      page: this.#prepared(
        `SELECT jobid FROM jobs WHERE ${where} ORDER BY added_at DESC, jobid LIMIT @limit OFFSET @offset`,
      ),
    };
  }
}

interface DownloadRow {
  jobid: string;
  key: string;
  record: string;
}
interface NotificationRow {
  jobid: string;
  kind: string;
}

function groupDownloads(rows: DownloadRow[]): Map<string, Map<string, DownloadRecord>> {
  const byJob = new Map<string, Map<string, DownloadRecord>>();
  for (const { jobid, key, record } of rows) {
    let downloads = byJob.get(jobid);
    if (!downloads) byJob.set(jobid, (downloads = new Map()));
    downloads.set(key, JSON.parse(record) as DownloadRecord);
  }
  return byJob;
}

function groupNotifications(rows: NotificationRow[]): Map<string, string[]> {
  const byJob = new Map<string, string[]>();
  for (const { jobid, kind } of rows) {
    const kinds = byJob.get(jobid);
    if (kinds) kinds.push(kind);
    else byJob.set(jobid, [kind]);
  }
  return byJob;
}
