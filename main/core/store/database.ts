import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { makeFolderSync } from '../files/make-folder.js';
import { migrate } from './migrations.js';

const BUSY_TIMEOUT_MS = 5000;
const SIDE_FILES = ['', '-wal', '-shm', '-journal'];

export const databasePath = (dir: string): string => path.join(dir, 'jobs.db');

/** SQLite's answers for a file that is not a database, or one whose pages are damaged. */
const isDamaged = (error: unknown): boolean =>
  ['SQLITE_NOTADB', 'SQLITE_CORRUPT'].includes((error as { code?: string }).code ?? '');

export interface OpenedDatabase {
  db: Database.Database;
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
  check: (db: Database.Database) => T,
  now: () => number = Date.now,
): OpenedDatabase & { checked: T } {
  makeFolderSync(path.dirname(file), 0o700);
  try {
    const db = connect(file);
    try {
      return { db, checked: check(db) };
    } catch (error) {
      db.close();
      throw error;
    }
  } catch (error) {
    if (!isDamaged(error)) throw error;
    const movedTo = `${file}.corrupt-${new Date(now()).toISOString().replace(/[:.]/g, '-')}`;
    for (const suffix of SIDE_FILES) moveIfPresent(`${file}${suffix}`, `${movedTo}${suffix}`);
    const db = connect(file);
    return { db, checked: check(db), movedAside: { movedTo, reason: (error as Error).message } };
  }
}

function connect(file: string): Database.Database {
  // SQLite gives the -wal and -shm files the mode of the database file: create it owner-only first.
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  fs.chmodSync(file, 0o600);
  const db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  try {
    db.pragma('journal_mode = WAL');
    // NORMAL survives any crash of the process (kill -9); writes whose loss would repeat an
    // announcement switch to FULL for their transaction (see JobStore).
    db.pragma('synchronous = NORMAL');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function moveIfPresent(from: string, to: string): void {
  try {
    fs.renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
