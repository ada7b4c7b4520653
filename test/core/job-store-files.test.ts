import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupPath } from '../../main/core/files/durable-file.js';
import { jsonFileWriter, loadDocument, storeFilePath } from '../../main/core/store/job-store-file.js';
import { JobStore } from '../../main/core/store/job-store.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { fillDisk, setReadOnly, smallDisk } from '../helpers/small-disk.js';
import { tempDir } from '../helpers/temp.js';

type WriteSync = (fd: number, buffer: Uint8Array, offset: number, length: number) => number;

function open(dir: string, writeSync?: WriteSync) {
  const clock = new FakeClock();
  const errors: Error[] = [];
  const { doc, recovered } = loadDocument(storeFilePath(dir), clock.now);
  const writer = jsonFileWriter(dir, { write: { writeSync } });
  const store = new JobStore(doc, writer, clock, (error) => errors.push(error));
  return { store, recovered, errors, file: storeFilePath(dir) };
}

const jobids = (file: string) => Object.keys(JSON.parse(fs.readFileSync(file, 'utf8')).jobs).sort();

describe('jobs file writes (a full disk must lose nothing)', () => {
  it('writes every byte through a writer that takes a few bytes at a time', () => {
    const dir = tempDir('store');
    const { store, file } = open(dir, (fd, buffer, offset, length) =>
      fs.writeSync(fd, buffer, offset, Math.min(length, 7)),
    );
    store.add('a');
    store.add('b');
    store.flush();
    expect(jobids(file)).toEqual(['a', 'b']);
  });

  it('keeps the previous file and every job in memory when a write stops short, reports it once, retries', () => {
    const dir = tempDir('store');
    let spaceLeft = Infinity;
    const { store, errors, file } = open(dir, (fd, buffer, offset, length) => {
      const n = Math.min(length, spaceLeft);
      spaceLeft -= n;
      return n === 0 ? 0 : fs.writeSync(fd, buffer, offset, n);
    });
    store.add('kept-1');
    store.add('kept-2');
    store.flush();
    const good = fs.readFileSync(file, 'utf8');

    spaceLeft = 40; // the disk fills up in the middle of the next write
    store.add('new-3');
    store.flush();
    store.update('new-3', { state: 'completed' });
    store.flush();
    expect(fs.readFileSync(file, 'utf8')).toBe(good);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/Cannot save the job store .*jobs\.json: ENOSPC: short write/),
    ]);
    expect(store.all().map((j) => j.jobid)).toEqual(['kept-1', 'kept-2', 'new-3']);
    // Reopening now finds the last good file, not an empty store.
    expect(Object.keys(loadDocument(file).doc.jobs)).toEqual(['kept-1', 'kept-2']);

    spaceLeft = Infinity;
    store.flush();
    expect(jobids(file)).toEqual(['kept-1', 'kept-2', 'new-3']);
    expect(jobids(backupPath(file))).toEqual(['kept-1', 'kept-2']);
  });

  it('restores the previous good copy when the jobs file is damaged, and says so', () => {
    const dir = tempDir('store');
    const first = open(dir);
    first.store.add('a');
    first.store.flush();
    first.store.add('b');
    first.store.flush(); // jobs.json.bak now holds [a]
    const file = storeFilePath(dir);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').slice(0, 30)); // as a short write left it

    const { store, recovered } = open(dir);
    expect(recovered).toMatchObject({
      reason: expect.stringMatching(/not valid JSON/),
      movedTo: expect.stringMatching(/jobs\.corrupt-.*\.json$/),
      restoredFrom: backupPath(file),
    });
    expect(store.all().map((j) => j.jobid)).toEqual(['a']);
    store.flush({ evenIfUnchanged: true }); // what open() restored, written back
    expect(jobids(file)).toEqual(['a']);
  });

  it('starts from the backup when the jobs file is missing but a good copy exists', () => {
    const dir = tempDir('store');
    const first = open(dir);
    first.store.add('a');
    first.store.flush();
    first.store.flush({ evenIfUnchanged: true }); // jobs.json.bak now holds [a] too
    fs.rmSync(storeFilePath(dir));
    const { store, recovered } = open(dir);
    expect(recovered?.restoredFrom).toBe(backupPath(storeFilePath(dir)));
    expect(store.get('a')).toBeDefined();
  });

  it('on a real full disk keeps the old file, reports once, and saves everything once space is back', (ctx) => {
    const disk = smallDisk(256);
    if (!disk) return ctx.skip();
    const { store, errors, file } = open(disk);
    for (let i = 0; i < 20; i++) store.add(`job-${i}`);
    store.flush();
    const good = fs.readFileSync(file, 'utf8');
    const filler = fillDisk(disk);

    for (let i = 20; i < 200; i++) store.add(`job-${i}`);
    store.flush();
    store.flush();
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/ENOSPC/);
    expect(fs.readFileSync(file, 'utf8')).toBe(good);
    expect(loadDocument(file).recovered).toBeUndefined();
    expect(store.all()).toHaveLength(200);

    fs.rmSync(filler);
    store.flush();
    expect(jobids(file)).toHaveLength(200);
    expect(loadDocument(file).doc.jobs['job-199']).toBeDefined();
  });

  it('on a read-only disk keeps the old file and the jobs in memory, and writes once it is writable', (ctx) => {
    const disk = smallDisk(256);
    if (!disk) return ctx.skip();
    const { store, errors, file } = open(disk);
    store.add('a');
    store.flush();
    setReadOnly(disk, true);
    store.add('b');
    store.flush();
    expect(errors[0]?.message).toMatch(/EROFS/);
    expect(jobids(file)).toEqual(['a']);
    setReadOnly(disk, false);
    store.flush();
    expect(jobids(file)).toEqual(['a', 'b']);
  });
});

