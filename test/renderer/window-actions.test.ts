import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clipboard, shell } from '../fakes/electron.js';
import { until } from '../helpers/app-harness.js';
import { addCompletedJob, useSimulatedApi, useWindow, WINDOW_TOKEN } from '../helpers/window-harness.js';

const { withSim } = useSimulatedApi();
const openWindow = useWindow();
const TOKEN = WINDOW_TOKEN;

type Window = Awaited<ReturnType<typeof openWindow>>;
type Sim = Awaited<ReturnType<typeof withSim>>['sim'];
const add = (w: Window, jobid: string) => w.page.evaluate((id) => window.pixverse.addJob(id), jobid);
const rowOf = (w: Window, text: string) => w.page.locator('job-row', { hasText: text });
const menu = (w: Window) => w.page.getByRole('menu');
const download = (w: Window, jobid: string) =>
  Object.values(w.controller.session!.store.get(jobid)?.downloads ?? {})[0];

/** After a scroll, its event (sent with the next frame) has come: a menu opened now is not closed by it. */
const scrolled = (w: Window) =>
  w.page.evaluate(`new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))`);

async function savedJob(w: Window, sim: Sim, prompt: string) {
  const jobid = await addCompletedJob(w, sim, prompt);
  await rowOf(w, prompt).locator('.saved').waitFor({ timeout: 20_000 });
  return { jobid, file: download(w, jobid)!.file! };
}

/**
 * Clicks Open on a row whose saved file was deleted and waits until the row says it is gone. Main
 * may learn it first (a later update of the job re-reads the folder): then the row says so in its
 * detail line and offers Download again instead of Open, and has no note to add.
 */
async function openGone(row: ReturnType<typeof rowOf>, prompt: string) {
  const mainKnows = row.locator('.badge', { hasText: 'file missing' });
  await row
    .getByRole('button', { name: `Open ‘${prompt}’` })
    .click({ timeout: 10_000 })
    .catch(async (error: unknown) => {
      if ((await mainKnows.count()) === 0) throw error;
    });
  await row
    .locator('.row-note', { hasText: /The saved file .+ is no longer there\./ })
    .or(mainKnows)
    .waitFor();
}

