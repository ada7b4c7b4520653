import { describe, expect, it } from 'vitest';
import { DEFAULT_BASE_URL } from '../../main/core/api/api-client.js';
import { shell } from '../fakes/electron.js';
import { until } from '../helpers/app-harness.js';
import { artifact } from '../helpers/browser.js';
import { useSimulatedApi, useWindow, WINDOW_TOKEN } from '../helpers/window-harness.js';

const { startSim, withSim } = useSimulatedApi();
const openWindow = useWindow();
const TOKEN = WINDOW_TOKEN;

describe('the jobs window in Chromium', () => {
  it('shows jobs moving to completed, with download progress, Open and Show in folder', async () => {
    const { sim, settings } = await withSim();
    // 5 minutes of simulated time (3 s here): long enough to be seen running, even on a busy machine.
    const job = sim.addJob({
      durationMs: 300_000,
      prompt: 'Northern lights over a frozen lake',
      videoSize: 4 * 1024 * 1024,
    });
    sim.cdnFaults.push({ kind: 'throttle', delayMs: 25 });
    const w = await openWindow({ token: TOKEN, settings });
    await w.page.fill('#add-job', job.jobid);
    await w.page.click('form.add button[type=submit]');
    const row = w.page.locator('job-row', { hasText: 'Northern lights' });
    await row.waitFor();
    await row.locator('.badge', { hasText: /queued|running/ }).waitFor();
    // Generated, and its video on its way: the badge says "saving" until the file is there.
    await row.locator('.badge', { hasText: 'saving' }).waitFor({ timeout: 15_000 });
    await row.locator('progress').waitFor();
    await expect(row.locator('.dl-text').textContent()).resolves.toMatch(/of 4\.0 MB \(\d+%\)/);
    await row.locator('.dl-text', { hasText: /\/s$/ }).waitFor();
    await row.locator('.saved').waitFor({ timeout: 20_000 });
    await row.locator('.badge', { hasText: 'completed' }).waitFor();
    await row.getByRole('button', { name: 'Open' }).click();
    await row.getByRole('button', { name: 'Show in folder' }).click();
    await until(() => shell.opened.length === 1 && shell.revealed.length === 1);
    expect(shell.opened[0]).toMatch(/Northern|\.mp4$/);
    expect(shell.revealed).toEqual(shell.opened);
    expect(w.problems).toEqual({ dialogs: [], errors: [], csp: [] });
  }, 60_000);

  it('says why a download failed and retries it on request', async () => {
    const sim = await startSim({ timeScale: 100, token: TOKEN, linkTtlMs: 0 }); // every link is dead on arrival
    const job = sim.addJob({
      timeline: [{ atMs: 0, status: 'completed' }],
      prompt: 'A clip behind a dead link',
    });
    const w = await openWindow({ token: TOKEN, settings: { apiBaseUrl: sim.apiUrl, pollIntervalSec: 1 } });
    await w.page.evaluate((id) => window.pixverse.addJob(id), job.jobid);
    const row = w.page.locator('job-row', { hasText: 'A clip behind a dead link' });
    await row
      .locator('.error', { hasText: /Download failed: The video link no longer works \(404\)/ })
      .waitFor();
    const before = sim.cdnRequests.length;
    await row.getByRole('button', { name: 'Retry download' }).click();
    await until(() => sim.cdnRequests.length > before);
    await row.getByRole('button', { name: 'Retry download' }).waitFor();
  });

  it('says why the API cannot be reached (not "offline"), and shows the paused banner', async () => {
    const sim = await startSim({ token: TOKEN });
    const apiBaseUrl = sim.apiUrl;
    await sim.close(); // nothing listens there any more: the connection is refused
    const w = await openWindow({ token: TOKEN, settings: { apiBaseUrl, pollIntervalSec: 1 } });
    await w.page.evaluate(() => window.pixverse.addJob('job-while-offline'));
    const refused = `Cannot connect to ${new URL(apiBaseUrl).host}: connection refused`;
    await w.page.locator('.banner.warn', { hasText: refused }).waitFor();
    expect(await w.page.locator('.banner', { hasText: 'Offline' }).count()).toBe(0);
    await w.page.evaluate(() => window.pixverse.pause());
    const paused = w.page.locator('.banner.warn', { hasText: 'Polling is paused.' });
    await paused.waitFor();
    await paused.getByRole('button', { name: 'Resume' }).click();
    await paused.waitFor({ state: 'detached' });
  });

  it('validates the add-job field and says why', async () => {
    const w = await openWindow({ token: TOKEN, settings: { pollIntervalSec: 3600 } });
    await w.page.fill('#add-job', 'two words');
    await w.page.click('form.add button[type=submit]');
    await expect(w.page.locator('#add-error').textContent()).resolves.toMatch(/does not look like a jobid/);
    expect(await w.page.getAttribute('#add-job', 'aria-invalid')).toBe('true');
    await w.page.fill('#add-job', '{"jobid":"user:1-job:json-paste","status":"created"}');
    await w.page.click('form.add button[type=submit]');
    await w.page.locator('job-row', { hasText: 'user:1-job:json-paste' }).waitFor();
    expect(await w.page.locator('#add-error').textContent()).toBe('');
  });

  it('filters by state and searches prompt or jobid', async () => {
    const { sim, settings } = await withSim();
    const done = sim.addJob({
      timeline: [{ atMs: 0, status: 'completed' }],
      prompt: 'A finished whale song',
    });
    const bad = sim.addJob({ timeline: [{ atMs: 0, status: 'failed' }], prompt: 'A failed attempt' });
    const running = sim.addJob({ durationMs: 3_600_000, prompt: 'A long running volcano' });
    const w = await openWindow({ token: TOKEN, settings: { ...settings, autoDownload: false } });
    for (const job of [done, bad, running])
      await w.page.evaluate((id) => window.pixverse.addJob(id), job.jobid);
    await w.page.locator('job-row .badge', { hasText: 'failed' }).waitFor();
    await w.page.locator('job-row .badge', { hasText: 'completed' }).waitFor();
    // The main process answers each filter and search: the list shows its answer when it arrives.
    const prompts = () => w.page.locator('job-row .prompt').allTextContents();
    await w.page.getByRole('button', { name: 'Active' }).click();
    await expect.poll(prompts).toEqual(['A long running volcano']);
    await w.page.getByRole('button', { name: 'Problems' }).click();
    await expect.poll(prompts).toEqual(['A failed attempt']);
    await w.page.getByRole('button', { name: 'Finished' }).click();
    await expect
      .poll(async () => (await prompts()).sort())
      .toEqual(['A failed attempt', 'A finished whale song']);
    await w.page.getByRole('button', { name: 'All' }).click();
    await w.page.fill('input[type=search]', 'WHALE');
    await expect.poll(prompts).toEqual(['A finished whale song']);
    await w.page.fill('input[type=search]', running.jobid.slice(-12));
    await expect.poll(prompts).toEqual(['A long running volcano']);
  });
});

