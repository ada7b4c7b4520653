import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import type { Job } from '../../main/core/jobs/job.js';
import { artifact } from '../helpers/browser.js';
import { tempDir } from '../helpers/temp.js';
import { useWindow, WINDOW_TOKEN } from '../helpers/window-harness.js';
import { trackedStateOf, v2Seed } from '../helpers/window-job-seeds.js';

// What the window's width changes, measured in Chromium: the selected row's buttons, the header's lines.
const openWindow = useWindow();
type Window = Awaited<ReturnType<typeof openWindow>>;

/** One job into the window's database, selected: the row whose buttons show while it is read. */
async function selectOne(w: Window, job: Job, downloads: Record<string, unknown> = {}): Promise<Locator> {
  const session = w.controller.session!;
  session.store.add(job.id, job.source);
  session.store.update(job.id, { state: trackedStateOf(job), job, downloads } as never);
  await w.page.reload();
  const row = w.page.locator('job-row').first();
  await row.locator('.thumb').click();
  await expect.poll(() => row.getAttribute('selected')).not.toBeNull();
  return row;
}

/** How much of the row's prompt is left in view beside its buttons (they lie over the row's end). */
async function promptRoom(row: Locator): Promise<number> {
  const prompt = (await row.locator('.prompt').boundingBox())!;
  const actions = (await row.locator('.actions').boundingBox())!;
  return actions.x - prompt.x;
}

describe('the selected row in a narrow window (Chromium, measured)', () => {
  const PROMPT = 'A red fox running through fresh snow at dawn, slow motion, golden light';

  it('leaves most of the prompt in view beside Open and the menu at 560 px', async () => {
    const w = await openWindow({ token: WINDOW_TOKEN, viewport: { width: 560, height: 400 } });
    const file = path.join(tempDir('layout'), 'fox.mp4');
    fs.writeFileSync(file, 'not a real video');
    const job: Job = { source: 'v1', id: 'user:1-job:fox', state: 'completed', prompt: PROMPT, results: [] };
    const row = await selectOne(w, job, { '#0': { state: 'saved', file, bytes: 16 } });
    await w.page.screenshot({ path: artifact('layout-560-selected.png') });
    expect(await promptRoom(row)).toBeGreaterThanOrEqual(220); // 107 px with both buttons shown
    // The first action stays on the row; the others are in its menu.
    await expect(row.getByRole('button', { name: /^Open/ }).isVisible()).resolves.toBe(true);
    await expect(row.getByRole('button', { name: /^Show in folder/ }).isVisible()).resolves.toBe(false);
    await row.getByRole('button', { name: /^More actions/ }).click();
    await expect(w.page.getByRole('menuitem', { name: 'Show in folder' }).isVisible()).resolves.toBe(true);
  });

  it('keeps room for the prompt of a running v2 job at 360 px, its stop in the menu', async () => {
    const w = await openWindow({ token: WINDOW_TOKEN, viewport: { width: 360, height: 640 } });
    const row = await selectOne(w, v2Seed(1, { state: 'queued', prompt: PROMPT }));
    await w.page.screenshot({ path: artifact('layout-360-selected-v2.png') });
    expect(await promptRoom(row)).toBeGreaterThanOrEqual(120);
    await row.getByRole('button', { name: /^More actions/ }).click();
    await expect(w.page.getByRole('menuitem', { name: 'Stop tracking at useapi' }).isVisible()).resolves.toBe(
      true,
    );
  });
});

describe("the header at the window's default width (Chromium, measured)", () => {
  it.each([
    [960, 0, 130],
    [960, 150, 100],
    [1100, 1500, 130],
  ])(
    'is one line at %i px with %i other jobs: the search and add fields give way before Pause wraps',
    async (width, others, addWidth) => {
      const w = await openWindow({ token: WINDOW_TOKEN, viewport: { width, height: 700 } });
      // Four-digit counts (finished jobs only: nothing is asked of any API), half of them failed.
      const store = w.controller.session!.store;
      for (let i = 0; i < others; i++) {
        store.add(`user:1-job:other-${i}`, 'v1');
        store.update(`user:1-job:other-${i}`, { state: i % 2 ? 'failed' : 'completed' });
      }
      await selectOne(w, { source: 'v1', id: 'user:1-job:header', state: 'running', results: [] });
      const header = w.page.locator('header');
      const pause = (await header.getByRole('button', { name: 'Pause polling' }).boundingBox())!;
      const jobs = (await header.getByRole('button', { name: 'Jobs', exact: true }).boundingBox())!;
      expect(Math.abs(pause.y - jobs.y)).toBeLessThanOrEqual(4);
      expect((await w.page.locator('header input[type=search]').boundingBox())!.width).toBeGreaterThanOrEqual(
        100,
      );
      expect((await w.page.locator('#add-job').boundingBox())!.width).toBeGreaterThanOrEqual(addWidth);
    },
  );
});