describe('actions on a job', () => {
  it('offers only the actions that apply: Download when downloads are not automatic, Cancel while running', async () => {
    const { sim, settings } = await withSim();
    const w = await openWindow({ token: TOKEN, settings: { ...settings, autoDownload: false } });
    const done = await addCompletedJob(w, sim, 'A kite over dunes');
    const running = sim.addJob({ durationMs: 3_600_000, prompt: 'A slow glacier' });
    await add(w, running.jobid);
    const slow = rowOf(w, 'A slow glacier');
    await slow.locator('.badge', { hasText: /queued|running/ }).waitFor();
    const buttons = (text: string) =>
      rowOf(w, text)
        .getByRole('button')
        .evaluateAll((all) => all.map((b) => b.getAttribute('aria-label')));
    expect(await buttons('A kite over dunes')).toEqual([
      'Download ‘A kite over dunes’',
      'More actions for ‘A kite over dunes’',
    ]);
    expect(await buttons('A slow glacier')).toEqual([
      'Cancel ‘A slow glacier’',
      'More actions for ‘A slow glacier’',
    ]);
    await slow.click({ button: 'right' });
    expect(await menu(w).getByRole('menuitem').allTextContents()).toEqual([
      expect.stringContaining('Cancel'),
      expect.stringContaining('Copy jobid'),
      expect.stringContaining('Remove'),
    ]);
    // Remove stands apart: a separator comes right before it, and only there.
    expect(await menu(w).locator('hr[role=separator] + [role=menuitem]').allTextContents()).toEqual([
      expect.stringContaining('Remove'),
    ]);
    await w.page.keyboard.press('Escape');

    // Download: the video appears in the download folder, and the row then offers Open.
    await rowOf(w, 'A kite over dunes').getByRole('button', { name: 'Download ‘A kite over dunes’' }).click();
    await until(() => download(w, done)?.state === 'saved', 20_000);
    expect(fs.readdirSync(w.dirs.downloads)).toEqual([expect.stringMatching(/\.mp4$/)]);
    await rowOf(w, 'A kite over dunes').getByRole('button', { name: 'Open ‘A kite over dunes’' }).click();
    await until(() => shell.opened.length === 1);
    expect(shell.opened).toEqual([download(w, done)!.file]);
    expect(w.problems).toEqual({ dialogs: [], errors: [], csp: [] });
  }, 60_000);

  it('says when the saved file is gone and downloads it again on request', async () => {
    const { sim, settings } = await withSim();
    const w = await openWindow({ token: TOKEN, settings });
    const { jobid, file } = await savedJob(w, sim, 'A harbour at dusk');
    fs.rmSync(file);
    const row = rowOf(w, 'A harbour at dusk');
    await openGone(row, 'A harbour at dusk');
    const said = (await row.locator('.main, .actions').allTextContents()).join(' ');
    expect(said.match(/no longer (in the folder|there)/g)).toHaveLength(1);
    expect(shell.opened).toEqual([]);
    await row.getByRole('button', { name: 'Download again ‘A harbour at dusk’' }).click();
    await until(() => download(w, jobid)?.state === 'saved' && fs.existsSync(file), 20_000);
    await row.locator('.row-note').waitFor({ state: 'detached' });
    await row.getByRole('button', { name: 'Open ‘A harbour at dusk’' }).click();
    await until(() => shell.opened.length === 1);
    expect(shell.opened).toEqual([file]);
  }, 60_000);

  it('says a saved file is gone once, and offers Download again rather than Open, when main knows it too', async () => {
    const { sim, settings } = await withSim();
    const w = await openWindow({ token: TOKEN, settings });
    await savedJob(w, sim, 'A lantern on a pier');
    const { file } = await savedJob(w, sim, 'A harbour at dusk');
    fs.rmSync(file);
    const row = rowOf(w, 'A harbour at dusk');
    await openGone(row, 'A harbour at dusk');
    // The list asks main again (a filter and back): the job's view now says the file is missing.
    await w.page.getByRole('button', { name: /^Finished\b/ }).click();
    await w.page.getByRole('button', { name: /^All\b/ }).click();
    await row.locator('.badge', { hasText: 'file missing' }).waitFor();
    const text = (await row.locator('.main, .actions').allTextContents()).join(' ');
    expect(text.match(/no longer (in the folder|there)/g)).toHaveLength(1);
    expect(await row.getByRole('button', { name: 'Download again ‘A harbour at dusk’' }).count()).toBe(1);
    expect(await row.getByRole('button', { name: 'Open ‘A harbour at dusk’' }).count()).toBe(0);
  }, 60_000);

  it('copies the jobid and the video link from the menu: main writes its own record to the clipboard', async () => {
    const { sim, settings } = await withSim();
    const w = await openWindow({ token: TOKEN, settings: { ...settings, autoDownload: false } });
    const jobid = await addCompletedJob(w, sim, 'A copper kettle');
    await rowOf(w, 'A copper kettle').click({ button: 'right' });
    await menu(w).getByRole('menuitem', { name: 'Copy jobid' }).click();
    await menu(w).waitFor({ state: 'detached' });
    await until(() => clipboard.text === jobid);
    await rowOf(w, 'A copper kettle').click({ button: 'right' });
    await menu(w).getByRole('menuitem', { name: 'Copy video URL' }).click();
    const url = w.controller.session!.store.get(jobid)!.job!.results[0]!.url;
    await until(() => clipboard.text === url);
    expect(w.traffic.calls.filter((c) => c === 'copyJobText')).toHaveLength(2);
  }, 60_000);

  it('cancels from the menu, through the confirmation, and removes from the menu with Undo', async () => {
    const { sim, settings } = await withSim();
    const w = await openWindow({ token: TOKEN, settings });
    const running = sim.addJob({ durationMs: 3_600_000, prompt: 'A patient heron' });
    await add(w, running.jobid);
    const row = rowOf(w, 'A patient heron');
    await row.locator('.badge', { hasText: /queued|running/ }).waitFor();
    await row.getByRole('button', { name: 'More actions for ‘A patient heron’' }).click();
    await menu(w).getByRole('menuitem', { name: 'Cancel' }).click();
    const dialog = w.page.getByRole('dialog', { name: 'Cancel this job?' });
    await dialog.getByRole('button', { name: 'Cancel job' }).click();
    await row.locator('.badge', { hasText: 'cancelled' }).waitFor();
    await until(() => sim.apiRequests.some((r) => r.route === 'cancel' && r.jobid === running.jobid));

    await row.click({ button: 'right' });
    await menu(w).getByRole('menuitem', { name: 'Remove' }).click();
    await row.waitFor({ state: 'detached' });
    expect(w.controller.session!.store.get(running.jobid)).toBeUndefined();
    await w.page.getByRole('button', { name: 'Undo' }).click();
    await row.waitFor();
    expect(w.controller.session!.store.get(running.jobid)?.state).toBe('cancelled');
  }, 60_000);
});