describe('the jobs window: settings, banners and keyboard', () => {
  it('round-trips settings, with clear validation messages', async () => {
    // The real API's URL, for its 10 s minimum: no job is tracked and nothing discovered, so no request goes out.
    const settings = { pollIntervalSec: 30, apiBaseUrl: DEFAULT_BASE_URL, autoDiscovery: false };
    const w = await openWindow({ token: TOKEN, settings });
    await w.page.getByRole('button', { name: 'Settings' }).click();
    await w.page.locator('.token-state', { hasText: 'Set, ends in …4321' }).waitFor();
    const interval = w.page.locator('#interval');
    expect(await interval.inputValue()).toBe('30');
    await interval.fill('5');
    await interval.dispatchEvent('change');
    await w.page
      .locator('.settings .error', { hasText: 'useapi.net asks for at least 10 seconds between polls.' })
      .waitFor();
    expect(await interval.inputValue()).toBe('30');
    await interval.fill('20');
    await interval.dispatchEvent('change');
    await w.page.locator('.settings .status', { hasText: 'Saved.' }).waitFor();
    await w.page.getByLabel('Start PixVerse Tray when I log in').check();
    await w.page.getByLabel('Prompt moderated').uncheck();
    await until(() => w.controller.settings.launchAtLogin);
    expect(w.controller.settings).toMatchObject({
      pollIntervalSec: 20,
      launchAtLogin: true,
      notify: { moderated: false },
    });
    await w.page.reload();
    await w.page.getByRole('button', { name: 'Settings' }).click();
    expect(await w.page.locator('#interval').inputValue()).toBe('20');
    expect(await w.page.getByLabel('Prompt moderated').isChecked()).toBe(false);
  });

  it('shows the credentials banner after a 401, and what to do', async () => {
    const { sim, settings } = await withSim();
    const job = sim.addJob({ durationMs: 60_000 });
    const w = await openWindow({ token: 'tok-rejected-by-api', settings });
    await w.page.evaluate((id) => window.pixverse.addJob(id), job.jobid);
    const banner = w.page.locator('.banner.problem');
    await banner.waitFor();
    const text = (await banner.textContent())!.replace(/\s+/g, ' ');
    expect(text.trim()).toBe(
      'Polling stopped. useapi.net rejected the API token: set a new one in Settings. Open Settings',
    );
    await banner.getByRole('button', { name: 'Open Settings' }).click();
    // Straight to what must change: the token field has the keys, the rejected token says so, and the
    // banner no longer offers to open what is open.
    await expect.poll(() => w.page.evaluate('document.activeElement?.id')).toBe('token');
    await expect(w.page.locator('.token-state').textContent()).resolves.toBe(
      'Set, ends in …-api: useapi.net rejected it (401).',
    );
    await expect(banner.getByRole('button', { name: 'Open Settings' }).count()).resolves.toBe(0);
    // Escape goes back to the jobs, as it closes every other view over the list.
    await w.page.keyboard.press('Escape');
    await w.page.locator('settings-view').waitFor({ state: 'detached' });
    await banner.getByRole('button', { name: 'Open Settings' }).click();
    await w.page.fill('#token', TOKEN);
    await w.page.getByRole('button', { name: 'Save token' }).click();
    await w.page.locator('.banner.problem').waitFor({ state: 'detached' });
    expect(await w.page.locator('.token-state').textContent()).toBe('Set, ends in …4321');
  });
});

