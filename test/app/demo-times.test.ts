import { describe, expect, it } from 'vitest';
import type { InvokeResult } from '../../main/ipc/contract.js';
import { appDirs, EVERY_JOB, makeApp, until } from '../helpers/app-harness.js';

describe('the demo in the window', () => {
  it('gives times in the past although its clock runs 30× faster than the wall', async () => {
    const app = makeApp(appDirs(), { autoDiscovery: false, autoDownload: false });
    await app.controller.start();
    await app.controller.startDemo();
    const store = app.controller.session!.store;
    // The simulator's answers are dated by its own clock: wait until one is well ahead of the wall.
    const ahead = () =>
      store.query(EVERY_JOB).rows.some((job) => Date.parse(job.job?.updated ?? '') > Date.now() + 30_000);
    await until(ahead, 20_000);
    const page = (await app.invoke('queryJobs', EVERY_JOB)) as InvokeResult<'queryJobs'>;
    const now = Date.now();
    const times = page.rows.flatMap((row) => [row.created, row.updated]).filter(Boolean);
    expect(times.length).toBeGreaterThan(0);
    for (const time of times) expect(Date.parse(time!)).toBeLessThanOrEqual(now);
  }, 30_000);
});