describe('a cancel asked while the job ends', () => {
  it('the open dialog says the job has ended and offers nothing to confirm', async () => {
    const { sim, settings } = await withSim();
    const w = await openWindow({ token: TOKEN, settings });
    const running = sim.addJob({
      timeline: [{ atMs: 0, status: 'progress', progress: 40 }],
      prompt: 'A late fox',
    });
    await add(w, running.jobid);
    const row = rowOf(w, 'A late fox');
    await row.locator('.badge', { hasText: 'running' }).waitFor();
    await row.getByRole('button', { name: 'More actions for ‘A late fox’' }).click();
    await menu(w).getByRole('menuitem', { name: 'Cancel' }).click();
    const dialog = w.page.getByRole('dialog', { name: 'Cancel this job?' });
    await dialog.waitFor();
    // The job completes behind the open dialog.
    running.steps.push({ atMs: sim.clock.now() - running.createdAt, status: 'completed' });
    await row.locator('.badge', { hasText: /completed|saved/ }).waitFor({ timeout: 20_000 });
    await dialog.getByText('It ended meanwhile (completed): there is nothing to cancel.').waitFor();
    expect(await dialog.getByRole('button', { name: 'Cancel job' }).count()).toBe(0);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(sim.apiRequests.some((r) => r.route === 'cancel')).toBe(false);
  }, 60_000);
});

describe('a selected job that ends under the Active filter', () => {
  it('leaves nothing selected (Delete removes nothing) rather than a neighbour, and is selected again under All', async () => {
    const { sim, settings } = await withSim();
    const w = await openWindow({ token: TOKEN, settings: { ...settings, autoDownload: false } });
    const running = ['Job A', 'Job B', 'Job C'].map((prompt) =>
      sim.addJob({ timeline: [{ atMs: 0, status: 'progress', progress: 30 }], prompt }),
    );
    for (const job of running) await add(w, job.jobid);
    for (const prompt of ['Job A', 'Job B', 'Job C'])
      await rowOf(w, prompt).locator('.badge', { hasText: 'running' }).waitFor();
    await w.page.getByRole('button', { name: /^Active/ }).click();
    const selected = () => w.page.locator('job-row[selected] .prompt').allTextContents();
    await rowOf(w, 'Job B').locator('.thumb').click();
    await expect.poll(selected).toEqual(['Job B']);
    const b = running[1]!;
    b.steps.push({ atMs: sim.clock.now() - b.createdAt, status: 'completed' });
    await rowOf(w, 'Job B').waitFor({ state: 'detached', timeout: 20_000 });
    await w.page.waitForTimeout(300);
    expect(await selected()).toEqual([]);
    await w.page.locator('job-list').focus();
    await w.page.keyboard.press('Delete');
    await w.page.waitForTimeout(300);
    expect(w.controller.session!.store.all()).toHaveLength(3);
    await w.page.getByRole('button', { name: /^All/ }).click();
    await expect.poll(selected).toEqual(['Job B']);
  }, 60_000);
});

