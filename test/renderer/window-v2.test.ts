import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Job } from '../../main/core/jobs/job.js';
import { until } from '../helpers/app-harness.js';
import { artifact } from '../helpers/browser.js';
import { useSimulatedApi, useWindow, WINDOW_TOKEN } from '../helpers/window-harness.js';
import { seedJobs } from '../helpers/window-seed.js';

const { withSim } = useSimulatedApi();
const openWindow = useWindow();

const MEDIA = 'https://media.pixverse.ai';
const videoId = (n: number) => `user:1234-pixverse:ann@example.com-video:${n}`;
/** A 1×1 PNG: what the media host answers for a live first frame. */
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mP8/x8AAwMCAO+ip1sAAAAASUVORK5CYII=',
  'base64',
);

/** A v2 job in the app's model, as the v2 adapter hands it over. */
const v2Job = (id: string, fields: Partial<Job>): Job => ({
  source: 'v2',
  id,
  state: 'running',
  model: 'v4.5',
  quality: '540p',
  durationSec: 5,
  results: [],
  ...fields,
});

const seed = seedJobs;

/**
 * The media host as the page sees it, without leaving this machine: first frames named `live-*`
 * answer an image, the others 403 as an expired link does; any other https request is refused.
 */
async function fakeMediaHost(page: Page): Promise<string[]> {
  const asked: string[] = [];
  await page.route('https://**/*', async (route) => {
    const url = route.request().url();
    asked.push(url);
    if (!url.startsWith(`${MEDIA}/`)) return route.abort();
    if (/\/live-[^/]*$/.test(url))
      return route.fulfill({ status: 200, contentType: 'image/png', body: PIXEL });
    return route.fulfill({ status: 403, body: 'expired' });
  });
  return asked;
}

