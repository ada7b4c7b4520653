import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Notification, shell } from '../fakes/electron.js';
import { until } from '../helpers/app-harness.js';
import { useSimulatedApi, useWindow, WINDOW_TOKEN } from '../helpers/window-harness.js';

const { withSim } = useSimulatedApi();
const openWindow = useWindow();
const TOKEN = WINDOW_TOKEN;
const titles = () => Notification.shown.map((n) => n.options.title);

type Window = Awaited<ReturnType<typeof openWindow>>;
const add = (w: Window, jobid: string) => w.page.evaluate((id) => window.pixverse.addJob(id), jobid);
const shownIds = (w: Window) => w.page.locator('job-row .jobid').allTextContents();
const selectedId = (w: Window) => w.page.locator('job-row[selected] .jobid').textContent();

/** Jobs the simulator calls completed at once, each saved by the window's app before this returns. */
async function savedJobs(w: Window, sim: Awaited<ReturnType<typeof withSim>>['sim'], prompts: string[]) {
  const fileOf = (jobid: string) =>
    Object.values(w.controller.session!.store.get(jobid)!.downloads!)[0]!.file!;
  const jobs = prompts.map((prompt) => sim.addJob({ prompt, timeline: [{ atMs: 0, status: 'completed' }] }));
  for (const [i, job] of jobs.entries()) {
    await add(w, job.jobid);
    await w.page.locator('job-row', { hasText: prompts[i] }).locator('.saved').waitFor({ timeout: 20_000 });
    // The window can show "saved" a moment before the notification: wait for that one too.
    await until(() => Notification.shown.some((n) => n.options.body === `Saved to ${fileOf(job.jobid)}`));
  }
  return { jobs, fileOf };
}