describe('the job menu', () => {
  it('opens with Shift+F10 and the Menu key on the selected row, moves with the arrows, and Escape gives the focus back', async () => {
    const w = await openWindow({ token: TOKEN, settings: { pollIntervalSec: 3600 } });
    for (const id of ['user:1-job:menu-1', 'user:1-job:menu-2']) await add(w, id);
    await rowOf(w, 'menu-1').waitFor();
    await w.page.focus('job-list');
    await w.page.keyboard.press('ArrowDown');
    await w.page.locator('job-row[selected]', { hasText: 'menu-1' }).waitFor();
    for (const key of ['Shift+F10', 'ContextMenu']) {
      await w.page.keyboard.press(key);
      await menu(w).waitFor();
      expect(await menu(w).getAttribute('aria-label')).toBe('Actions for ‘user:1-job:menu-1’');
      const focused = () => w.page.locator(':focus').evaluate((el) => el.textContent?.trim());
      expect(await focused()).toBe('Cancel');
      await w.page.keyboard.press('ArrowDown');
      expect(await focused()).toBe('Copy jobid');
      await w.page.keyboard.press('End');
      expect(await focused()).toBe('Remove');
      await w.page.keyboard.press('ArrowDown'); // wraps round
      expect(await focused()).toBe('Cancel');
      await w.page.keyboard.press('Escape');
      await menu(w).waitFor({ state: 'detached' });
      expect(await w.page.locator(':focus').evaluate((el) => el.tagName)).toBe('JOB-LIST');
    }
    expect(w.controller.session!.store.get('user:1-job:menu-1')).toBeDefined();
  });

  it('closes on a click outside and on a scroll, and never opens off-screen', async () => {
    const w = await openWindow({ token: TOKEN, settings: { pollIntervalSec: 3600 } });
    const ids = Array.from({ length: 12 }, (_, i) => `user:1-job:edge-${String(i).padStart(2, '0')}`);
    for (const id of ids) await add(w, id);
    await rowOf(w, 'edge-11').waitFor();
    const viewport = w.page.viewportSize()!;
    // The last row, at the bottom of the window: right-clicked at its bottom right corner.
    await w.page.focus('job-list');
    await w.page.keyboard.press('End');
    const last = rowOf(w, 'edge-00');
    await w.page.locator('job-row[selected]', { hasText: 'edge-00' }).waitFor();
    await w.page.keyboard.press('Home');
    await w.page.locator('job-row[selected]', { hasText: 'edge-11' }).waitFor();
    await w.page.keyboard.press('End');
    await scrolled(w);
    const box = (await last.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height + 1);
    await last.click({ button: 'right', position: { x: box.width - 3, y: box.height - 3 } });
    await menu(w).waitFor();
    const placed = (await menu(w).boundingBox())!;
    expect(placed.x).toBeGreaterThanOrEqual(0);
    expect(placed.y).toBeGreaterThanOrEqual(0);
    expect(placed.x + placed.width).toBeLessThanOrEqual(viewport.width);
    expect(placed.y + placed.height).toBeLessThanOrEqual(viewport.height);
    expect(await menu(w).getAttribute('aria-label')).toBe('Actions for ‘user:1-job:edge-00’');

    await w.page.mouse.click(5, 5); // outside: on the toolbar
    await menu(w).waitFor({ state: 'detached' });

    await w.page.focus('job-list'); // the click outside left the focus on the page
    await w.page.keyboard.press('Home');
    await w.page.locator('job-row[selected]', { hasText: 'edge-11' }).waitFor();
    await scrolled(w);
    await rowOf(w, 'edge-10').click({ button: 'right' });
    await menu(w).waitFor();
    await w.page.locator('job-list .scroller').evaluate((el) => el.scrollBy(0, 200));
    await menu(w).waitFor({ state: 'detached' });
  });
});
