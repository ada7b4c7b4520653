import fs from 'node:fs';
import path from 'node:path';
import { Database } from '../../../main/core/store/sqlite-driver.js';
import { describe, expect, it } from 'vitest';
import { databasePath } from '../../../main/core/store/database.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { tempDir } from '../../helpers/temp.js';
import { testStore } from '../../helpers/test-store.js';

/**
 * `jobs.db` as the last build before PixVerse API v2 wrote it (commit 47773eb, importing the schema-2
 * `jobs.json` fixture: a v1 job in every state), and that build's own reading of it.
 */
const FIXTURE = new URL('../../fixtures/db-before-v2/', import.meta.url);
const expected = JSON.parse(fs.readFileSync(new URL('expected.json', FIXTURE), 'utf8')) as {
  jobid: string;
}[];

function copyFixture(): string {
  const dir = tempDir('db-before-v2');
  fs.copyFileSync(new URL('jobs.db', FIXTURE), path.join(dir, 'jobs.db'));
  return dir;
}

/** Every row of every table, read through a connection of its own. */
function rows(dir: string): Record<string, unknown[]> {
  const db = new Database(databasePath(dir), { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all() as string[];
    const rowsOf = (table: string) =>
      db
        .prepare(`SELECT * FROM "${table}"`)
        .all()
        .map((row) => JSON.stringify(row))
        .sort();
    return Object.fromEntries(tables.map((table) => [table, rowsOf(table)]));
  } finally {
    db.close();
  }
}

describe('a database written before v2 support', () => {
  it('reads every v1 job exactly as the previous build did, and writes nothing on open', () => {
    const dir = copyFixture();
    const before = rows(dir);
    expect(before.jobs).toHaveLength(11);
    const { store } = testStore(new FakeClock(Date.UTC(2026, 10, 20, 12)), dir);
    const all = store.all().sort((a, b) => a.jobid.localeCompare(b.jobid));
    expect(all).toEqual(expected);
    expect(new Set(all.map((job) => job.source))).toEqual(new Set(['v1']));
    store.flush();
    store.close();
    expect(rows(dir)).toEqual(before);
  });

  it('keeps the v1 jobs untouched when a v2 video is tracked beside them', () => {
    const dir = copyFixture();
    const before = rows(dir);
    const { store } = testStore(new FakeClock(Date.UTC(2026, 10, 20, 12)), dir);
    const v2 = 'user:1-pixverse:someone@example.com-video:998877';
    expect(store.add(v2, 'v2').added).toBe(true);
    store.flush();
    store.close();
    const after = rows(dir);
    const v1Rows = (table: Record<string, unknown[]>) =>
      (table.jobs as string[]).filter((row) => !row.includes(v2));
    expect(v1Rows(after)).toEqual(v1Rows(before));
    expect(after.jobs).toHaveLength(12);
    for (const table of ['downloads', 'notifications', 'dismissed'])
      expect(after[table]).toEqual(before[table]);
  });
});