describe('the jobs window: keyboard, selection and undo', () => {
  it('moves with the arrow keys, removes with Delete, and Undo puts the job back in its place', async () => {
    const w = await openWindow({ token: TOKEN, settings: { pollIntervalSec: 3600 } });
    for (const id of ['kb-job-1', 'kb-job-2', 'kb-job-3']) await add(w, id);
    await w.page.locator('job-row', { hasText: 'kb-job-3' }).waitFor();
    const order = await shownIds(w);
    expect(order).toEqual(['kb-job-3', 'kb-job-2', 'kb-job-1']); // newest first
    await w.page.focus('job-list');
    await w.page.keyboard.press('ArrowDown');
    expect(await selectedId(w)).toBe('kb-job-2');
    expect(await w.page.getAttribute('job-list', 'aria-activedescendant')).toBe('row-1');
    const record = structuredClone(w.controller.session!.store.get('kb-job-2'));
    await w.page.keyboard.press('Delete');
    await w.page.locator('job-row', { hasText: 'kb-job-2' }).waitFor({ state: 'detached' });
    expect(w.controller.session!.store.get('kb-job-2')).toBeUndefined();
    await w.page.getByRole('button', { name: 'Undo' }).click();
    await w.page.locator('job-row', { hasText: 'kb-job-2' }).waitFor();
    expect(await shownIds(w)).toEqual(order);
    expect(w.controller.session!.store.get('kb-job-2')).toEqual({ ...record, changedAt: expect.any(Number) }); // changedAt moves on: other processes merge by it
    await w.page.reload(); // main's order agrees
    await w.page.locator('job-row', { hasText: 'kb-job-1' }).waitFor();
    expect(await shownIds(w)).toEqual(order);
  });

  it('keeps the selection on its job when another job arrives: Delete removes that job', async () => {
    const w = await openWindow({ token: TOKEN, settings: { pollIntervalSec: 3600 } });
    for (const id of ['sel-job-1', 'sel-job-2', 'sel-job-3']) await add(w, id);
    await w.page.locator('job-row', { hasText: 'sel-job-3' }).waitFor();
    await w.page.focus('job-list');
    await w.page.keyboard.press('ArrowDown');
    expect(await selectedId(w)).toBe('sel-job-2');
    await add(w, 'sel-job-4'); // arrives on top: every row moves down one place
    await w.page.locator('job-row', { hasText: 'sel-job-4' }).waitFor();
    expect(await selectedId(w)).toBe('sel-job-2');
    await w.page.keyboard.press('Delete');
    await w.page.locator('job-row', { hasText: 'sel-job-2' }).waitFor({ state: 'detached' });
    expect(await shownIds(w)).toEqual(['sel-job-4', 'sel-job-3', 'sel-job-1']);
    expect(
      w.controller
        .session!.store.all()
        .map((j) => j.jobid)
        .sort(),
    ).toEqual(['sel-job-1', 'sel-job-3', 'sel-job-4']);
  });

  it('Undo after Delete neither notifies again nor saves a second copy of the video', async () => {
    const { sim, settings } = await withSim();
    const w = await openWindow({ token: TOKEN, settings });
    const { jobs, fileOf } = await savedJobs(w, sim, ['A whale breaching at sunset']);
    const jobid = jobs[0]!.jobid;
    const record = structuredClone(w.controller.session!.store.get(jobid));
    expect(titles().filter((t) => t === 'Video ready')).toHaveLength(1);

    await w.page.focus('job-list'); // selects the first (only) row
    await w.page.keyboard.press('Delete');
    await w.page.locator('job-row', { hasText: 'A whale breaching' }).waitFor({ state: 'detached' });
    await w.page.getByRole('button', { name: 'Undo' }).click();
    await w.page.locator('job-row', { hasText: 'A whale breaching' }).locator('.saved').waitFor();
    // A job added afterwards and fully saved: by then a re-tracked job would have been polled and saved again.
    await savedJobs(w, sim, ['A later job, saved after the undo']);

    expect(w.controller.session!.store.get(jobid)).toEqual({ ...record, changedAt: expect.any(Number) }); // changedAt moves on: other processes merge by it
    expect(titles().filter((t) => t === 'Video ready')).toHaveLength(2);
    expect(
      titles().filter((t) => t === 'Video saved'),
      titles().join(),
    ).toHaveLength(2);
    const videos = fs.readdirSync(w.dirs.downloads).sort();
    expect(videos).toHaveLength(2);
    expect(videos.some((name) => name.includes('(2)'))).toBe(false);
    expect(fs.existsSync(fileOf(jobid))).toBe(true);
  });

  it("acts on the row a key was pressed in: Enter presses that row's button only, Backspace removes that row", async () => {
    const { sim, settings } = await withSim();
    const w = await openWindow({ token: TOKEN, settings });
    const { jobs, fileOf } = await savedJobs(w, sim, ['Older row: a lantern', 'Newer row: a comet']);
    const [older, newer] = jobs.map((job) => job.jobid) as [string, string];
    await w.page.focus('job-list');
    expect(await selectedId(w)).toBe(newer);

    const olderRow = w.page.locator('job-row', { hasText: 'Older row' });
    await olderRow.getByRole('button', { name: 'Open' }).focus();
    await w.page.keyboard.press('Enter');
    await until(() => shell.opened.length >= 1);
    await olderRow.getByRole('button', { name: 'Show in folder' }).click(); // a later call, as a barrier
    await until(() => shell.revealed.length === 1);
    expect(shell.opened).toEqual([fileOf(older)]);

    await olderRow.getByRole('button', { name: 'Open' }).focus();
    await w.page.keyboard.press('Backspace');
    await olderRow.waitFor({ state: 'detached' });
    expect(await shownIds(w)).toEqual([newer]);
    expect(w.controller.session!.store.get(newer)).toBeDefined();
    expect(w.controller.session!.store.get(older)).toBeUndefined();
  });
});

