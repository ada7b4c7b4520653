import fs from 'node:fs';
import { Database } from '../../../main/core/store/sqlite-driver.js';
import { describe, expect, it } from 'vitest';
import { databasePath } from '../../../main/core/store/database.js';
import { DATABASE_VERSION } from '../../../main/core/store/migrations.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { v1Job } from '../../helpers/v1-jobs.js';
import { tempDir } from '../../helpers/temp.js';
import { jobsOnDisk, testStore } from '../../helpers/test-store.js';

const DAY = 24 * 3600 * 1000;

/** The raw rows, read through a connection of their own. */
function rows(dir: string, sql: string): Record<string, unknown>[] {
  const db = new Database(databasePath(dir), { readonly: true });
  try {
    return db.prepare(sql).all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

describe('JobStore on its database', () => {
  it('round-trips jobs through owner-only files (the database, its -wal and -shm)', () => {
    const { store, dir } = testStore(new FakeClock());
    store.add('a');
    store.update('a', { state: 'completed', job: v1Job('a', { status: 'completed', prompt: 'a cat' }) });
    expect(store.claimFinish('a', {})).toBe(true);
    store.update('a', { notified: ['finished'], downloads: { v: { state: 'saved', bytes: 9, file: '/v' } } });
    for (const suffix of ['', '-wal', '-shm'])
      expect(fs.statSync(`${databasePath(dir)}${suffix}`).mode & 0o777, suffix).toBe(0o600);
    store.close();
    const again = testStore(new FakeClock(), dir).store;
    expect(again.get('a')).toMatchObject({
      state: 'completed',
      finishAnnounced: true,
      notified: ['finished'],
      job: { source: 'v1', id: 'a', state: 'completed', prompt: 'a cat', raw: { status: 'completed' } },
      downloads: { v: { state: 'saved', bytes: 9, file: '/v' } },
    });
    expect(rows(dir, 'PRAGMA user_version')).toEqual([{ user_version: DATABASE_VERSION }]);
  });

  it('writes every change at once, and a download update never rewrites the job row', () => {
    const { store, dir } = testStore(new FakeClock());
    store.add('a');
    store.update('a', { state: 'completed' });
    expect(jobsOnDisk(dir).a).toMatchObject({ state: 'completed' });
    const jobRevision = () => rows(dir, 'SELECT revision FROM jobs')[0]!.revision;
    const before = jobRevision();
    for (let bytes = 1; bytes <= 3; bytes++)
      store.update('a', { downloads: { v: { state: 'downloading', bytes } } });
    expect(jobRevision()).toBe(before);
    expect(rows(dir, 'SELECT key, state FROM downloads')).toEqual([{ key: 'v', state: 'downloading' }]);
    expect(jobsOnDisk(dir).a!.downloads).toEqual({ v: { state: 'downloading', bytes: 3 } });
  });

  it.each([
    ['not a database', (file: string) => fs.writeFileSync(file, 'plain text, not SQLite\n'.repeat(100))],
    [
      'damaged',
      (file: string) =>
        fs.writeFileSync(
          file,
          Buffer.concat([fs.readFileSync(file).subarray(0, 100), Buffer.alloc(8192, 7)]),
        ),
    ],
  ])(
    'moves a file that is %s aside with its journal and reports it, never silently replacing it',
    (_what, damage) => {
      const { store, dir } = testStore(new FakeClock());
      store.add('a');
      store.close();
      damage(databasePath(dir));
      const bad = fs.readFileSync(databasePath(dir));
      const { store: fresh, recovered } = testStore(new FakeClock(), dir);
      expect(recovered?.movedTo).toMatch(/jobs\.db\.corrupt-[\d-TZ]+$/);
      expect(recovered?.reason).toMatch(/not a database|malformed/);
      expect(fs.readFileSync(recovered!.movedTo!).equals(bad)).toBe(true);
      expect(fresh.all()).toEqual([]);
    },
  );

  it('refuses a database from a newer version and leaves it untouched: bytes, journal mode, permissions', () => {
    const dir = tempDir('store');
    testStore(new FakeClock(), dir).store.close();
    const db = new Database(databasePath(dir));
    db.pragma('journal_mode = DELETE'); // a newer build may keep another journal mode
    db.pragma('user_version = 99');
    db.close();
    fs.chmodSync(databasePath(dir), 0o640);
    const bytes = fs.readFileSync(databasePath(dir));
    expect(() => testStore(new FakeClock(), dir)).toThrow(/newer PixVerse Tray/);
    expect(fs.readFileSync(databasePath(dir)).equals(bytes)).toBe(true);
    expect(fs.statSync(databasePath(dir)).mode & 0o777).toBe(0o640);
    expect(fs.readdirSync(dir)).toEqual(['jobs.db']);
  });

  it('moves aside a database whose later pages are damaged, found at open rather than at the first list', () => {
    const { store, dir } = testStore(new FakeClock());
    for (let i = 0; i < 300; i++) {
      store.add(`job-${i}`);
      store.update(`job-${i}`, {
        job: v1Job(`job-${i}`, { prompt: `A prompt long enough to fill pages ${'x'.repeat(300)} ${i}` }),
      });
    }
    store.close();
    const file = databasePath(dir);
    const db = new Database(file);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = fs.readFileSync(file);
    expect(bytes.length).toBeGreaterThan(40 * 4096);
    bytes.fill(7, 20 * 4096, 24 * 4096); // four pages in the middle: the header and the schema are fine
    fs.writeFileSync(file, bytes);
    const { store: fresh, recovered } = testStore(new FakeClock(), dir);
    expect(recovered?.movedTo).toMatch(/jobs\.db\.corrupt-[\d-TZ]+$/);
    expect(recovered?.reason).toMatch(/malformed|corrupt|damaged/);
    expect(fresh.all()).toEqual([]);
  });

  it('moves a damaged file aside under a name of its own, never over an earlier one moved aside', () => {
    const clock = new FakeClock();
    const dir = tempDir('store');
    const moved: string[] = [];
    for (let round = 0; round < 2; round++) {
      fs.writeFileSync(databasePath(dir), `not a database, round ${round}`.padEnd(4096, '!'));
      const { store, recovered } = testStore(clock, dir); // the same clock time both rounds
      store.close();
      moved.push(recovered!.movedTo!);
    }
    expect(new Set(moved).size).toBe(2);
    expect(fs.readFileSync(moved[0]!, 'utf8')).toMatch(/^not a database, round 0/);
    expect(fs.readFileSync(moved[1]!, 'utf8')).toMatch(/^not a database, round 1/);
  });

  it('prunes jobs created and tracked more than 31 days ago, here and on disk', async () => {
    const clock = new FakeClock();
    const { store, dir } = testStore(clock);
    store.add('old');
    store.update('old', { job: v1Job('old', { created: new Date(clock.now() - 1 * DAY).toISOString() }) });
    await clock.advance(32 * DAY);
    // Made 40 days ago but tracked only now: kept (forgotten at once, the next watch would save it again).
    store.add('made-long-ago');
    store.update('made-long-ago', {
      job: v1Job('made-long-ago', { created: new Date(clock.now() - 40 * DAY).toISOString() }),
    });
    store.add('recent');
    store.update('recent', {
      job: v1Job('recent', { created: new Date(clock.now() - 30 * DAY).toISOString() }),
    });
    expect(store.prune().map((job) => job.jobid)).toEqual(['old']);
    expect(store.all().map((j) => j.jobid)).toEqual(['made-long-ago', 'recent']);
    expect(Object.keys(jobsOnDisk(dir)).sort()).toEqual(['made-long-ago', 'recent']);
  });

  it('reports a database busy past its timeout, keeps the change, and writes it with the next write', () => {
    const errors: Error[] = [];
    const dir = tempDir('store');
    const { store } = testStore(new FakeClock(), dir, (e) => errors.push(e), 50);
    const other = new Database(databasePath(dir));
    other.exec('BEGIN IMMEDIATE');
    store.add('a');
    store.update('a', { state: 'completed' });
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/Cannot save the job store .*jobs\.db: database is locked/),
    ]);
    expect(store.get('a')).toMatchObject({ state: 'completed' });
    other.exec('COMMIT');
    other.close();
    store.flush();
    expect(jobsOnDisk(dir).a).toMatchObject({ state: 'completed' });
  });
});

