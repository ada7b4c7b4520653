import fs from 'node:fs';
import path from 'node:path';
import { Database } from '../../../main/core/store/sqlite-driver.js';
import { describe, expect, it } from 'vitest';
import { databasePath } from '../../../main/core/store/database.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { tempDir } from '../../helpers/temp.js';
import { testStore } from '../../helpers/test-store.js';

/** A claim as the build before leases left it: a pid (alive: the test runner's parent), no lease. */
const legacyClaim = { state: 'downloading' as const, bytes: 5, owner: process.ppid };

describe('claims written before leases', () => {
  it('a database of schema 1 with a claim held by a live pid: the claim counts as lapsed once migrated', () => {
    const dir = tempDir('lease-migrate');
    const first = testStore(new FakeClock(), dir).store;
    first.add('j');
    first.update('j', {
      downloads: { v: legacyClaim, done: { state: 'failed', bytes: 0, owner: process.ppid } },
    });
    first.close();
    const db = new Database(databasePath(dir));
    db.pragma('user_version = 1'); // as the build before leases left it
    db.close();

    const { store } = testStore(new FakeClock(), dir);
    expect(store.downloadHeldElsewhere('j', 'v')).toBe(false);
    expect(store.claimDownload('j', 'v')).toBe(true);
    expect(store.get('j')!.downloads!.done).toEqual({ state: 'failed', bytes: 0, owner: process.ppid });
  });

  it('a claim imported from jobs.json counts as lapsed', () => {
    const dir = tempDir('lease-import');
    const job = {
      jobid: 'j',
      addedAt: 1,
      state: 'completed',
      finishAnnounced: true,
      notified: [],
      downloads: { v: legacyClaim },
    };
    fs.writeFileSync(
      path.join(dir, 'jobs.json'),
      JSON.stringify({ schemaVersion: 2, jobs: { j: job }, dismissed: {} }),
    );
    const { store } = testStore(new FakeClock(), dir);
    expect(store.get('j')!.downloads!.v).toMatchObject({ owner: process.ppid, bytes: 5 });
    expect(store.claimDownload('j', 'v')).toBe(true);
  });
});
