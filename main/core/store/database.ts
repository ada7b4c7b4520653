import fs from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { Database } from './sqlite-driver.js';
import { makeFolderSync } from '../files/make-folder.js';
import { renameIfPresent } from '../files/durable-file.js';
import { withDefaults } from '../with-defaults.js';
import { migrate, NewerDatabaseError, refuseNewer } from './migrations.js';

export interface DatabaseOptions {
  now: () => number;
  /** How long a write waits for another process's transaction before it fails with SQLITE_BUSY. */
  busyTimeoutMs: number;
}
const DATABASE_DEFAULTS: DatabaseOptions = { now: Date.now, busyTimeoutMs: 5000 };
const SIDE_FILES = ['', '-wal', '-shm', '-journal'];

export const databasePath = (dir: string): string => path.join(dir, 'jobs.db');

/** SQLite's answers for a file that is not a database, or one whose pages are damaged. */
const isDamaged = (error: unknown): boolean =>
  ['SQLITE_NOTADB', 'SQLITE_CORRUPT'].includes((error as { code?: string }).code ?? '');

export interface OpenedDatabase {
  db: BetterSqlite3.Database;
  /** Set when the file was not a database, or a damaged one, and was moved aside. */
  movedAside?: { movedTo: string; reason: string };
}

/**
 * Opens (creating when needed) the jobs database shared by the app and the CLI: WAL so readers never
 * wait for the writer, a busy timeout so two processes take turns, owner-only files. `check` runs
 * once the schema is current (the first full read): a damaged file is moved aside with its journal
 * as `jobs.db.corrupt-<time>` and a new database takes its place — reported, never silently.
 */
export function openDatabase<T>(
  file: string,
  check: (db: BetterSqlite3.Database) => T,
  options: Partial<DatabaseOptions> = {},
): OpenedDatabase & { checked: T } {
  const { now, busyTimeoutMs } = withDefaults(DATABASE_DEFAULTS, options);
  makeFolderSync(path.dirname(file), 0o700);
  for (let round = 1; ; round++) {
    const found = identity(file);
    try {
      const db = connect(file, busyTimeoutMs);
      try {
        return { db, checked: check(db) };
      } catch (error) {
        db.close();
        throw error;
      }
    } catch (error) {
      if (error instanceof NewerDatabaseError) throw error;
      if (!isDamaged(error))
        throw new Error(`Cannot open the job database ${file}: ${(error as Error).message}`, {
          cause: error,
        });
      // Another process found the same damage and put a new database in its place meanwhile: use it.
      if (round < 3 && identity(file) !== found) continue;
      const movedTo = freeName(`${file}.corrupt-${new Date(now()).toISOString().replace(/[:.]/g, '-')}`);
      for (const suffix of SIDE_FILES) renameIfPresent(`${file}${suffix}`, `${movedTo}${suffix}`);
      const db = connect(file, busyTimeoutMs);
      return { db, checked: check(db), movedAside: { movedTo, reason: (error as Error).message } };
    }
  }
}

/** Which file a path names now (device and inode), or '' when none. */
function identity(file: string): string {
  try {
    const { dev, ino } = fs.statSync(file);
    return `${dev}:${ino}`;
  } catch {
    return '';
  }
}

/** `base`, else `base-2`, `base-3`…: a name no file (nor its journal) has, so nothing moved aside is lost. */
function freeName(base: string): string {
  for (let n = 1; ; n++) {
    const name = n === 1 ? base : `${base}-${n}`;
    if (SIDE_FILES.every((suffix) => !fs.existsSync(`${name}${suffix}`))) return name;
  }
}

function connect(file: string, busyTimeoutMs: number): BetterSqlite3.Database {
  // SQLite gives the -wal and -shm files the mode of the database file: create it owner-only first.
  const created = !fs.existsSync(file);
  if (created) fs.closeSync(fs.openSync(file, 'a', 0o600));
  const db = new Database(file, { timeout: busyTimeoutMs });
  try {
    // A database from a newer build is refused before anything of it changes (mode, journal).
    refuseNewer(db);
    if (!created) fs.chmodSync(file, 0o600);
    whenNotBusy(() => db.pragma('journal_mode = WAL'), busyTimeoutMs);
    // NORMAL survives any crash of the process (kill -9); writes whose loss would repeat an
    // announcement switch to FULL for their transaction (see JobStore).
    db.pragma('synchronous = NORMAL');
    migrate(db);
    // Every page read once (a few ms for a month of jobs): damage is found now, and the file moved
    // aside, rather than by whichever list or write first reads the damaged page.
    const verdict = db.pragma('quick_check', { simple: true });
    if (verdict !== 'ok')
      throw Object.assign(new Error('database disk image is malformed'), { code: 'SQLITE_CORRUPT' });
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Runs `step`, again while SQLite answers SQLITE_BUSY, for up to `timeoutMs`. Switching a new file to
 * WAL while another process sets up the same file can answer BUSY at once, without waiting the busy
 * timeout (two `watch` runs starting together on a new home failed so about once in 30).
 */
function whenNotBusy<T>(step: () => T, timeoutMs: number): T {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return step();
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() >= deadline) throw error;
      Atomics.wait(pause, 0, 0, 5 + Math.random() * 10);
    }
  }
}
