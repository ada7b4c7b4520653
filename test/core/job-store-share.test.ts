import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withFileLock } from '../../main/core/store/file-lock.js';
import { jsonFileWriter, loadDocument, storeFilePath } from '../../main/core/store/job-store-file.js';
import { JobStore } from '../../main/core/store/job-store.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { tempDir } from '../helpers/temp.js';

/** A store as one process opens it; two of them on one folder stand for two processes. */
function open(dir: string, clock = new FakeClock(), lock = {}) {
  const errors: Error[] = [];
  const { doc } = loadDocument(storeFilePath(dir));
  const store = new JobStore(doc, jsonFileWriter(dir, { lock }), clock, (e) => errors.push(e));
  return { store, errors, clock };
}

const onDisk = (dir: string) => loadDocument(storeFilePath(dir)).doc;

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

describe('one jobs file, several processes', () => {
  it('keeps the jobs each process added: every write merges with the file', () => {
    const dir = tempDir('share');
    const a = open(dir);
    const b = open(dir);
    a.store.add('from-a');
    a.store.flush();
    b.store.add('from-b');
    b.store.flush();
    a.store.update('from-a', { state: 'completed' });
    a.store.flush();
    expect(Object.keys(onDisk(dir).jobs).sort()).toEqual(['from-a', 'from-b']);
    expect(a.store.get('from-b')).toBeDefined(); // taken in by a's last write
  });

  it('merges one job record: the newer change wins, flags and saved downloads are kept', async () => {
    const dir = tempDir('share');
    const clock = new FakeClock();
    const a = open(dir, clock);
    a.store.add('j');
    a.store.flush();
    const b = open(dir, clock);
    await clock.advance(1000);
    a.store.update('j', {
      notified: ['finished'],
      downloads: { v: { state: 'saved', bytes: 9, file: '/v' } },
    });
    a.store.flush();
    await clock.advance(1000);
    b.store.update('j', { lastError: 'later', downloads: { v: { state: 'pending', bytes: 0 } } });
    b.store.flush();
    expect(onDisk(dir).jobs.j).toMatchObject({
      lastError: 'later',
      notified: ['finished'],
      downloads: { v: { state: 'saved', file: '/v' } },
    });
  });

  it('lets exactly one process claim a finished job', () => {
    const dir = tempDir('share');
    const a = open(dir);
    a.store.add('j');
    a.store.flush();
    const b = open(dir);
    expect(a.store.claimFinish('j', { state: 'completed' })).toBe(true);
    expect(b.store.claimFinish('j', { state: 'completed' })).toBe(false);
    expect(a.store.claimFinish('j', { state: 'completed' })).toBe(false);
    expect(b.store.get('j')).toMatchObject({ state: 'completed', finishAnnounced: true });
  });

  it('keeps a removal, but not over a job added again after it', async () => {
    const dir = tempDir('share');
    const clock = new FakeClock();
    const a = open(dir, clock);
    a.store.add('gone');
    a.store.add('back');
    a.store.flush();
    const b = open(dir, clock);
    await clock.advance(10);
    a.store.remove('gone');
    a.store.remove('back');
    await clock.advance(10);
    b.store.remove('back'); // b still had it: already removed, nothing to do
    b.store.add('back');
    b.store.flush();
    expect(Object.keys(onDisk(dir).jobs)).toEqual(['back']);
    expect(b.store.get('gone')).toBeUndefined();
  });

  it('breaks the lock of a process that died while holding it', async () => {
    const dir = tempDir('share');
    fs.writeFileSync(`${storeFilePath(dir)}.lock`, `${await deadPid()}\n`);
    const { store, errors } = open(dir);
    store.add('a');
    store.flush();
    expect(errors).toEqual([]);
    expect(Object.keys(onDisk(dir).jobs)).toEqual(['a']);
    expect(fs.existsSync(`${storeFilePath(dir)}.lock`)).toBe(false);
  });

  it('waits for a live holder, then reports it by pid and keeps the jobs for the next write', () => {
    const dir = tempDir('share');
    const lock = `${storeFilePath(dir)}.lock`;
    fs.writeFileSync(lock, `${process.ppid}\n`); // a live process that is not this one
    const { store, errors } = open(dir, new FakeClock(), { waitMs: 200 });
    store.add('a');
    store.flush();
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringMatching(new RegExp(`another PixVerse Tray process \\(pid ${process.ppid}\\) has held`)),
    ]);
    fs.rmSync(lock);
    store.flush();
    expect(Object.keys(onDisk(dir).jobs)).toEqual(['a']);
  });

  it('never runs two critical sections at once', () => {
    const dir = tempDir('share');
    const lock = `${dir}/x.lock`;
    expect(() => withFileLock(lock, () => withFileLock(lock, () => 1))).toThrow(/already held/);
    expect(withFileLock(lock, () => 2)).toBe(2);
  });
});
