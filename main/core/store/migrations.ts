import type Database from 'better-sqlite3';

/**
 * Each step lifts the database from its index to the next `user_version`. Steps are only ever
 * appended: a database opened by an older build keeps working after an update.
 */
const STEPS: readonly string[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
  INSERT INTO meta (key, value) VALUES ('revision', 0);
  CREATE TABLE jobs (
    jobid TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    state TEXT NOT NULL,
    status TEXT,
    created INTEGER,
    updated INTEGER,
    finished INTEGER,
    prompt TEXT,
    added_at INTEGER NOT NULL,
    announced INTEGER NOT NULL DEFAULT 0,
    record TEXT NOT NULL,
    raw TEXT,
    revision INTEGER NOT NULL
  );
  CREATE INDEX jobs_by_added ON jobs (added_at DESC, jobid);
  CREATE INDEX jobs_by_state ON jobs (state, added_at DESC);
  CREATE INDEX jobs_by_revision ON jobs (revision);
  CREATE TABLE downloads (
    jobid TEXT NOT NULL,
    key TEXT NOT NULL,
    state TEXT NOT NULL,
    record TEXT NOT NULL,
    revision INTEGER NOT NULL,
    PRIMARY KEY (jobid, key)
  ) WITHOUT ROWID;
  CREATE INDEX downloads_by_revision ON downloads (revision);
  CREATE INDEX downloads_failed ON downloads (jobid) WHERE state = 'failed';
  CREATE TABLE notifications (
    jobid TEXT NOT NULL,
    kind TEXT NOT NULL,
    at INTEGER NOT NULL,
    revision INTEGER NOT NULL,
    PRIMARY KEY (jobid, kind)
  ) WITHOUT ROWID;
  CREATE INDEX notifications_by_revision ON notifications (revision);
  CREATE TABLE dismissed (jobid TEXT PRIMARY KEY, removed_at INTEGER NOT NULL, revision INTEGER NOT NULL);
  CREATE INDEX dismissed_by_revision ON dismissed (revision);
  `,
  // Claims became leases. A claim written before (a pid, no lease) is lapsed: the build that wrote
  // it cannot open this database any more, and its pid may belong to any process by now.
  `
  UPDATE downloads SET record = json_set(record, '$.leaseUntil', 0)
  WHERE state IN ('pending', 'downloading')
    AND json_extract(record, '$.owner') IS NOT NULL
    AND json_extract(record, '$.leaseUntil') IS NULL;
  `,
];

export const DATABASE_VERSION = STEPS.length;

export class NewerDatabaseError extends Error {}

/** Throws NewerDatabaseError for a database written by a newer build (a read: nothing changes). */
export function refuseNewer(db: Database.Database): number {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > DATABASE_VERSION)
    throw new NewerDatabaseError(
      `The job database was written by a newer PixVerse Tray (schema ${version}); update the app to read it.`,
    );
  return version;
}

/** Brings the schema up to date in one transaction; a database from a newer build is refused untouched. */
export function migrate(db: Database.Database): void {
  const run = db.transaction(() => {
    const version = refuseNewer(db);
    for (let step = version; step < DATABASE_VERSION; step++) db.exec(STEPS[step]!);
    if (version !== DATABASE_VERSION) db.pragma(`user_version = ${DATABASE_VERSION}`);
  });
  run.immediate();
}
