import { describe, expect, it } from 'vitest';
import { v1Job } from '../helpers/v1-jobs.js';
import type { InvokeResult } from '../../main/ipc/contract.js';
import { appDirs, makeApp, storeToken } from '../helpers/app-harness.js';

type Page = InvokeResult<'queryJobs'>;

const TOKEN = 'tok-query-jobs-3a9e';

/** The app with `count` jobs in its database, half of them finished, and its window open. */
async function appWithJobs(count: number) {
  const dirs = appDirs();
  storeToken(dirs, TOKEN);
  const app = makeApp(dirs, { apiBaseUrl: 'http://127.0.0.1:9', autoDiscovery: false });
  await app.controller.start();
  const store = app.controller.session!.store;
  for (let i = 0; i < count; i++) {
    const jobid = `user:1-job:${String(i).padStart(4, '0')}`;
    store.add(jobid);
    store.update(jobid, {
      state: i % 2 === 0 ? 'completed' : 'active',
      addedAt: 1_790_000_000_000 + i,
      job: v1Job(jobid, { prompt: i % 25 === 0 ? 'A red fox' : 'a cat' }),
    });
  }
  app.controller.openWindow();
  return app;
}

describe('queryJobs over IPC: the window asks for the rows it shows', () => {
  it('answers one page by filter and search, newest first, with the total', async () => {
    const app = await appWithJobs(120);
    const page = (await app.invoke('queryJobs', {
      filter: 'finished',
      search: '',
      offset: 5,
      limit: 3,
    })) as Page;
    expect(page).toMatchObject({ total: 60 });
    expect(page.rows.map((r) => r.jobid)).toEqual(['user:1-job:0108', 'user:1-job:0106', 'user:1-job:0104']);
    const foxes = (await app.invoke('queryJobs', {
      filter: 'all',
      search: 'RED fox',
      offset: 0,
      limit: 50,
    })) as Page;
    expect(foxes.total).toBe(5);
    expect(foxes.rows.every((r) => r.prompt === 'A red fox')).toBe(true);
  });

  it.each([
    [{ filter: 'all', search: '', offset: 0, limit: 100_000 }],
    [{ filter: 'everything', search: '', offset: 0, limit: 10 }],
    [{ filter: 'all', search: '', offset: -1, limit: 10 }],
    [{ filter: 'all', search: '', offset: 0, limit: 10, sql: 'DROP TABLE jobs' }],
  ])('refuses the query %j', async (query) => {
    const app = await appWithJobs(1);
    await expect(app.invoke('queryJobs', query)).rejects.toThrow(/^Refused/);
  });
});