describe('the jobs window: mouse, and the Undo snackbar', () => {
  it('selects a row on click and opens its saved video on double-click', async () => {
    const { sim, settings } = await withSim();
    const w = await openWindow({ token: TOKEN, settings });
    const { jobs, fileOf } = await savedJobs(w, sim, ['Clicked: a meadow', 'Other: a canyon']);
    const meadow = w.page.locator('job-row', { hasText: 'Clicked: a meadow' });
    await meadow.locator('.prompt').click();
    expect(await selectedId(w)).toBe(jobs[0]!.jobid);
    expect(await w.page.locator(':focus').evaluate((el) => el.tagName)).toBe('JOB-LIST');
    expect(shell.opened).toEqual([]);
    await w.page.keyboard.press('ArrowUp'); // the keys go on from the clicked row
    expect(await selectedId(w)).toBe(jobs[1]!.jobid);
    await meadow.locator('.prompt').dblclick();
    await until(() => shell.opened.length === 1);
    expect(shell.opened).toEqual([fileOf(jobs[0]!.jobid)]);
  });

  it('Enter on a row without a saved video downloads it when it can, and otherwise says there is none', async () => {
    const { sim, settings } = await withSim();
    const w = await openWindow({ token: TOKEN, settings: { ...settings, autoDownload: false } });
    const done = sim.addJob({ prompt: 'Not saved: a lagoon', timeline: [{ atMs: 0, status: 'completed' }] });
    const failed = sim.addJob({ prompt: 'Failed: a glacier', timeline: [{ atMs: 0, status: 'failed' }] });
    for (const job of [done, failed]) await add(w, job.jobid);
    const lagoon = w.page.locator('job-row', { hasText: 'Not saved: a lagoon' });
    const glacier = w.page.locator('job-row', { hasText: 'Failed: a glacier' });
    await lagoon.locator('.badge', { hasText: 'completed' }).waitFor({ timeout: 20_000 });
    await glacier.locator('.badge', { hasText: 'failed' }).waitFor({ timeout: 20_000 });
    await lagoon.locator('.thumb').click();
    await w.page.keyboard.press('Enter');
    await lagoon.locator('.saved').waitFor({ timeout: 20_000 });
    await glacier.locator('.thumb').dblclick();
    await glacier.locator('.row-note', { hasText: 'This job has no video to open.' }).waitFor();
    expect(shell.opened).toEqual([]);
  });

  it('Delete after a click selects the next row; Undo selects the job again, the keys still on the list', async () => {
    const w = await openWindow({ token: TOKEN, settings: { pollIntervalSec: 3600 } });
    const ids = ['click-del-1', 'click-del-2', 'click-del-3', 'click-del-4', 'click-del-5'];
    for (const id of ids) await add(w, id);
    await w.page.locator('job-row', { hasText: 'click-del-5' }).waitFor();
    // Shown newest first: 5, 4, 3, 2, 1. A click on the fourth row, then Delete.
    await w.page.locator('job-row', { hasText: 'click-del-2' }).locator('.jobid').click();
    expect(await selectedId(w)).toBe('click-del-2');
    await w.page.keyboard.press('Delete');
    await w.page.locator('job-row', { hasText: 'click-del-2' }).waitFor({ state: 'detached' });
    await until(async () => (await selectedId(w)) === 'click-del-1');
    await w.page.getByRole('button', { name: 'Undo' }).click();
    await w.page.locator('job-row', { hasText: 'click-del-2' }).waitFor();
    await until(async () => (await selectedId(w)) === 'click-del-2');
    expect(await w.page.locator(':focus').evaluate((el) => el.tagName)).toBe('JOB-LIST');
    await w.page.keyboard.press('ArrowUp');
    expect(await selectedId(w)).toBe('click-del-3');
  });

  it("moves the menu's focus with the pointer: one item highlighted, and the arrows go on from it", async () => {
    const w = await openWindow({ token: TOKEN, settings: { pollIntervalSec: 3600 } });
    await add(w, 'menu-hover-1');
    const row = w.page.locator('job-row', { hasText: 'menu-hover-1' });
    await row.hover();
    await row.getByRole('button', { name: /^More actions for/ }).click();
    const items = w.page.getByRole('menuitem');
    const focused = () => w.page.locator('[role=menuitem]:focus').textContent();
    expect((await focused())?.trim()).toBe((await items.nth(0).textContent())?.trim());
    await items.nth(1).hover();
    expect((await focused())?.trim()).toBe((await items.nth(1).textContent())?.trim());
    await w.page.keyboard.press('ArrowDown');
    expect((await focused())?.trim()).toBe((await items.nth(2).textContent())?.trim());
  });

  it.each(['the ⋯ menu', 'Backspace on a row button'])(
    'a removal through %s leaves the focus on the list, where the keys go on',
    async (how) => {
      const w = await openWindow({ token: TOKEN, settings: { pollIntervalSec: 3600 } });
      for (const id of ['focus-rm-1', 'focus-rm-2', 'focus-rm-3']) await add(w, id);
      const row = w.page.locator('job-row', { hasText: 'focus-rm-2' });
      await row.waitFor();
      await row.locator('.jobid').click();
      const more = row.getByRole('button', { name: /^More actions for/ });
      if (how === 'the ⋯ menu') {
        await more.click();
        await w.page.getByRole('menuitem', { name: 'Remove' }).click();
      } else {
        await more.focus();
        await w.page.keyboard.press('Backspace');
      }
      await row.waitFor({ state: 'detached' });
      await expect.poll(() => w.page.evaluate('document.activeElement?.tagName')).toBe('JOB-LIST');
      await w.page.keyboard.press('ArrowUp');
      expect(await selectedId(w)).toBe('focus-rm-3');
    },
  );

  it.each(['Undo', 'Dismiss'])(
    'the Undo line, once closed with %s, stays closed when the window draws again',
    async (button) => {
      const w = await openWindow({ token: TOKEN, settings: { pollIntervalSec: 3600 } });
      for (const id of ['undo-gone-1', 'undo-gone-2']) await add(w, id);
      await w.page.locator('job-row', { hasText: 'undo-gone-2' }).waitFor();
      await w.page.focus('job-list');
      await w.page.keyboard.press('Delete');
      const snackbar = w.page.locator('.snackbar');
      await snackbar.getByRole('button', { name: button }).click();
      await snackbar.waitFor({ state: 'detached' });
      // Anything that draws the window again: a filter chosen and left, a job added.
      await w.page.locator('.filters button', { hasText: 'Active' }).click();
      await w.page.locator('.filters button', { hasText: 'All' }).click();
      await add(w, 'undo-gone-3');
      await w.page.locator('job-row', { hasText: 'undo-gone-3' }).waitFor();
      await w.page.waitForTimeout(200);
      expect(await snackbar.count()).toBe(0);
    },
  );

  it('keeps the Undo snackbar on one line, and lets it go by itself after 8 s unless hovered or focused', async () => {
    const w = await openWindow({ token: TOKEN, settings: { pollIntervalSec: 3600 } });
    const long = `user:1-job:${'a-very-long-jobid-'.repeat(12)}end`;
    await add(w, long);
    await w.page.locator('job-row', { hasText: 'a-very-long-jobid' }).waitFor();
    await w.page.clock.install();
    await w.page.focus('job-list');
    await w.page.keyboard.press('Delete');
    const snackbar = w.page.locator('.snackbar');
    await snackbar.waitFor();
    const box = (await snackbar.boundingBox())!;
    const button = (await snackbar.getByRole('button', { name: 'Undo' }).boundingBox())!;
    expect(box.height).toBeLessThan(button.height * 2); // one line: the text never wraps into a column
    expect(box.width).toBeLessThanOrEqual(w.page.viewportSize()!.width);
    await w.page.getByRole('button', { name: 'Undo' }).waitFor();

    await snackbar.hover();
    await w.page.clock.runFor(20_000);
    expect(await snackbar.count()).toBe(1); // held while the pointer is on it
    await w.page.getByRole('button', { name: 'Undo' }).focus();
    await w.page.mouse.move(1, 1);
    await w.page.clock.runFor(20_000);
    expect(await snackbar.count()).toBe(1); // and while it has the focus
    await w.page.focus('job-list');
    await w.page.clock.runFor(7_000);
    expect(await snackbar.count()).toBe(1);
    await w.page.clock.runFor(1_500);
    await snackbar.waitFor({ state: 'detached' });
    expect(w.controller.session!.store.get(long)).toBeUndefined();
  });
});