describe('screenshots (test-artifacts/)', () => {
  it.each(['light', 'dark'] as const)('of the job list in %s mode, and of settings', async (colorScheme) => {
    const { sim, settings } = await withSim();
    const specs = [
      {
        prompt: 'A red fox running through fresh snow at dawn',
        timeline: [{ atMs: 0, status: 'completed' as const }],
      },
      { prompt: 'Timelapse of a city skyline from day to night', style: 'Anime', durationMs: 3_600_000 },
      {
        prompt: 'A paper boat sailing down a rainy street',
        timeline: [{ atMs: 0, status: 'failed' as const }],
      },
      { prompt: 'A forbidden prompt', timeline: [{ atMs: 0, status: 'moderated' as const }] },
      { prompt: 'Waves crashing on black sand, 9:16', aspect_ratio: '9:16', durationMs: 3_600_000 },
    ];
    const jobs = specs.map((spec) => sim.addJob(spec));
    const w = await openWindow({
      token: TOKEN,
      settings: { ...settings, pollIntervalSec: 3600 },
      colorScheme,
    });
    for (const job of jobs) await w.page.evaluate((id) => window.pixverse.addJob(id), job.jobid);
    await w.page.locator('job-row .saved').waitFor({ timeout: 15_000 });
    await w.page.locator('job-row .badge', { hasText: 'moderated' }).waitFor();
    await w.page.screenshot({ path: artifact(`jobs-${colorScheme}.png`) });
    await w.page.getByRole('button', { name: 'Settings' }).click();
    await w.page.locator('.token-state').waitFor();
    await w.page.screenshot({ path: artifact(`settings-${colorScheme}.png`) });
  });
});
