import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../helpers/fake-clock.js';
import { fillDisk, smallDisk } from '../../helpers/small-disk.js';
import { jobsOnDisk, testStore } from '../../helpers/test-store.js';

describe("the jobs database on a full disk (SQLite's journal keeps it whole)", () => {
  it('keeps every change in memory, reports once, and writes them all with the first write once space is back', (ctx) => {
    const disk = smallDisk(1024);
    if (!disk) return ctx.skip();
    const errors: Error[] = [];
    const { store } = testStore(new FakeClock(), disk, (e) => errors.push(e));
    store.add('kept');
    store.update('kept', { state: 'completed' });
    const filler = fillDisk(disk);

    const big = 'x'.repeat(256 * 1024); // more than the journal's spare pages: the write needs new space
    for (let i = 0; i < 3; i++) {
      store.add(`new-${i}`);
      store.update(`new-${i}`, { lastError: big });
    }
    expect(store.claimFinish('new-0', { state: 'completed' })).toBe(true);
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/Cannot save the job store .*full/i),
    ]);
    expect(store.all().map((j) => j.jobid)).toEqual(['kept', 'new-0', 'new-1', 'new-2']);
    expect(Object.keys(jobsOnDisk(disk))).toEqual(['kept']); // the database is whole, as it was

    fs.rmSync(filler);
    store.flush();
    const stored = jobsOnDisk(disk);
    expect(Object.keys(stored)).toEqual(['kept', 'new-0', 'new-1', 'new-2']);
    expect(stored['new-0']).toMatchObject({ state: 'completed', finishAnnounced: true, lastError: big });
    expect(errors).toHaveLength(1);
  });
});
