import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appDirs, EVERY_JOB, makeApp, storeToken, until } from '../helpers/app-harness.js';
import { jobsOnDisk } from '../helpers/test-store.js';

const TOKEN = 'tok-window-echo-8d41f0';
const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** An API that quotes the request's credentials back, in an error and in a job's error field. */
async function echoingApi(): Promise<string> {
  const server = http.createServer((request, response) => {
    const echoed = `${request.headers.authorization} (token ${TOKEN})`;
    const failed = request.url?.includes('job-failed');
    response.writeHead(failed ? 200 : 400, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify(
        failed
          ? { jobid: 'job-failed', status: 'failed', error: `Upstream refused ${echoed}` }
          : { error: `Bad request with ${echoed}` },
      ),
    );
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('API texts that echo the token', () => {
  it('never reach the jobs file or the window', async () => {
    const dirs = appDirs();
    storeToken(dirs, TOKEN);
    const app = makeApp(dirs, { apiBaseUrl: await echoingApi(), pollIntervalSec: 1, autoDiscovery: false });
    await app.controller.start();
    app.controller.session!.scheduler.track('job-rejected');
    app.controller.session!.scheduler.track('job-failed');
    const store = app.controller.session!.store;
    await until(() => store.all().every((job) => job.state !== 'active'));
    app.controller.openWindow();
    const shown = JSON.stringify(await app.invoke('queryJobs', EVERY_JOB));
    expect(shown).toContain('Bearer ***');
    expect(shown).not.toContain(TOKEN);
    await app.controller.quit();
    const file = fs.readFileSync(path.join(dirs.userData, 'jobs.db'), 'latin1');
    const jobs = jobsOnDisk(dirs.userData);
    expect(jobs['job-rejected']!.lastError).toMatch(/Bearer \*\*\* \(token \*\*\*\)/);
    const failed = jobs['job-failed']!.job!;
    expect(failed.error!.message).toMatch(/Bearer \*\*\* \(token \*\*\*\)/);
    expect((failed.raw as { error: string }).error).toMatch(/Bearer \*\*\* \(token \*\*\*\)/);
    expect(file).not.toContain(TOKEN);
  });
});
