import { describe, expect, it } from 'vitest';
import { v1Job } from '../helpers/v1-jobs.js';
import { useSimulatedApi, useWindow, WINDOW_TOKEN } from '../helpers/window-harness.js';

const { withSim } = useSimulatedApi();
const openWindow = useWindow();

const JOBS = 5000;
const PAGE = 100;
const jobidAt = (i: number) => `user:1-page:${String(i).padStart(5, '0')}`;
/** Every 137th job is about a heron: 37 of them, the search below finds those. */
const isHeron = (i: number) => i % 137 === 0;

type Window = Awaited<ReturnType<typeof openWindow>>;

/** The window on a database of JOBS finished jobs (job 0 the oldest), loaded afresh, its traffic counted from there. */
async function windowOnManyJobs() {
  const { sim, settings } = await withSim();
  const w = await openWindow({ token: WINDOW_TOKEN, settings: { ...settings, autoDownload: false } });
  const store = w.controller.session!.store;
  for (let i = 0; i < JOBS; i++) {
    store.add(jobidAt(i));
    store.update(jobidAt(i), {
      state: 'completed',
      addedAt: 1_700_000_000_000 + i,
      job: v1Job(jobidAt(i), {
        status: 'completed',
        prompt: isHeron(i) ? `A grey heron, take ${i}` : 'a cat',
      }),
    });
  }
  await w.page.reload();
  await w.page.locator('job-row', { hasText: jobidAt(JOBS - 1) }).waitFor();
  return { sim, w };
}

const shownIds = (w: Window) => w.page.locator('job-row .jobid').allTextContents();
/** Rows the window holds in memory (the page cache of its list). */
const heldRows = (w: Window) =>
  w.page
    .locator('job-list')
    .evaluate((list) => (list as unknown as { pages: { cachedRows: number } }).pages.cachedRows);

describe(`the jobs window over ${JOBS} jobs asks the main process for the rows it shows`, () => {
  it('holds a few pages, scrolls and keys to the end, and searches through the main process', async () => {
    const { w } = await windowOnManyJobs();
    expect(w.traffic.pages.at(-1)).toMatchObject({ total: JOBS });
    expect(w.traffic.rows).toBeLessThanOrEqual(2 * PAGE);
    expect((await shownIds(w))[0]).toBe(jobidAt(JOBS - 1)); // newest first

    // Scrolled to the bottom: the oldest job shows, its page fetched, and the window still holds only a few pages.
    await w.page.locator('.scroller').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await w.page.locator('job-row', { hasText: jobidAt(0) }).waitFor();
    expect(await heldRows(w)).toBeLessThanOrEqual(5 * PAGE);
    // Home and End move the selection across pages, each fetched as needed.
    await w.page.focus('job-list');
    await w.page.keyboard.press('Home');
    await w.page.locator('job-row[selected]', { hasText: jobidAt(JOBS - 1) }).waitFor();
    await w.page.keyboard.press('End');
    await w.page.locator('job-row[selected]', { hasText: jobidAt(0) }).waitFor();
    await w.page.keyboard.press('PageUp');
    await w.page.keyboard.press('ArrowUp');
    await w.page.locator('job-row[selected]').waitFor();
    const selected = Number((await w.page.locator('job-row[selected] .jobid').textContent())!.slice(-5));
    expect(selected).toBeGreaterThan(1);
    expect(w.traffic.rows).toBeLessThanOrEqual(6 * PAGE);
    expect(await heldRows(w)).toBeLessThanOrEqual(5 * PAGE);

    // A search: the main process counts and pages the matches.
    // Typed key by key: the main process is asked once the typing pauses, not for every key.
    const asked = w.traffic.pages.length;
    await w.page.locator('input[type=search]').pressSequentially('GREY heron');
    const herons = Array.from({ length: JOBS }, (_, i) => i).filter(isHeron);
    const heronIds = herons.map(jobidAt).reverse(); // newest first
    const showsHerons = async () => {
      const ids = await shownIds(w);
      return ids.length > 0 && ids.every((id, k) => id === heronIds[k]);
    };
    await expect.poll(showsHerons).toBe(true);
    const searches = w.traffic.pages.slice(asked).map((p) => (p.query as { search: string }).search);
    expect(searches.length).toBeLessThan('GREY heron'.length);
    expect(w.traffic.pages.at(-1)).toMatchObject({
      query: { search: 'GREY heron', offset: 0 },
      total: herons.length,
    });
    const spacer = await w.page.locator('.spacer').evaluate((el) => el.getBoundingClientRect().height);
    const rowHeight = await w.page
      .locator('job-row')
      .first()
      .evaluate((el) => el.getBoundingClientRect().height);
    expect(spacer).toBe(herons.length * rowHeight);
    expect(w.problems).toEqual({ dialogs: [], errors: [], csp: [] });
  }, 60_000);

  it('Delete on the last job, pages away from the first: its neighbour is selected, the total drops', async () => {
    const { w } = await windowOnManyJobs();
    await w.page.focus('job-list');
    await w.page.keyboard.press('End');
    await w.page.locator('job-row[selected]', { hasText: jobidAt(0) }).waitFor();
    await w.page.keyboard.press('ArrowUp');
    await w.page.locator('job-row[selected]', { hasText: jobidAt(1) }).waitFor();
    await w.page.keyboard.press('Delete');
    await w.page.locator('job-row', { hasText: jobidAt(1) }).waitFor({ state: 'detached' });
    expect(w.controller.session!.store.get(jobidAt(1))).toBeUndefined();
    await w.page.locator('job-row[selected]', { hasText: jobidAt(0) }).waitFor();
    await expect.poll(() => w.traffic.pages.at(-1)?.total).toBe(JOBS - 1);
    await w.page.getByRole('button', { name: 'Undo' }).click();
    await w.page.locator('job-row', { hasText: jobidAt(1) }).waitFor();
    expect(w.traffic.pages.at(-1)?.total).toBe(JOBS);
  }, 60_000);

  it('shows a new job on top, updates its row as it runs and finishes, and drops it from Active when done', async () => {
    const { sim, w } = await windowOnManyJobs();
    const job = sim.addJob({ durationMs: 300_000, prompt: 'A heron landing on a pier' });
    await w.page.getByRole('button', { name: 'Active' }).click();
    await w.page.locator('.empty', { hasText: 'No job matches.' }).waitFor();
    await w.page.evaluate((id) => window.pixverse.addJob(id), job.jobid);
    const row = w.page.locator('job-row', { hasText: 'A heron landing on a pier' });
    await row.locator('.badge', { hasText: /queued|running/ }).waitFor();
    // It finished: no longer active, it leaves this list, and the main process says none is left.
    await row.waitFor({ state: 'detached', timeout: 20_000 });
    await w.page.locator('.empty', { hasText: 'No job matches.' }).waitFor();
    expect(w.traffic.pages.at(-1)).toMatchObject({ query: { filter: 'active' }, total: 0 });
    // The empty list offers the way back to every job.
    await w.page.locator('.empty').getByRole('button', { name: 'Show all jobs' }).click();
    await expect
      .poll(() => w.page.getByRole('button', { name: /^All/ }).getAttribute('aria-pressed'))
      .toBe('true');
    await row.locator('.badge', { hasText: 'completed' }).waitFor();
    expect((await shownIds(w))[0]).toBe(job.jobid);
    expect(w.traffic.rows).toBeLessThanOrEqual(6 * PAGE);
  }, 60_000);
});
