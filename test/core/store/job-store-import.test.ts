import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrateDocument, TRACKED_STATES } from '../../../main/core/store/job-store-schema.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { tempDir } from '../../helpers/temp.js';
import { jobsOnDisk, testStore } from '../../helpers/test-store.js';

/** A jobs.json as the JSON store (schema 2) wrote it: one job in every state, with everything a job can hold. */
function schema2Document() {
  const jobs: Record<string, unknown> = {};
  TRACKED_STATES.forEach((state, i) => {
    const jobid = `user:1-job:${state}`;
    jobs[jobid] = {
      jobid,
      addedAt: 1_790_000_000_000 + i,
      changedAt: 1_790_000_100_000 + i,
      state,
      snapshot: {
        jobid,
        status: state === 'active' ? 'progress' : state,
        created: '2026-11-20T10:00:00.000Z',
        prompt: `prompt ${i} — ünïcode`,
        attachments: [{ id: `att-${i}`, url: `https://cdn.example/${i}.mp4`, size: 1000 + i }],
        futureField: { nested: [1, 2, 3] },
      },
      lastCheckedAt: 1_790_000_200_000,
      ...(state === 'active' ? {} : { finishedAt: 1_790_000_300_000 + i, finishAnnounced: true }),
      ...(state === 'failed' ? { lastError: 'Bearer *** rejected' } : {}),
      notified: state === 'completed' ? ['finished', `saved:att-${i}`] : [],
      ...(state === 'completed'
        ? {
            downloads: {
              [`att-${i}`]: {
                state: 'saved',
                file: '/v/a.mp4',
                bytes: 1001,
                total: 1001,
                etag: '"e"',
                savedAt: 5,
              },
              '#1': { state: 'failed', bytes: 10, error: 'gone', owner: 4242 },
            },
          }
        : {}),
    };
  });
  // A jobid that is a property name stays an ordinary key.
  Object.defineProperty(jobs, '__proto__', {
    value: { jobid: '__proto__', addedAt: 1, state: 'active', finishAnnounced: false, notified: [] },
    enumerable: true,
  });
  return { schemaVersion: 2, jobs, dismissed: { 'user:1-job:removed': 1_790_000_000_500 } };
}

function writeJson(dir: string, doc: unknown): string {
  const file = path.join(dir, 'jobs.json');
  fs.writeFileSync(file, JSON.stringify(doc, undefined, '\t'));
  return file;
}

describe('importing jobs.json (schema 2) into the database', () => {
  it('takes every job in every state losslessly, once, and keeps the file as jobs.json.migrated', () => {
    const dir = tempDir('import');
    const doc = schema2Document();
    const file = writeJson(dir, doc);
    const text = fs.readFileSync(file, 'utf8');
    const { store, recovered } = testStore(new FakeClock(), dir);
    expect(recovered).toBeUndefined();
    // Lossless: each record as the schema migration (2 → 3: the job model, its source) makes it.
    const migrated = migrateDocument(JSON.parse(text)) as { jobs: Record<string, Record<string, unknown>> };
    const expected = migrated.jobs;
    const stored = jobsOnDisk(dir);
    expect(Object.keys(stored).sort()).toEqual(Object.keys(expected).sort());
    expect(Object.keys(stored)).toContain('__proto__');
    for (const [jobid, job] of Object.entries(expected))
      expect({ ...stored[jobid] }, jobid).toEqual({ finishAnnounced: false, notified: [], ...job });
    expect(store.isDismissed('user:1-job:removed')).toBe(true);
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.readFileSync(`${file}.migrated`, 'utf8')).toBe(text);

    // Never read again: a jobs.json that appears later is left alone.
    store.close();
    writeJson(dir, { schemaVersion: 2, jobs: {}, dismissed: {} });
    const again = testStore(new FakeClock(), dir).store;
    expect(again.all()).toHaveLength(Object.keys(expected).length);
  });

  it('takes a damaged jobs.json from its previous good copy, and says so', () => {
    const dir = tempDir('import');
    const good = JSON.stringify(schema2Document());
    fs.writeFileSync(path.join(dir, 'jobs.json.bak'), good);
    fs.writeFileSync(path.join(dir, 'jobs.json'), good.slice(0, 100));
    const { store, recovered } = testStore(new FakeClock(), dir);
    expect(recovered?.restoredFrom).toMatch(/jobs\.json\.bak$/);
    expect(recovered?.movedTo).toMatch(/jobs\.corrupt-.*\.json$/);
    expect(store.all()).toHaveLength(TRACKED_STATES.length + 1);
    expect(fs.existsSync(path.join(dir, 'jobs.json.bak.migrated'))).toBe(true);
  });

  it('refuses a jobs.json from a newer version and leaves it where it is', () => {
    const dir = tempDir('import');
    const file = writeJson(dir, { schemaVersion: 99, jobs: {} });
    expect(() => testStore(new FakeClock(), dir)).toThrow(/newer PixVerse Tray/);
    expect(fs.existsSync(file)).toBe(true);
  });
});
