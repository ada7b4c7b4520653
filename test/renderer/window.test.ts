import { describe, expect, it } from 'vitest';
import { shell } from '../fakes/electron.js';
import { until } from '../helpers/app-harness.js';
import { artifact } from '../helpers/browser.js';
import { useSimulator } from '../helpers/sim.js';
import { useWindow } from '../helpers/window-harness.js';

const startSim = useSimulator();
const openWindow = useWindow();
const TOKEN = 'tok-window-test-4321';

async function withSim() {
  const sim = await startSim({ timeScale: 100, token: TOKEN });
  return { sim, settings: { apiBaseUrl: sim.apiUrl, pollIntervalSec: 1 } };
}

describe('the jobs window in Chromium', () => {
  it('shows jobs moving to completed, with download progress, Open and Show in folder', async () => {
    const { sim, settings } = await withSim();
    const job = sim.addJob({
      durationMs: 60_000,
      prompt: 'Northern lights over a frozen lake',
      videoSize: 8 * 1024 * 1024,
    });
    sim.cdnFaults.push({ kind: 'throttle', delayMs: 40 });
    const w = await openWindow({ token: TOKEN, settings });
    await w.page.fill('#add-job', job.jobid);
    await w.page.click('form.add button[type=submit]');
    const row = w.page.locator('job-row', { hasText: 'Northern lights' });
    await row.waitFor();
    await row.locator('.badge', { hasText: /created|started|progress/ }).waitFor();
    await row.locator('.badge', { hasText: 'completed' }).waitFor({ timeout: 15_000 });
    await row.locator('progress').waitFor();
    await expect(row.locator('.dl-text').textContent()).resolves.toMatch(/of 8\.0 MB \(\d+%\)/);
    await row.locator('.dl-text', { hasText: /\/s$/ }).waitFor();
    await row.locator('.saved').waitFor({ timeout: 20_000 });
    await row.getByRole('button', { name: 'Open' }).click();
    await row.getByRole('button', { name: 'Show in folder' }).click();
    await until(() => shell.opened.length === 1 && shell.revealed.length === 1);
    expect(shell.opened[0]).toMatch(/Northern|\.mp4$/);
    expect(shell.revealed).toEqual(shell.opened);
    expect(w.problems).toEqual({ dialogs: [], errors: [], csp: [] });
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
    const prompts = () => w.page.locator('job-row .prompt').allTextContents();
    await w.page.getByRole('button', { name: 'Active' }).click();
    expect(await prompts()).toEqual(['A long running volcano']);
    await w.page.getByRole('button', { name: 'Problems' }).click();
    expect(await prompts()).toEqual(['A failed attempt']);
    await w.page.getByRole('button', { name: 'Finished' }).click();
    expect((await prompts()).sort()).toEqual(['A failed attempt', 'A finished whale song']);
    await w.page.getByRole('button', { name: 'All' }).click();
    await w.page.fill('input[type=search]', 'WHALE');
    expect(await prompts()).toEqual(['A finished whale song']);
    await w.page.fill('input[type=search]', running.jobid.slice(-12));
    expect(await prompts()).toEqual(['A long running volcano']);
  });
});
