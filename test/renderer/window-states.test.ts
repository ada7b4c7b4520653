import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp.js';
import { useSimulatedApi, useWindow, WINDOW_TOKEN } from '../helpers/window-harness.js';
import { modelJob, seedJobs } from '../helpers/window-seed.js';

const { withSim } = useSimulatedApi();
const openWindow = useWindow();

const v1 = (n: number) => `states-job-${n}`;
const v2 = (n: number) => `user:1234-pixverse:ann@example.com-video:${n}`;
const LONG_PROMPT = `A slow pan across ${'an endless field of sunflowers swaying in the wind, '.repeat(30)}`;

describe('job states in the jobs window (Chromium)', () => {
  it('says each state in one sentence, never technical, with a badge from a fixed set of tones', async () => {
    const w = await openWindow({ token: WINDOW_TOKEN, settings: { autoDownload: false } });
    const folder = tempDir('states');
    const host = '127.0.0.1:45678';
    await seedJobs(w, [
      {
        job: modelJob('v1', v1(1), {
          state: 'failed',
          prompt: 'A failed lighthouse',
          error: {
            message: 'PixVerse could not generate this video',
            details: 'Try again with another seed',
          },
        }),
        record: { state: 'failed' },
      },
      {
        job: modelJob('v1', v1(2), {
          state: 'moderated',
          prompt: 'A moderated prompt',
          message: '<@1122334455667788990> Author: <@!1122334455667788990>',
        }),
        record: { state: 'moderated' },
      },
      {
        job: modelJob('v1', v1(3), { state: 'not-found', prompt: 'A job useapi forgot' }),
        record: {
          state: 'not-found',
          lastError: `${host} does not know job ${v1(3)} (404: Unable to locate job ${v1(3)} at ${host}/v1/pixverse/jobs/?jobid=${v1(3)}).`,
        },
      },
      {
        job: modelJob('v1', v1(4), { state: 'completed', prompt: 'A video behind a dead link' }),
        record: {
          state: 'completed',
          downloads: { a: { state: 'failed', bytes: 0, error: 'The video link no longer works (404).' } },
        },
      },
      {
        job: modelJob('v1', v1(5), { state: 'completed', prompt: 'A video the user deleted' }),
        record: {
          state: 'completed',
          downloads: { a: { state: 'saved', bytes: 5, file: path.join(folder, 'deleted.mp4') } },
        },
      },
      {
        job: modelJob('v1', v1(15), { state: 'completed', prompt: 'A video waiting to be saved' }),
        record: { state: 'completed', downloads: { a: { state: 'pending', bytes: 0 } } },
      },
      {
        job: modelJob('v1', v1(6), { state: 'cancelled', prompt: 'A job the user cancelled' }),
        record: { state: 'cancelled' },
      },
      {
        job: modelJob('v1', v1(7), { state: 'expired', prompt: 'An old job' }),
        record: { state: 'expired' },
      },
      {
        job: modelJob('v1', v1(8), { state: 'running', prompt: 'A job whose polls fail' }),
        record: { lastError: 'useapi.net answered 500; will retry.' },
      },
    ]);
    const row = (prompt: string) => w.page.locator('job-row', { hasText: prompt });
    const detail = (prompt: string) => row(prompt).locator('.detail').textContent();
    const badge = async (prompt: string) => {
      const element = row(prompt).locator('.badge');
      return [await element.textContent(), await element.getAttribute('class')];
    };

    expect(await detail('A failed lighthouse')).toBe(
      'PixVerse could not generate this video. Try again with another seed.',
    );
    expect(await badge('A failed lighthouse')).toEqual(['failed', 'badge badge-problem']);
    expect(await detail('A moderated prompt')).toBe("PixVerse's moderation rejected this prompt.");
    expect(await row('A moderated prompt').textContent()).not.toContain('<@');

    // A 404: one plain sentence, the jobid once (its own column), no host:port.
    expect(await detail('A job useapi forgot')).toBe('useapi.net no longer knows this job.');
    const gone = (await row('A job useapi forgot').textContent())!;
    expect(gone.split(v1(3)).length - 1).toBe(1);
    expect(gone).not.toContain(host);

    // Completed, but the video is not there: the badge says the problem, not "completed" in green.
    expect(await badge('A video behind a dead link')).toEqual(['download failed', 'badge badge-problem']);
    expect(await detail('A video behind a dead link')).toBe(
      'Download failed: The video link no longer works (404).',
    );
    expect(await badge('A video the user deleted')).toEqual(['file missing', 'badge badge-problem']);
    expect(await detail('A video the user deleted')).toBe('The saved file is no longer in the folder.');

    expect(await badge('A video waiting to be saved')).toEqual(['saving', 'badge badge-running']);
    expect((await detail('A video waiting to be saved'))!.trim()).toBe('Waiting to save the video.');
    expect(await detail('A job the user cancelled')).toBe('Cancelled: no video was made.');
    expect(await badge('A job the user cancelled')).toEqual(['cancelled', 'badge badge-stopped']);
    expect(await detail('An old job')).toBe('This job has expired: useapi.net keeps jobs for 31 days.');
    // Seeded with polling paused: nothing will be tried, so the row does not say it will.
    expect(await detail('A job whose polls fail')).toBe('useapi.net answered 500.');
    expect(w.problems).toEqual({ dialogs: [], errors: [], csp: [] });
  });

  it('never turns the API status into a class name', async () => {
    const w = await openWindow({ token: WINDOW_TOKEN });
    await seedJobs(w, [{ job: modelJob('v1', v1(9), { prompt: 'A job with a hostile status' }) }]);
    // What a changed contract or a compromised main process could send: the page still maps it.
    await w.page.evaluate(async (jobid) => {
      const page = await window.pixverse.queryJobs({ filter: 'all', search: '', offset: 0, limit: 10 });
      const job = page.rows.find((j) => j.jobid === jobid)!;
      (window as unknown as { __pixverseEmit: (n: string, p: unknown) => void }).__pixverseEmit(
        'jobChanged',
        { ...job, status: 'queued snackbar' },
      );
    }, v1(9));
    const badge = w.page.locator('job-row', { hasText: 'A job with a hostile status' }).locator('.badge');
    await badge.filter({ hasText: 'queued snackbar' }).waitFor();
    expect(await badge.getAttribute('class')).toBe('badge badge-neutral');
    expect(await w.page.locator('job-row .snackbar').count()).toBe(0);
  });

  it('shows generation progress as a bar with the percentage a long prompt cannot hide, and the time left', async () => {
    const w = await openWindow({ token: WINDOW_TOKEN, colorScheme: 'light' });
    await seedJobs(w, [
      { job: modelJob('v1', v1(10), { state: 'running', prompt: LONG_PROMPT, progress: 45 }) },
      { job: modelJob('v2', v2(11), { state: 'running', prompt: 'A v2 video generating' }) },
      { job: modelJob('v1', v1(12), { state: 'queued', prompt: 'A v1 job not started' }) },
    ]);
    await w.page.setViewportSize({ width: 560, height: 400 });
    const long = w.page.locator('job-row', { hasText: 'sunflowers' });
    const bar = long.getByRole('progressbar', { name: 'Generation progress' });
    expect(await bar.getAttribute('aria-valuetext')).toBe('45%');
    expect(await bar.evaluate((p) => (p as unknown as { value: number }).value)).toBe(45);
    const percent = long.locator('.percent');
    expect(await percent.textContent()).toBe('45%');
    // Inside the row and not covered: the prompt's ellipsis is on its own line.
    const rowBox = (await long.boundingBox())!;
    const box = (await percent.boundingBox())!;
    expect(box.width).toBeGreaterThan(0);
    expect(box.x + box.width).toBeLessThanOrEqual(rowBox.x + rowBox.width);
    expect(await long.locator('.detail .queue').textContent()).toBe('Generating');

    // v2 says only "generating": an indeterminate bar.
    const v2Bar = w.page
      .locator('job-row', { hasText: 'A v2 video generating' })
      .getByRole('progressbar', { name: 'Generation progress' });
    expect(await v2Bar.evaluate((p) => (p as unknown as { position: number }).position)).toBe(-1);
    const waiting = w.page.locator('job-row', { hasText: 'A v1 job not started' });
    expect(await waiting.locator('.detail').textContent()).toContain('Waiting for PixVerse to start it.');

    // Once the view carries an estimate, the row says the time left.
    const endsAt = new Date(Date.now() + 4 * 60_000 + 50_000).toISOString(); // "about 5 min" for 20 s
    await w.page.evaluate(
      async ([jobid, ends]) => {
        const page = await window.pixverse.queryJobs({ filter: 'all', search: '', offset: 0, limit: 10 });
        const job = page.rows.find((j) => j.jobid === jobid)!;
        (window as unknown as { __pixverseEmit: (n: string, p: unknown) => void }).__pixverseEmit(
          'jobChanged',
          { ...job, endsAt: ends },
        );
      },
      [v1(10), endsAt] as const,
    );
    await long.locator('.time-left', { hasText: 'about 5 min left' }).waitFor();
  });

  it('isolates API text and strips bidi overrides from file names: "\\u202Egnp.exe" never reads "exe.png"', async () => {
    const w = await openWindow({ token: WINDOW_TOKEN });
    const folder = tempDir('bidi');
    const file = path.join(folder, 'clip\u202Egnp.exe.mp4');
    fs.writeFileSync(file, 'video');
    await seedJobs(w, [
      {
        job: modelJob('v1', v1(13), { state: 'completed', prompt: 'Reversed \u202Etext after this' }),
        record: { state: 'completed', downloads: { a: { state: 'saved', bytes: 5, file } } },
      },
    ]);
    const row = w.page.locator('job-row', { hasText: 'Reversed' });
    const saved = row.locator('.saved');
    expect(await saved.textContent()).toBe('Saved as clipgnp.exe.mp4');
    expect(await saved.locator('bdi').count()).toBe(1);
    // A file name reads left to right, as file managers show it: "غروب 17.mp4", not "mp4.17 غروب".
    expect(await saved.locator('bdi').getAttribute('dir')).toBe('ltr');
    // Computed in the page (these tests compile without the DOM library: the code is a string).
    const isolation = await row.evaluate(`['.prompt', '.jobid', '.saved bdi'].map(
      (selector) => getComputedStyle(document.querySelector('job-row ' + selector)).unicodeBidi)`);
    expect(isolation).toEqual(['isolate', 'isolate', 'isolate']);
  });

  it('refreshes relative times on a timer without asking the main process, and never reads them in the future', async () => {
    const w = await openWindow({ token: WINDOW_TOKEN });
    await w.page.clock.install();
    const now = Date.now();
    await seedJobs(w, [
      {
        job: modelJob('v1', v1(14), {
          prompt: 'A job made two minutes ago',
          created: new Date(now - 2 * 60_000).toISOString(),
          updated: new Date(now + 2 * 60_000).toISOString(), // a server clock a little ahead
        }),
      },
    ]);
    const sub = w.page.locator('job-row', { hasText: 'A job made two minutes ago' }).locator('.sub');
    await sub.filter({ hasText: 'created 2 minutes ago' }).waitFor();
    expect(await sub.textContent()).toContain('updated just now');
    const asked = w.traffic.calls.filter((c) => c === 'queryJobs').length;
    await w.page.clock.fastForward(3_600_000);
    await sub.filter({ hasText: 'created 1 hour ago' }).waitFor();
    expect(await sub.textContent()).toContain('updated 58 minutes ago');
    expect(w.traffic.calls.filter((c) => c === 'queryJobs').length).toBe(asked);
  });
});

