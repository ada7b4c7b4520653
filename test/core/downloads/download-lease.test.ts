import { Database } from '../../../main/core/store/sqlite-driver.js';
import { describe, expect, it } from 'vitest';
import { databasePath } from '../../../main/core/store/database.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { tempDir } from '../../helpers/temp.js';
import { jobsOnDisk, testStore } from '../../helpers/test-store.js';

const LEASE_MS = 30_000;

/** The revision of a job's own row and of its download rows, read as another process would. */
function rowRevisions(dir: string, jobid: string): { job: number; downloads: number[] } {
  const db = new Database(databasePath(dir), { readonly: true });
  try {
    const job = db.prepare('SELECT revision FROM jobs WHERE jobid = ?').pluck().get(jobid) as number;
    const downloads = db
      .prepare('SELECT revision FROM downloads WHERE jobid = ?')
      .pluck()
      .all(jobid) as number[];
    return { job, downloads };
  } finally {
    db.close();
  }
}

/** Two stores on one folder stand for two processes; `other` writes as if it were another live pid. */
function pair(clock = new FakeClock()) {
  const dir = tempDir('lease');
  return { dir, a: testStore(clock, dir).store, b: testStore(clock, dir).store, clock };
}

describe('a download claim is a lease', () => {
  it('records the claiming pid and a lease that ends leaseMs from now', () => {
    const { dir, a, clock } = pair();
    a.add('j');
    expect(a.claimDownload('j', 'v', LEASE_MS)).toBe(true);
    expect(jobsOnDisk(dir).j!.downloads!.v).toMatchObject({
      state: 'pending',
      owner: process.pid,
      leaseUntil: clock.now() + LEASE_MS,
    });
  });

  it('is respected while current even though the owner is alive, and taken over once it lapsed', async () => {
    const { a, b, clock } = pair();
    a.add('j');
    // A live process that is not this one (the test runner's parent), holding a lease of 30 s.
    const held = {
      state: 'downloading' as const,
      bytes: 5,
      owner: process.ppid,
      leaseUntil: clock.now() + LEASE_MS,
    };
    b.update('j', { downloads: { v: held } });
    expect(a.claimDownload('j', 'v', LEASE_MS)).toBe(false);
    await clock.advance(LEASE_MS - 1);
    expect(a.claimDownload('j', 'v', LEASE_MS)).toBe(false);
    await clock.advance(1);
    expect(a.claimDownload('j', 'v', LEASE_MS)).toBe(true); // the pid lives on, the lease does not
    expect(a.get('j')!.downloads!.v).toMatchObject({
      owner: process.pid,
      bytes: 5,
      leaseUntil: clock.now() + LEASE_MS,
    });
  });

  it('a pid reused after a reboot (pid 1, alive) with a lapsed lease does not block the video', () => {
    const { a, b, clock } = pair();
    a.add('j');
    b.update('j', {
      downloads: { v: { state: 'downloading', bytes: 7, owner: 1, leaseUntil: clock.now() - 1 } },
    });
    expect(a.claimDownload('j', 'v', LEASE_MS)).toBe(true);
  });

  it('is renewed by its owner only: a renewal keeps another process out for another lease', async () => {
    const { dir, a, b, clock } = pair();
    a.add('j');
    expect(a.claimDownload('j', 'v', LEASE_MS)).toBe(true);
    await clock.advance(LEASE_MS - 1000);
    const before = rowRevisions(dir, 'j');
    expect(a.renewLease('j', 'v', LEASE_MS)).toBe(true);
    // A renewal rewrites the download's row only: the job's own row stays as it was.
    const after = rowRevisions(dir, 'j');
    expect(after.job).toBe(before.job);
    expect(after.downloads[0]).toBeGreaterThan(before.downloads[0]!);
    expect(b.get('j')!.downloads!.v!.leaseUntil).toBe(clock.now() + LEASE_MS);
    // Another owner took it over: this process's renewal neither succeeds nor touches it.
    b.update('j', {
      downloads: { v: { state: 'downloading', bytes: 1, owner: process.ppid, leaseUntil: clock.now() + 5 } },
    });
    expect(a.renewLease('j', 'v', LEASE_MS)).toBe(false);
    expect(b.get('j')!.downloads!.v).toMatchObject({ owner: process.ppid, leaseUntil: clock.now() + 5 });
  });

  it('tells who holds a download: this process, another with a current lease, or nobody', async () => {
    const { a, b, clock } = pair();
    a.add('j');
    expect(a.downloadHeldElsewhere('j', 'v')).toBe(false);
    b.update('j', {
      downloads: { v: { state: 'downloading', bytes: 0, owner: process.ppid, leaseUntil: clock.now() + 10 } },
    });
    expect(a.downloadHeldElsewhere('j', 'v')).toBe(true);
    await clock.advance(10);
    expect(a.downloadHeldElsewhere('j', 'v')).toBe(false);
  });
});