describe('queryJobs: one page by filter and search', () => {
  function filled() {
    let now = Date.UTC(2026, 10, 24);
    const { store } = testStore({ ...new FakeClock(), now: () => now });
    const states = ['active', 'completed', 'failed', 'moderated', 'completed'] as const;
    for (let i = 0; i < 50; i++) {
      const jobid = `job-${String(i).padStart(2, '0')}`;
      store.add(jobid);
      store.update(jobid, {
        state: states[i % 5]!,
        job: v1Job(jobid, { prompt: i % 10 === 0 ? 'A Red Fox' : 'a cat' }),
      });
      now += 1000;
    }
    store.update('job-04', { downloads: { v: { state: 'failed', bytes: 0, error: 'gone' } } });
    return store;
  }

  it.each([
    ['all', '', 50],
    ['active', '', 10],
    ['finished', '', 40],
    ['problems', '', 21], // failed and moderated (20), and a completed job whose download failed
    ['all', 'red fox', 5],
    ['active', 'RED', 5],
    ['all', 'job-4', 10],
  ] as const)('%s matching "%s": %i jobs', (filter, search, total) => {
    expect(filled().query({ filter, search, offset: 0, limit: 1000 }).total).toBe(total);
  });

  it('counts every filter in one query, for a search too; a job the user cancelled is no problem', () => {
    const store = filled();
    store.update('job-00', { state: 'cancelled' });
    expect(store.count('')).toEqual({ all: 50, active: 9, finished: 41, problems: 21 });
    expect(store.query({ filter: 'problems', search: '', offset: 0, limit: 100 }).total).toBe(21);
    expect(store.count('red fox')).toEqual({ all: 5, active: 4, finished: 1, problems: 0 });
    expect(store.count('no such job')).toEqual({ all: 0, active: 0, finished: 0, problems: 0 });
  });

  it('pages newest first and reads only the page', () => {
    const store = filled();
    const page = store.query({ filter: 'all', search: '', offset: 10, limit: 5 });
    expect(page.total).toBe(50);
    expect(page.rows.map((j) => j.jobid)).toEqual(['job-39', 'job-38', 'job-37', 'job-36', 'job-35']);
  });
});
