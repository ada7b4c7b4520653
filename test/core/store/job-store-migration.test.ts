import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openJobStore } from '../../../main/core/engine.js';
import { storeFilePath } from '../../../main/core/store/job-store-file.js';
import { CURRENT_SCHEMA_VERSION, type TrackedJob } from '../../../main/core/store/job-store-schema.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { tempDir } from '../../helpers/temp.js';

/** Written by the schema-2 build (before #10) from real simulator answers: one job in every state. */
const FIXTURE = new URL('../../fixtures/jobs-schema2.json', import.meta.url);
const schema2 = JSON.parse(fs.readFileSync(FIXTURE, 'utf8'));
/** The one jobid of the fixture that contains `part` (`sim-job:3-`, `404-gone`…). */
const id = (part: string) => Object.keys(schema2.jobs).find((jobid) => jobid.includes(part))!;

function openCopy(text = fs.readFileSync(FIXTURE, 'utf8')) {
  const dir = tempDir('migrate');
  fs.writeFileSync(storeFilePath(dir), text, { mode: 0o600 });
  return { dir, ...openJobStore({ storeDir: dir, clock: new FakeClock(Date.UTC(2026, 10, 25)) }) };
}

describe('jobs.json schema 2 → 3', () => {
  it('turns every raw v1 snapshot into the job model, keeping all the bookkeeping', () => {
    expect(schema2.schemaVersion).toBe(2);
    const { store, recovered, pruned } = openCopy();
    expect(recovered).toBeUndefined();
    expect(pruned).toEqual([]);
    expect(store.all()).toHaveLength(Object.keys(schema2.jobs).length);
    for (const job of store.all()) {
      const before = schema2.jobs[job.jobid];
      expect(job).toMatchObject({ source: 'v1', state: before.state, addedAt: before.addedAt });
      expect(job.notified).toEqual(before.notified);
      expect(job).not.toHaveProperty('snapshot');
      if (before.snapshot)
        expect(job.job).toMatchObject({ source: 'v1', id: job.jobid, raw: before.snapshot });
      else expect(job.job).toBeUndefined();
    }
    const states = (suffix: string) => store.get(id(suffix))!.job?.state;
    expect(['1-', '2-', '3-', '4-', '5-', '6-', '7-'].map((n) => states(`sim-job:${n}`))).toEqual([
      'queued',
      'running',
      'running',
      'completed',
      'failed',
      'moderated',
      'cancelled',
    ]);
    expect(Object.keys(schema2.dismissed)).toHaveLength(1);
    expect(store.isDismissed(Object.keys(schema2.dismissed)[0]!)).toBe(true);
  });

  it('carries progress, preview, results and errors over, and the saved download with them', () => {
    const { store } = openCopy();
    const running = store.get(id('sim-job:3-'))!.job!;
    expect(running.progress).toBe(45);
    expect(running.preview).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/previews\//);
    expect(running.message).not.toMatch(/<@/);

    const completed = store.get(id('sim-job:4-'))!;
    const attachment = schema2.jobs[completed.jobid].snapshot.attachments[0];
    expect(completed.job!.results).toEqual([
      {
        key: attachment.id,
        url: attachment.url,
        altUrl: attachment.proxy_url,
        fileName: attachment.filename,
        contentType: attachment.content_type,
        size: attachment.size,
        width: attachment.width,
        height: attachment.height,
      },
    ]);
    expect(completed.downloads?.[attachment.id]).toMatchObject({ state: 'saved', bytes: 1024 });

    const failed = schema2.jobs[id('sim-job:5-')].snapshot;
    expect(store.get(id('sim-job:5-'))!.job!.error).toEqual({
      message: failed.error,
      details: failed.errorDetails,
    });
    expect(store.get(id('sim-job:6-'))!.job!.error?.message).toMatch(/moderation/);
    expect(store.get(id('404-gone'))!.lastError).toMatch(/404/);
  });

  it('imports the migrated jobs into the database once, and reads them back unchanged', () => {
    const { dir, store } = openCopy();
    expect(CURRENT_SCHEMA_VERSION).toBe(3);
    expect(fs.existsSync(storeFilePath(dir))).toBe(false);
    expect(fs.existsSync(`${storeFilePath(dir)}.migrated`)).toBe(true);
    const before = store.all();
    store.close();
    const again = openJobStore({ storeDir: dir, clock: new FakeClock(Date.UTC(2026, 10, 25)) }).store;
    const byId = (jobs: TrackedJob[]) => Object.fromEntries(jobs.map((j) => [j.jobid, j]));
    expect(byId(again.all())).toEqual(byId(before));
    expect(again.all().some((job) => 'snapshot' in job)).toBe(false);
  });

  it('still moves a schema-2 file aside when a snapshot is not a v1 answer at all', () => {
    const broken = structuredClone(schema2);
    broken.jobs[id('sim-job:4-')].snapshot.status = 5;
    const { dir, store, recovered } = openCopy(JSON.stringify(broken));
    expect(recovered?.movedTo).toBeDefined();
    expect(fs.existsSync(recovered!.movedTo!)).toBe(true);
    expect(path.dirname(recovered!.movedTo!)).toBe(dir);
    expect(store.all()).toEqual([]);
  });
});