describe('v2 jobs in the jobs window (Chromium)', () => {
  it('show model, quality, length, the queue position, and first_frame while its link works', async () => {
    const w = await openWindow({ token: WINDOW_TOKEN, settings: { autoDownload: false } });
    const asked = await fakeMediaHost(w.page);
    await seed(w, [
      {
        job: v2Job(videoId(1), {
          state: 'queued',
          prompt: 'A queued heron',
          model: 'v5',
          quality: '1080p',
          durationSec: 8,
          queuePosition: 3,
          queueWaitSec: 120,
        }),
      },
      { job: v2Job(videoId(2), { prompt: 'A generating otter', preview: `${MEDIA}/frames/live-otter.jpg` }) },
      { job: v2Job(videoId(3), { prompt: 'An expired frame', preview: `${MEDIA}/frames/old-frame.jpg` }) },
    ]);
    const queued = w.page.locator('job-row', { hasText: 'A queued heron' });
    await expect(queued.locator('.sub').textContent()).resolves.toContain('v5 · 1080p · 8 s');
    await expect(queued.locator('.queue').textContent()).resolves.toBe(
      '3 ahead in the PixVerse queue · about 2 min to wait',
    );
    await expect(queued.locator('.badge').textContent()).resolves.toBe('queued');

    const live = w.page.locator('job-row', { hasText: 'A generating otter' });
    await expect(live.locator('.sub').textContent()).resolves.toContain('v4.5 · 540p · 5 s');
    await expect
      .poll(() =>
        live
          .locator('.thumb img')
          .evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
      )
      .toBe(1);
    // An expired first frame is not shown broken: the thumbnail is left empty.
    const expired = w.page.locator('job-row', { hasText: 'An expired frame' });
    await expired.locator('.thumb img').waitFor({ state: 'detached' });
    expect(asked).toContain(`${MEDIA}/frames/old-frame.jpg`);
    expect(asked.every((url) => url.startsWith(`${MEDIA}/`))).toBe(true);
    expect(w.problems).toEqual({ dialogs: [], errors: [], csp: [] });
  });

  it('say "not yet available at useapi" while waiting, and "not found" once it is over', async () => {
    const w = await openWindow({ token: WINDOW_TOKEN });
    await seed(w, [
      {
        job: v2Job(videoId(4), { state: 'queued', prompt: 'A video useapi does not know yet' }),
        record: { lastError: 'Not available at useapi yet; still waiting.' },
      },
      {
        job: v2Job(videoId(5), {
          state: 'not-found',
          prompt: 'A video that never appeared',
          error: {
            message: 'Not found: useapi.net still does not know this video 15 minutes after it was added.',
          },
        }),
        record: { state: 'not-found' },
      },
    ]);
    const waiting = w.page.locator('job-row', { hasText: 'A video useapi does not know yet' });
    await expect(waiting.locator('.notice').textContent()).resolves.toBe(
      'Not available at useapi yet; still waiting.',
    );
    await expect(waiting.locator('.badge').textContent()).resolves.toBe('queued');
    const gone = w.page.locator('job-row', { hasText: 'A video that never appeared' });
    await expect(gone.locator('.badge').textContent()).resolves.toBe('not found');
    await expect(gone.locator('.error').textContent()).resolves.toBe('useapi.net no longer knows this job.');
  });

  it('offer "Stop tracking at useapi" for v2 and say the generation goes on at PixVerse; v1 keeps Cancel', async () => {
    const { sim, settings } = await withSim();
    const v1 = sim.addJob({ durationMs: 3_600_000, prompt: 'A long v1 volcano' });
    const w = await openWindow({ token: WINDOW_TOKEN, settings: { ...settings, autoDownload: false } });
    await w.page.evaluate((id) => window.pixverse.addJob(id), v1.jobid);
    const v1Row = w.page.locator('job-row', { hasText: 'A long v1 volcano' });
    await v1Row.locator('.badge', { hasText: 'running' }).waitFor();
    w.controller.session!.scheduler.pause();
    w.controller.session!.store.add(videoId(6), 'v2');
    w.controller.session!.store.update(videoId(6), { job: v2Job(videoId(6), { prompt: 'A v2 lantern' }) });
    await w.page.reload();
    const v2Row = w.page.locator('job-row', { hasText: 'A v2 lantern' });
    await v2Row.waitFor();
    expect(await v2Row.getByRole('button', { name: 'Cancel' }).count()).toBe(0);

    // v2: the dialog says what really happens; keeping the job asks nothing of the API.
    await v2Row.getByRole('button', { name: 'Stop tracking at useapi' }).click();
    const dialog = w.page.getByRole('dialog', { name: 'Stop tracking at useapi?' });
    await dialog.waitFor();
    await expect(dialog.textContent()).resolves.toMatch(
      /stops tracking this video and frees its slot.*The generation goes on at PixVerse/s,
    );
    const calls = w.traffic.calls.length;
    await dialog.getByRole('button', { name: 'Keep tracking' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(w.traffic.calls.slice(calls)).not.toContain('cancelJob');

    // v1: Cancel, confirmed, cancels the job at the API.
    w.controller.session!.scheduler.resume();
    await v1Row.getByRole('button', { name: /^Cancel ‘/ }).click();
    const v1Dialog = w.page.getByRole('dialog', { name: 'Cancel this job?' });
    await expect(v1Dialog.textContent()).resolves.not.toMatch(/PixVerse goes on|Stop tracking/);
    await v1Dialog.getByRole('button', { name: 'Cancel job' }).click();
    await v1Dialog.waitFor({ state: 'detached' });
    await v1Row.locator('.badge', { hasText: 'cancelled' }).waitFor();
    await until(() => sim.apiRequests.some((r) => r.route === 'cancel' && r.jobid === v1.jobid));
    expect(await v1Row.getByRole('button', { name: /^Cancel ‘/ }).count()).toBe(0);
    expect(w.problems).toEqual({ dialogs: [], errors: [], csp: [] });
  });
});

describe('v2 jobs in the window against the simulator (Chromium)', () => {
  it('says "not available at useapi yet" until useapi knows the video, then stops tracking it at useapi on request', async () => {
    const { sim, settings } = await withSim();
    const id = videoId(7);
    const w = await openWindow({ token: WINDOW_TOKEN, settings: { ...settings, autoDownload: false } });
    expect(await w.page.getAttribute('#add-job', 'placeholder')).toMatch(/v2 video id/);
    await w.page.fill('#add-job', id);
    await w.page.click('form.add button[type=submit]');
    const row = w.page.locator('job-row', { hasText: id });
    await row.locator('.notice', { hasText: 'Not available at useapi yet; still waiting.' }).waitFor();
    sim.addVideo({
      videoId: id,
      prompt: 'A v2 comet',
      model: 'v5',
      quality: '720p',
      generatingMs: 3_600_000,
    });
    const known = w.page.locator('job-row', { hasText: 'A v2 comet' });
    await known.locator('.badge', { hasText: 'running' }).waitFor({ timeout: 20_000 });
    expect(await known.locator('.notice').count()).toBe(0);
    await expect(known.locator('.sub').textContent()).resolves.toContain('v5 · 720p');

    await known.getByRole('button', { name: 'Stop tracking at useapi' }).click();
    const dialog = w.page.getByRole('dialog', { name: 'Stop tracking at useapi?' });
    await dialog.getByRole('button', { name: 'Stop tracking at useapi' }).click();
    await dialog.waitFor({ state: 'detached' });
    const deletes = sim.apiRequests.filter((r) => r.method === 'DELETE');
    expect(deletes.map((r) => [r.route, r.jobid])).toEqual([['v2-cancel', id]]);
    expect(sim.videoDeletions).toEqual([]);
    expect(sim.video(id)?.releasedAt).toBeDefined();
    expect(w.problems).toEqual({ dialogs: [], errors: [], csp: [] });
  });
});

describe('a PixVerse account that needs attention (596) in the window (Chromium)', () => {
  it('says so once, in a banner naming the account with Resume; its rows say they wait for it', async () => {
    const { sim, settings } = await withSim();
    const held = [
      sim.addVideo({ email: 'ann@example.com', prompt: 'A held heron', generatingMs: 3_600_000 }),
    ];
    held.push(sim.addVideo({ email: 'ann@example.com', prompt: 'A held hare', generatingMs: 3_600_000 }));
    for (const video of held)
      sim.faults.add({ kind: 'status', status: 596 }, { route: 'v2-video', jobid: video.id, count: 1000 });
    const w = await openWindow({ token: WINDOW_TOKEN, settings: { ...settings, autoDownload: false } });
    for (const video of held) await w.page.evaluate((id) => window.pixverse.addJob(id), video.id);
    const banner = w.page.locator('.banner', { hasText: 'ann@example.com' });
    await banner.waitFor({ timeout: 20_000 });
    await expect(banner.textContent().then((t) => t?.replace(/\s+/g, ' '))).resolves.toMatch(
      /The PixVerse account ann@example\.com needs attention: add it again at useapi\.net, then press Resume\./,
    );
    await expect(w.page.locator('.banner', { hasText: 'ann@example.com' }).count()).resolves.toBe(1);
    // Never answered but by the 596: the row names the video by its id.
    const notice = w.page.locator('job-row', { hasText: held[0]!.id }).locator('.notice');
    await expect
      .poll(() => notice.textContent())
      .toBe('Waiting for its PixVerse account ann@example.com (see above).');
    await w.page.screenshot({ path: artifact('window-596-account.png') });
    // Fixed at useapi.net: Resume asks again, and the banner goes once the account answers.
    sim.faults.clear();
    await banner.getByRole('button', { name: 'Resume' }).click();
    await banner.waitFor({ state: 'detached', timeout: 20_000 });
    expect(w.problems).toEqual({ dialogs: [], errors: [], csp: [] });
  });
});

describe('discovery per source in the settings page (Chromium)', () => {
  it('turns on discovery of videos started on the pixverse.ai website, and the window lists them', async () => {
    const { sim, settings } = await withSim();
    const website = sim.addVideo({
      website: true,
      prompt: 'A koi pond started on the website',
      queuedMs: 3_600_000,
    });
    const w = await openWindow({
      token: WINDOW_TOKEN,
      settings: { ...settings, autoDiscovery: true, discoverV2Videos: false, autoDownload: false },
    });
    await w.page.getByRole('button', { name: 'Settings' }).click();
    const websiteSwitch = w.page.getByLabel(
      'API v2: videos started on the pixverse.ai website (checked once a minute)',
    );
    expect(await websiteSwitch.isChecked()).toBe(false);
    expect(await w.page.getByLabel('API v1: the jobs useapi.net runs (Discord)').isChecked()).toBe(true);
    expect(await w.page.getByLabel('API v2: the videos useapi.net runs (its scheduler)').isChecked()).toBe(
      true,
    );
    expect(sim.apiRequests.some((r) => r.route === 'v2-videos')).toBe(false);
    await websiteSwitch.check();
    await until(() => w.controller.settings.discoverV2Videos);
    await w.page.getByRole('button', { name: 'Jobs' }).click();
    const row = w.page.locator('job-row', { hasText: 'A koi pond started on the website' });
    await row.waitFor({ timeout: 20_000 });
    await expect(row.locator('.jobid').textContent()).resolves.toBe(website.id);
    // Off again: the switch says so after a reload too.
    await w.page.getByRole('button', { name: 'Settings' }).click();
    await w.page
      .getByLabel('API v2: videos started on the pixverse.ai website (checked once a minute)')
      .uncheck();
    await until(() => !w.controller.settings.discoverV2Videos);
    await w.page.reload();
    await w.page.getByRole('button', { name: 'Settings' }).click();
    expect(
      await w.page
        .getByLabel('API v2: videos started on the pixverse.ai website (checked once a minute)')
        .isChecked(),
    ).toBe(false);
  });
});