describe('jobids that are also property names', () => {
  const HOSTILE = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];

  it('tracks them as ordinary jobs, in memory and on disk', () => {
    const dir = tempDir('store');
    const { store, file } = open(dir);
    for (const jobid of HOSTILE) expect(store.add(jobid).added).toBe(true);
    expect(store.all().map((j) => j.jobid)).toEqual(HOSTILE);
    for (const jobid of HOSTILE) expect(store.get(jobid)?.jobid).toBe(jobid);
    expect(store.get('valueOf')).toBeUndefined();
    store.flush();
    expect(jobids(file)).toEqual([...HOSTILE].sort());
    const again = open(dir).store;
    expect(again.all().map((j) => j.jobid)).toEqual(HOSTILE);
    expect(again.remove('__proto__')).toBe(true);
    expect(again.isDismissed('__proto__')).toBe(true);
    expect(again.isDismissed('constructor')).toBe(false);
  });

  it('reads a jobs file whose keys are __proto__ and constructor without touching any prototype', () => {
    const dir = tempDir('store');
    const job = (jobid: string) => ({
      jobid,
      addedAt: 1,
      state: 'active',
      finishAnnounced: false,
      notified: [],
    });
    const text = `{"schemaVersion":2,"jobs":{"__proto__":${JSON.stringify({
      ...job('__proto__'),
      downloads: JSON.parse('{"__proto__":{"state":"saved","bytes":5}}'),
    })},"constructor":${JSON.stringify(job('constructor'))}},"dismissed":{"toString":5,"polluted":1}}`;
    fs.writeFileSync(path.join(dir, 'jobs.json'), text);
    const { store, recovered } = open(dir);
    expect(recovered).toBeUndefined();
    expect(store.all().map((j) => j.jobid)).toEqual(['__proto__', 'constructor']);
    expect(Object.keys(store.get('__proto__')!.downloads!)).toEqual(['__proto__']);
    expect(store.get('__proto__')!.downloads!['__proto__']).toMatchObject({ state: 'saved' });
    expect(store.isDismissed('polluted')).toBe(true);
    expect(({} as Record<string, unknown>).state).toBeUndefined();
    store.flush();
    expect(jobids(storeFilePath(dir))).toEqual(['__proto__', 'constructor']);
  });
});
