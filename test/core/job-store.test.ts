import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { jsonFileWriter, loadDocument, storeFilePath } from '../../main/core/store/job-store-file.js';
import { JobStore } from '../../main/core/store/job-store.js';
import { CURRENT_SCHEMA_VERSION, emptyDocument } from '../../main/core/store/job-store-schema.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { v1Job } from '../helpers/v1-jobs.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pxt-store-'));
  dirs.push(dir);
  return dir;
};

function open(dir: string, clock = new FakeClock()) {
  const { doc, recovered } = loadDocument(storeFilePath(dir), clock.now);
  return { store: new JobStore(doc, jsonFileWriter(dir), clock), recovered, clock };
}

describe('JobStore on disk', () => {
  it('round-trips jobs through a conf file that only its owner can read', () => {
    const dir = tempDir();
    const { store } = open(dir);
    store.add('a');
    store.update('a', {
      state: 'completed',
      job: v1Job('a', { status: 'completed' }),
      finishAnnounced: true,
    });
    store.flush();
    const file = storeFilePath(dir);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const again = open(dir).store;
    expect(again.get('a')).toMatchObject({
      state: 'completed',
      finishAnnounced: true,
      job: { source: 'v1', id: 'a', state: 'completed' },
    });
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
  });

  it('coalesces routine writes but writes durable updates at once', async () => {
    const dir = tempDir();
    const { store, clock } = open(dir);
    store.add('a');
    expect(fs.existsSync(storeFilePath(dir))).toBe(false);
    await clock.advance(300);
    expect(fs.existsSync(storeFilePath(dir))).toBe(true);
    store.update('a', { finishAnnounced: true }, { durable: true });
    expect(JSON.parse(fs.readFileSync(storeFilePath(dir), 'utf8')).jobs.a.finishAnnounced).toBe(true);
  });

  it.each([
    ['not JSON', '{"schemaVersion": 2, "jobs": {'],
    ['invalid', JSON.stringify({ schemaVersion: 2, jobs: { a: { jobid: 'a', state: 'weird' } } })],
  ])('moves a %s file aside and reports it, never silently resetting', (_what, text) => {
    const dir = tempDir();
    fs.writeFileSync(storeFilePath(dir), text);
    const { store, recovered } = open(dir);
    expect(recovered?.movedTo).toMatch(/jobs\.corrupt-.*\.json$/);
    expect(fs.readFileSync(recovered!.movedTo!, 'utf8')).toBe(text);
    expect(store.all()).toEqual([]);
  });

  it('migrates a version 1 document', () => {
    const dir = tempDir();
    const v1 = { schemaVersion: 1, jobs: [{ jobid: 'old', addedAt: 1, state: 'active' }] };
    fs.writeFileSync(storeFilePath(dir), JSON.stringify(v1));
    const { store, recovered } = open(dir);
    expect(recovered).toBeUndefined();
    expect(store.get('old')).toMatchObject({ state: 'active', finishAnnounced: false });
  });

  it('refuses a document from a newer version and leaves it untouched', () => {
    const dir = tempDir();
    const text = JSON.stringify({ schemaVersion: 99, jobs: {} });
    fs.writeFileSync(storeFilePath(dir), text);
    expect(() => open(dir)).toThrow(/newer PixVerse Tray/);
    expect(fs.readFileSync(storeFilePath(dir), 'utf8')).toBe(text);
  });

  it('prunes jobs created more than 31 days ago', () => {
    const clock = new FakeClock();
    const writes: string[] = [];
    const store = new JobStore(
      emptyDocument(),
      { path: 'x', write: (d) => writes.push(JSON.stringify(d)) },
      clock,
    );
    const day = 24 * 3600 * 1000;
    store.add('old');
    store.update('old', { job: v1Job('old', { created: new Date(clock.now() - 32 * day).toISOString() }) });
    store.add('recent');
    store.update('recent', {
      job: v1Job('recent', { created: new Date(clock.now() - 30 * day).toISOString() }),
    });
    expect(store.prune()).toEqual(['old']);
    expect(store.all().map((j) => j.jobid)).toEqual(['recent']);
  });

  it('reports a failed write instead of crashing, and writes again next time', () => {
    const errors: Error[] = [];
    let fail = true;
    const store = new JobStore(
      emptyDocument(),
      {
        path: '/x/jobs.json',
        write: () => {
          if (fail) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        },
      },
      new FakeClock(),
      (e) => errors.push(e),
    );
    store.add('a');
    store.flush();
    expect(errors[0]?.message).toMatch(/Cannot save the job store \/x\/jobs.json: ENOSPC/);
    fail = false;
    store.flush();
    expect(errors).toHaveLength(1);
  });
});
