import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../helpers/fake-clock.js';
import { tempDir } from '../../helpers/temp.js';
import type { JobStore } from '../../../main/core/store/job-store.js';
import { openStoreIn } from '../../../main/core/store/open-store.js';
import { jobsOnDisk, testStore } from '../../helpers/test-store.js';

/** Two stores on one folder stand for two processes (the app and the CLI): two connections. */
function pair(clock = new FakeClock()) {
  const dir = tempDir('share');
  return { dir, a: testStore(clock, dir).store, b: testStore(clock, dir).store, clock };
}

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

describe('one jobs database, several processes', () => {
  it("sees the other's jobs and changes, and keeps the records it holds (same objects)", () => {
    const { dir, a, b } = pair();
    a.add('from-a');
    b.add('from-b');
    const held = a.get('from-a')!;
    b.update('from-a', { state: 'completed' });
    expect(a.get('from-b')).toBeDefined();
    expect(held.state).toBe('completed');
    expect(a.get('from-a')).toBe(held);
    expect(a.refresh()).toEqual([]); // nothing new: a cheap check
    expect(Object.keys(jobsOnDisk(dir)).sort()).toEqual(['from-a', 'from-b']);
  });

  // The window between an update's look at the job and its write: here, where the token is read.
  function racing(between: (other: JobStore) => void) {
    const dir = tempDir('share');
    const clock = new FakeClock();
    let hook = () => {};
    const a = openStoreIn(dir, { clock, getToken: () => (hook(), undefined) }).store;
    const b = testStore(clock, dir).store;
    return { dir, a, b, arm: () => (hook = () => ((hook = () => {}), between(b))) };
  }

  it('an update does not bring back a job another process forgot just before it was written', () => {
    const race = racing((b) => b.remove('j'));
    const { b } = race;
    race.a.add('j');
    race.arm();
    race.a.update('j', { state: 'completed' });
    expect(Object.keys(jobsOnDisk(race.dir))).toEqual([]);
    expect(race.a.get('j')).toBeUndefined();
    expect(b.get('j')).toBeUndefined();
  });

  it("an update keeps another process's change to the same job made just before it was written", () => {
    const race = racing((b) => b.update('j', { lastError: 'from b' }));
    race.a.add('j');
    race.arm();
    race.a.update('j', { state: 'completed' });
    expect(jobsOnDisk(race.dir).j).toMatchObject({ state: 'completed', lastError: 'from b' });
    expect(race.a.get('j')).toMatchObject({ state: 'completed', lastError: 'from b' });
  });

  it('lets exactly one process claim a finished job, and never un-announces it', () => {
    const { a, b } = pair();
    a.add('j');
    b.add('j');
    expect(a.claimFinish('j', { state: 'completed' })).toBe(true);
    expect(b.claimFinish('j', { state: 'completed' })).toBe(false);
    expect(a.claimFinish('j', { state: 'completed' })).toBe(false);
    b.update('j', { lastError: 'later' });
    expect(a.get('j')).toMatchObject({ state: 'completed', finishAnnounced: true, lastError: 'later' });
  });

  it('lets one process claim a download while its owner runs, and another take it over once it died', async () => {
    const { a, b } = pair();
    a.add('j');
    expect(a.claimDownload('j', 'v')).toBe(true);
    expect(b.claimDownload('j', 'v')).toBe(true); // same pid here: the test process owns both
    b.update('j', { downloads: { v: { state: 'downloading', bytes: 5, owner: process.ppid } } });
    expect(a.claimDownload('j', 'v')).toBe(false); // a live process (the runner) holds it
    b.update('j', { downloads: { v: { state: 'downloading', bytes: 5, owner: await deadPid() } } });
    expect(a.claimDownload('j', 'v')).toBe(true);
    b.update('j', { downloads: { v: { state: 'saved', bytes: 9, file: '/v' } } });
    expect(a.claimDownload('j', 'v')).toBe(false);
  });

  it('keeps notifications from both: each shown once, ever', () => {
    const { a, b } = pair();
    a.add('j');
    a.update('j', { notified: ['finished'] }, { durable: true });
    b.update('j', { notified: [...b.get('j')!.notified, 'saved:v'] }, { durable: true });
    expect(a.get('j')!.notified).toEqual(['finished', 'saved:v']);
  });

  it('sees a removal, and the job added again after it', async () => {
    const { a, b, clock } = pair();
    a.add('gone');
    a.add('back');
    await clock.advance(10);
    b.remove('gone');
    b.remove('back');
    expect(a.get('gone')).toBeUndefined();
    expect(a.isDismissed('gone')).toBe(true);
    await clock.advance(10);
    a.add('back');
    expect(b.get('back')).toBeDefined();
    expect(b.isDismissed('back')).toBe(false);
  });
});
