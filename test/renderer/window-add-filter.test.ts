import { describe, expect, it } from 'vitest';
import { useWindow, WINDOW_TOKEN } from '../helpers/window-harness.js';
import { modelJob, seedJobs, type SeededWindow } from '../helpers/window-seed.js';

const openWindow = useWindow();

async function add(w: SeededWindow, text: string): Promise<void> {
  await w.page.fill('#add-job', text);
  await w.page.click('form.add button[type=submit]');
}
const tracked = (w: SeededWindow) =>
  w.controller
    .session!.store.all()
    .map((job) => job.jobid)
    .sort();

describe('the add field (Chromium)', () => {
  it('tracks exactly the job in a quoted jobid, a JSON list of one, a curl line with a trailing quote; refuses the rest, saying why', async () => {
    const w = await openWindow({ token: WINDOW_TOKEN, settings: { pollIntervalSec: 3600 } });
    const error = w.page.locator('#add-error');
    await add(w, '"user:1-job:quoted"');
    await w.page.locator('job-row .jobid', { hasText: /^user:1-job:quoted$/ }).waitFor();
    await add(w, '["user:1-job:in-a-list"]');
    await w.page.locator('job-row .jobid', { hasText: /^user:1-job:in-a-list$/ }).waitFor();
    await add(
      w,
      `curl "https://api.useapi.net/v1/pixverse/jobs/?jobid=user:1-job:curled" -H "Authorization: Bearer tok-secret-123"'`,
    );
    await w.page.locator('job-row .jobid', { hasText: /^user:1-job:curled$/ }).waitFor();
    expect(await error.textContent()).toBe('');

    const refusals: [string, RegExp][] = [
      ['["user:1-job:a", "user:1-job:b"]', /That list holds 2 entries: add one job at a time\./],
      ['"user:1-job:unclosed', /no quotes, brackets/],
      ['hello world', /does not look like a jobid/],
      ['curl https://api.useapi.net/v1/pixverse/create', /does not call a useapi\.net job endpoint/],
      ['{"status": "created"}', /no "jobid" field/],
    ];
    for (const [text, reason] of refusals) {
      await add(w, text);
      await expect.poll(() => error.textContent()).toMatch(reason);
      expect(await w.page.getAttribute('#add-job', 'aria-invalid')).toBe('true');
      // Next to the field: the message is what the field describes itself with.
      expect(await w.page.getAttribute('#add-job', 'aria-describedby')).toContain('add-error');
    }
    expect(tracked(w)).toEqual(['user:1-job:curled', 'user:1-job:in-a-list', 'user:1-job:quoted']);
  });

  it('selects an already tracked job instead of saying nothing', async () => {
    const w = await openWindow({ token: WINDOW_TOKEN, settings: { pollIntervalSec: 3600 } });
    await add(w, 'user:1-job:twice');
    await w.page.locator('job-row', { hasText: 'user:1-job:twice' }).waitFor();
    await w.page.evaluate(`document.querySelector('pixverse-app').addEventListener('select-job',
      (event) => (window.__selected = event.detail))`);
    await add(w, 'https://api.useapi.net/v1/pixverse/jobs/?jobid=user:1-job:twice');
    await w.page.locator('#add-note', { hasText: 'Already tracked — selected.' }).waitFor();
    expect(await w.page.evaluate(() => window.__selected)).toBe('user:1-job:twice');
    expect(await w.page.locator('#add-error').textContent()).toBe('');
    expect(tracked(w)).toEqual(['user:1-job:twice']);
  });
});

describe('filters with counts (Chromium)', () => {
  it('counts each filter in the main process, leaves cancelled jobs out of Problems, and counts again as the list reloads', async () => {
    const w = await openWindow({ token: WINDOW_TOKEN });
    await seedJobs(w, [
      { job: modelJob('v1', 'count-1', { prompt: 'A running fox' }) },
      {
        job: modelJob('v1', 'count-2', { state: 'completed', prompt: 'A done fox' }),
        record: { state: 'completed' },
      },
      {
        job: modelJob('v1', 'count-3', { state: 'failed', prompt: 'A failed owl' }),
        record: { state: 'failed' },
      },
      {
        job: modelJob('v1', 'count-4', { state: 'cancelled', prompt: 'A cancelled owl' }),
        record: { state: 'cancelled' },
      },
    ]);
    const filters = () =>
      w.page
        .locator('.filters button')
        .allTextContents()
        .then((labels) => labels.map((l) => l.replace(/\s+/g, ' ').trim()).join(' · '));
    await expect.poll(filters).toBe('All 4 · Active 1 · Finished 3 · Problems 1');
    await w.page.getByRole('button', { name: 'Problems' }).click();
    await expect.poll(() => w.page.locator('job-row .prompt').allTextContents()).toEqual(['A failed owl']);
    await w.page.fill('input[type=search]', 'owl');
    await expect.poll(filters).toBe('All 2 · Active 0 · Finished 2 · Problems 1');
    await w.page.fill('input[type=search]', '');
    await w.page.evaluate(() => window.pixverse.removeJob('count-3'));
    await expect.poll(filters).toBe('All 3 · Active 1 · Finished 2 · Problems 0');
    // A search that matches nothing, then "Show all jobs": the counts are of all jobs again.
    await w.page.fill('input[type=search]', 'zebra');
    await expect.poll(filters).toBe('All 0 · Active 0 · Finished 0 · Problems 0');
    await w.page.locator('.empty').getByRole('button', { name: 'Show all jobs' }).click();
    await expect.poll(() => w.page.locator('job-row').count()).toBe(3);
    await expect.poll(filters).toBe('All 3 · Active 1 · Finished 2 · Problems 0');
  });
});

describe('the selection under a filter or search (Chromium)', () => {
  it('hides with its job rather than moving to one never picked, and comes back with it', async () => {
    const w = await openWindow({ token: WINDOW_TOKEN });
    await seedJobs(w, [
      { job: modelJob('v1', 'sel-1', { prompt: 'A running fox' }) },
      {
        job: modelJob('v1', 'sel-2', { state: 'failed', prompt: 'A failed owl' }),
        record: { state: 'failed' },
      },
      {
        job: modelJob('v1', 'sel-3', { state: 'completed', prompt: 'A done hummingbird' }),
        record: { state: 'completed' },
      },
    ]);
    const selected = () => w.page.locator('job-row[selected] .prompt').allTextContents();
    await w.page.locator('job-row', { hasText: 'A done hummingbird' }).locator('.thumb').click();
    await expect.poll(selected).toEqual(['A done hummingbird']);
    await w.page.getByRole('button', { name: /^Problems/ }).click();
    await expect.poll(() => w.page.locator('job-row .prompt').allTextContents()).toEqual(['A failed owl']);
    expect(await selected()).toEqual([]);
    // Delete acts on the selected job only: with it hidden, nothing is removed.
    await w.page.locator('job-list').focus();
    await w.page.keyboard.press('Delete');
    await w.page.waitForTimeout(300);
    expect(w.controller.session!.store.all()).toHaveLength(3);
    await w.page.getByRole('button', { name: /^All/ }).click();
    await expect.poll(selected).toEqual(['A done hummingbird']);
  });
});
