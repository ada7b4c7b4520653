import { describe, expect, it } from 'vitest';
import { EVERY_JOB, until } from '../helpers/app-harness.js';
import { useSimulatedApi, useWindow, WINDOW_TOKEN } from '../helpers/window-harness.js';

// Split from window-actions.test.ts (the file grew past 300 lines): the header's Pause/Resume and
// what the tray asks of the window.
const { withSim } = useSimulatedApi();
const openWindow = useWindow();
const TOKEN = WINDOW_TOKEN;

type Window = Awaited<ReturnType<typeof openWindow>>;
const add = (w: Window, jobid: string) => w.page.evaluate((id) => window.pixverse.addJob(id), jobid);
const rowOf = (w: Window, text: string) => w.page.locator('job-row', { hasText: text });

describe('polling and the tray', () => {
  it('pauses and resumes polling from the window header', async () => {
    const w = await openWindow({ token: TOKEN, settings: { pollIntervalSec: 3600 } });
    await w.page.getByRole('button', { name: 'Pause polling' }).click();
    await w.page.getByRole('button', { name: 'Resume polling' }).waitFor();
    expect(w.controller.state().paused).toBe('user');
    await w.page.getByRole('button', { name: 'Resume polling' }).click();
    await w.page.getByRole('button', { name: 'Pause polling' }).waitFor();
    expect(w.controller.state().paused).toBeNull();
    w.controller.session!.scheduler.pause(); // from the tray: the header follows
    await w.page.getByRole('button', { name: 'Resume polling' }).waitFor();
  });

  it('drops a failing job\'s "Next try in …" while polling is paused, and says it again on Resume', async () => {
    const { sim, settings } = await withSim();
    const job = sim.addJob({ durationMs: 3_600_000, prompt: 'A job the server keeps failing' });
    sim.faults.add(
      { kind: 'status', status: 500, error: 'Hiccup' },
      { route: 'job', jobid: job.jobid, count: 1000 },
    );
    const w = await openWindow({ token: TOKEN, settings: { ...settings, autoDiscovery: false } });
    await add(w, job.jobid);
    const detail = rowOf(w, job.jobid).locator('.detail');
    await detail.filter({ hasText: /answered 500: Hiccup\. Next try in/ }).waitFor();
    await w.page.getByRole('button', { name: 'Pause polling' }).click();
    await expect.poll(() => detail.textContent()).toMatch(/answered 500: Hiccup\.$/);
    await w.page.getByRole('button', { name: 'Resume polling' }).click();
    await detail.filter({ hasText: /answered 500: Hiccup\. Next try in/ }).waitFor();
  });

  it('shows the job a tray "recent job" names, selected, past the first page and through a search that hid it', async () => {
    const w = await openWindow({ token: TOKEN, settings: { pollIntervalSec: 3600 } });
    const ids = Array.from({ length: 60 }, (_, i) => `user:1-job:tray-${String(i).padStart(2, '0')}`);
    for (const id of ids.slice(0, -1)) w.controller.session!.store.add(id);
    await add(w, ids.at(-1)!); // tracked through the engine: the tray lists it
    await w.page.reload();
    await rowOf(w, 'tray-59').waitFor();
    await until(() =>
      w
        .tray()
        .labels()
        .some((label) => label.includes('tray-59')),
    );
    await w.page.fill('input[type=search]', 'tray-5');
    await expect.poll(() => w.page.locator('job-row').count()).toBe(10);

    // The newest job, from the tray menu: its item is a submenu (it runs), whose Show in Window shows it.
    const item = w.tray().menu!.items.find((i) => i.label?.includes('tray-59')) as {
      submenu: { label: string; click(): void }[];
    };
    item.submenu.find((i) => i.label === 'Show in Window')!.click();
    await w.page.locator('job-row[selected]', { hasText: 'tray-59' }).waitFor();

    // An old one (as a notification names it): the search is cleared and its page fetched.
    w.controller.openWindow('jobs', 'user:1-job:tray-03');
    const selected = w.page.locator('job-row[selected]', { hasText: 'tray-03' });
    await selected.waitFor();
    expect(await w.page.inputValue('input[type=search]')).toBe('');
    const { rows } = (await w.invoke('queryJobs', EVERY_JOB)) as { rows: { jobid: string }[] };
    const index = rows.findIndex((job) => job.jobid === 'user:1-job:tray-03');
    expect(index).toBeGreaterThanOrEqual(25); // beyond the first page
    expect(await selected.getAttribute('aria-rowindex')).toBe(String(index + 1));
    expect(await w.page.locator('job-list').getAttribute('aria-activedescendant')).toBe(`row-${index}`);
  });

  it('focuses the add field for the tray\'s "Add Job…"', async () => {
    const w = await openWindow({ token: TOKEN, settings: { pollIntervalSec: 3600 } });
    w.tray().click('Add Job…');
    await expect.poll(() => w.page.locator(':focus').getAttribute('id')).toBe('add-job');
  });
});