describe('a job whose polls keep failing (Chromium)', () => {
  it('shows its last error in one sentence and when it is asked again', async () => {
    const { sim, settings } = await withSim();
    const job = sim.addJob({ durationMs: 3_600_000, prompt: 'A job the server keeps failing' });
    sim.faults.add(
      { kind: 'status', status: 500, error: 'Internal hiccup' },
      { route: 'job', jobid: job.jobid, count: 1000 },
    );
    const w = await openWindow({ token: WINDOW_TOKEN, settings: { ...settings, autoDiscovery: false } });
    await w.page.evaluate((id) => window.pixverse.addJob(id), job.jobid);
    const detail = w.page.locator('job-row', { hasText: job.jobid }).locator('.detail');
    await detail
      .filter({ hasText: /answered 500: Internal hiccup\. Next try in (\d+ s|a moment)\.$/ })
      .waitFor();
    expect(await detail.textContent()).not.toContain('will retry');
  });
});

describe('banners for what holds polling (Chromium)', () => {
  it('counts down a 429 hold: "Rate limited by useapi.net. Next request in 40 s."', async () => {
    const { sim, settings } = await withSim();
    sim.faults.add({ kind: 'rate-limit', retryAfter: '40' }, { route: 'job', count: 1 });
    const job = sim.addJob({ durationMs: 3_600_000, prompt: 'A job behind a rate limit' });
    const w = await openWindow({ token: WINDOW_TOKEN, settings: { ...settings, autoDiscovery: false } });
    await w.page.evaluate((id) => window.pixverse.addJob(id), job.jobid);
    const banner = w.page.locator('.banner.hold');
    await banner
      .filter({ hasText: /^Rate limited by useapi\.net\. Next request in (40|39|38) s\.$/ })
      .waitFor();
    const state = await w.page.evaluate(() => window.pixverse.getState());
    expect(state.hold).toMatchObject({ kind: 'rate-limit' });
    expect(Date.parse(state.hold!.until!) - Date.now()).toBeGreaterThan(20_000);
    // It counts down by itself, a second at a time, with no new state from main.
    const first = Number((await banner.textContent())!.match(/in (\d+) s/)![1]);
    await banner.filter({ hasText: new RegExp(`in ${first - 2} s\\.`) }).waitFor();
  });

  it('tells a 402 (renew the subscription, then Resume) from a 401, and Resume goes on', async () => {
    const { sim, settings } = await withSim();
    sim.faults.add({ kind: 'status', status: 402 }, { route: 'job', count: 1 });
    const job = sim.addJob({ durationMs: 3_600_000, prompt: 'A job on an expired plan' });
    const w = await openWindow({ token: WINDOW_TOKEN, settings: { ...settings, autoDiscovery: false } });
    await w.page.evaluate((id) => window.pixverse.addJob(id), job.jobid);
    const banner = w.page.locator('.banner.problem');
    await banner.waitFor();
    expect((await banner.textContent())!.replace(/\s+/g, ' ').trim()).toBe(
      'Polling stopped. Your useapi.net subscription needs attention: renew it, then press Resume. Resume',
    );
    expect(await banner.textContent()).not.toMatch(/token/i);
    // The banner says it for the account; the job's row neither repeats it, nor promises a next try,
    // nor waits for an answer that is not on its way.
    const detail = w.page.locator('job-row', { hasText: job.jobid }).locator('.detail');
    await expect
      .poll(async () => (await detail.textContent())?.trim())
      .toBe('Not asked yet: polling is paused (see above).');
    await banner.getByRole('button', { name: 'Resume' }).click();
    await banner.waitFor({ state: 'detached' });
    await w.page
      .locator('job-row', { hasText: 'A job on an expired plan' })
      .locator('.badge', { hasText: 'running' })
      .waitFor();
  });
});
