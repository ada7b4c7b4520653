import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { Job } from '../../main/core/jobs/job.js';
import { artifact } from '../helpers/browser.js';
import { tempDir } from '../helpers/temp.js';
import { useWindow, WINDOW_TOKEN } from '../helpers/window-harness.js';

const openWindow = useWindow();
type Window = Awaited<ReturnType<typeof openWindow>>;

/** The page's parts the code below reads (the tests are compiled without the DOM library). */
type StylePage = {
  getComputedStyle(element: unknown): Record<string, string>;
  document: { documentElement: { scrollWidth: number } };
};
const style = (locator: Locator, property: string) =>
  locator.evaluate(
    (element, name) => (globalThis as unknown as StylePage).getComputedStyle(element)[name]!,
    property,
  );

/** A filter button, named by its label and the count it shows once main has counted. */
const filterButton = (page: Page, label: string) =>
  page.locator('header').getByRole('button', { name: new RegExp(`^${label}( [\\d,]+)?$`) });

/** Finished jobs with saved videos (each row has its buttons), straight into the window's database. */
async function seedJobs(w: Window, count: number): Promise<void> {
  const session = w.controller.session!;
  const folder = tempDir('layout');
  for (let i = 0; i < count; i++) {
    const id = `user:1-job:layout-${String(i).padStart(3, '0')}`;
    const file = path.join(folder, `video-${i}.mp4`);
    fs.writeFileSync(file, 'not a real video');
    const job: Job = {
      source: 'v1',
      id,
      state: 'completed',
      prompt: `Job number ${i}: a long prompt about a lighthouse in a storm, waves and gulls, at dusk`,
      style: 'Realistic',
      created: new Date(Date.now() - i * 60_000).toISOString(),
      results: [],
    };
    session.store.add(id, 'v1');
    session.store.update(id, {
      state: 'completed',
      job,
      downloads: { '#0': { state: 'saved', file, bytes: 16 } },
    });
  }
  await w.page.reload();
  await w.page.locator('job-row .prompt').first().waitFor();
}

/** Rows wholly inside the list's visible area. */
async function rowsInView(page: Page): Promise<number> {
  const list = (await page.locator('job-list .scroller').boundingBox())!;
  let count = 0;
  for (const row of await page.locator('job-row').all()) {
    const box = await row.boundingBox();
    if (box && box.y >= list.y - 0.5 && box.y + box.height <= list.y + list.height + 0.5) count++;
  }
  return count;
}

describe('the window at its smallest (Chromium, measured)', () => {
  it('shows at least 4 rows at 560×400 under one compact header', async () => {
    const w = await openWindow({ token: WINDOW_TOKEN, viewport: { width: 560, height: 400 } });
    await seedJobs(w, 12);
    const header = (await w.page.locator('header').boundingBox())!;
    expect(header.height).toBeLessThanOrEqual(90);
    // Views, filters, search and the add field are all in the one header.
    for (const control of [
      w.page.locator('header').getByRole('button', { name: 'Jobs', exact: true }),
      filterButton(w.page, 'All'),
      filterButton(w.page, 'Problems'),
      w.page.locator('header').getByRole('button', { name: 'Add', exact: true }),
      w.page.locator('header').getByRole('button', { name: 'Pause polling' }),
    ]) {
      const box = (await control.boundingBox())!;
      expect(box.y + box.height, String(control)).toBeLessThanOrEqual(header.y + header.height);
    }
    await expect(w.page.locator('header #add-job').count()).resolves.toBe(1);
    await expect(w.page.locator('header input[type=search]').count()).resolves.toBe(1);
    expect(await rowsInView(w.page)).toBeGreaterThanOrEqual(4);
    // A row's hidden buttons take none of its text's room: the prompt runs to the row's end.
    const row = (await w.page.locator('job-row').nth(1).boundingBox())!;
    const text = (await w.page.locator('job-row').nth(1).locator('.main').boundingBox())!;
    expect(text.x + text.width).toBeGreaterThanOrEqual(row.x + row.width - 20);
    await w.page.screenshot({ path: artifact('layout-560x400.png') });
  });

  it('keeps 4 rows in view at 560×400 while the add field refuses what was typed, until it is edited', async () => {
    const w = await openWindow({ token: WINDOW_TOKEN, viewport: { width: 560, height: 400 } });
    await seedJobs(w, 12);
    await w.page.fill('#add-job', 'hello world');
    await w.page.click('form.add button[type=submit]');
    const error = w.page.locator('#add-error');
    await expect.poll(() => error.textContent()).toMatch(/does not look like a jobid: a jobid has no spaces/);
    // What was wrong, in a line or two: the placeholder already says what to paste.
    const lineHeight = parseFloat(await style(error, 'lineHeight')) || 16;
    expect((await error.boundingBox())!.height).toBeLessThanOrEqual(2 * lineHeight + 1);
    await w.page.screenshot({ path: artifact('layout-560x400-add-refused.png') });
    expect(await rowsInView(w.page)).toBeGreaterThanOrEqual(4);
    await w.page.type('#add-job', 'x');
    await expect.poll(() => error.textContent()).toBe('');
    expect(await w.page.getAttribute('#add-job', 'aria-invalid')).toBe('false');
  });

  it('keeps every row readable and its buttons reachable at 360 px wide', async () => {
    const w = await openWindow({ token: WINDOW_TOKEN, viewport: { width: 360, height: 640 } });
    await seedJobs(w, 8);
    await w.page.locator('job-row .actions button').first().waitFor({ state: 'attached' });
    const header = (await w.page.locator('header').boundingBox())!;
    expect(header.height).toBeLessThanOrEqual(120); // three lines: views and Pause, filters, search and add
    await w.page.screenshot({ path: artifact('layout-360x640.png') });
    expect(
      await w.page.evaluate(() => (globalThis as unknown as StylePage).document.documentElement.scrollWidth),
    ).toBeLessThanOrEqual(360);
    for (const row of (await w.page.locator('job-row').all()).slice(0, 4)) {
      const prompt = (await row.locator('.prompt').boundingBox())!;
      expect(prompt.width).toBeGreaterThanOrEqual(80);
      await row.hover(); // the buttons show on hover; the others are in the row's menu
      const buttons = await row.locator('.actions button:visible').all();
      expect(buttons.length).toBeGreaterThanOrEqual(2); // an action and the menu
      for (const button of buttons) {
        const box = (await button.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(360);
        const rowBox = (await row.boundingBox())!;
        expect(box.y + box.height).toBeLessThanOrEqual(rowBox.y + rowBox.height);
      }
    }
  });
});

describe('the add field in the compact header (Chromium, measured)', () => {
  for (const width of [360, 800]) {
    it(`puts its refusal and its note on the header's last line, under the field, at ${width} px`, async () => {
      const w = await openWindow({ token: WINDOW_TOKEN, viewport: { width, height: 600 } });
      await w.page.fill('#add-job', 'user:1-job:noted');
      await w.page.click('form.add button[type=submit]');
      await w.page.locator('job-row').first().waitFor();
      for (const [text, message] of [
        ['hello world', '#add-error'],
        ['user:1-job:noted', '#add-note'],
      ] as const) {
        await w.page.fill('#add-job', text);
        await w.page.click('form.add button[type=submit]');
        const said = w.page.locator(message);
        await expect.poll(() => said.textContent()).not.toBe('');
        const boxOf = async (selector: string) => (await w.page.locator(selector).boundingBox())!;
        const field = await boxOf('#add-job');
        const add = await boxOf('form.add button[type=submit]');
        const box = await boxOf(message);
        const header = await boxOf('header');
        expect(box.y, message).toBeGreaterThanOrEqual(field.y + field.height - 0.5);
        // The header's whole width: a reason reads on one line where the field's column would wrap it.
        expect(box.x, message).toBeLessThanOrEqual(field.x);
        expect(box.width, message).toBeGreaterThan(header.width - 40);
        expect(box.y + box.height, message).toBeLessThanOrEqual(header.y + header.height + 0.5);
        expect(add.y, message).toBeLessThan(field.y + field.height); // the button stays on the field's line
      }
    });
  }
});

describe('the window in every mode (Chromium)', () => {
  it('has a main landmark, a heading, and nothing outside landmarks', async () => {
    const w = await openWindow({ token: WINDOW_TOKEN });
    await seedJobs(w, 3);
    await expect(w.page.locator('main').count()).resolves.toBe(1);
    await expect(w.page.locator('h1').textContent()).resolves.toBe('PixVerse Tray');
    const outside = await w.page.evaluate(() => {
      type El = {
        children: ArrayLike<El>;
        closest(s: string): unknown;
        textContent: string | null;
        tagName: string;
      };
      const body = (globalThis as unknown as { document: { body: El } }).document.body;
      const found: string[] = [];
      const walk = (element: El) => {
        if (
          element.children.length === 0 &&
          element.textContent?.trim() &&
          !element.closest('header, main, nav, dialog')
        )
          found.push(`${element.tagName}: ${element.textContent.trim().slice(0, 40)}`);
        for (const child of Array.from(element.children)) walk(child);
      };
      walk(body);
      return found;
    });
    expect(outside).toEqual([]);
  });

  it('shows hover and pressed states on its controls', async () => {
    const w = await openWindow({ token: WINDOW_TOKEN });
    await seedJobs(w, 2);
    for (const button of [
      w.page.getByRole('button', { name: 'Settings' }),
      w.page.getByRole('button', { name: 'Finished' }),
      w.page.getByRole('button', { name: 'Add', exact: true }),
      w.page.locator('job-row').first().getByRole('button', { name: 'Open' }),
    ]) {
      const idle = await style(button, 'backgroundColor');
      await button.hover();
      await expect.poll(() => style(button, 'backgroundColor')).not.toBe(idle);
      await w.page.emulateMedia({ reducedMotion: 'reduce' }); // the colour is there at once, no transition
      const hovered = await style(button, 'backgroundColor');
      await w.page.mouse.down();
      await expect.poll(() => style(button, 'backgroundColor')).not.toBe(hovered);
      await w.page.emulateMedia({ reducedMotion: 'no-preference' });
      await w.page.mouse.move(0, 0);
      await w.page.mouse.up();
    }
    const row = w.page.locator('job-row').nth(1);
    const rowIdle = await style(row, 'backgroundColor');
    await row.hover();
    expect(await style(row, 'backgroundColor')).not.toBe(rowIdle);
  });

  it('keeps the selection and the pressed filter visible in forced colors (Windows high contrast)', async () => {
    const w = await openWindow({ token: WINDOW_TOKEN });
    await seedJobs(w, 3);
    // The buttons lie over the row's end: where they show, they hide the text under them.
    await w.page.locator('job-row').first().click();
    const selectedRow = w.page.locator('job-row[selected]');
    expect(await style(selectedRow.locator('.actions'), 'backgroundColor')).toBe(
      await style(selectedRow, 'backgroundColor'),
    );
    await w.page.emulateMedia({ forcedColors: 'active' });
    // Forced colors show every row's buttons: none of them may lie on text without a background.
    expect(
      await style(w.page.locator('job-row:not([selected]) .actions').first(), 'backgroundColor'),
    ).not.toMatch(/rgba\(.*, 0\)|transparent/);
    await w.page.locator('job-list').focus();
    await w.page.keyboard.press('ArrowDown');
    const selected = w.page.locator('job-row[selected]');
    await selected.waitFor();
    // Forced colors drop box shadows and backgrounds: the selection needs an outline or a border of its own.
    await w.page.locator('header input[type=search]').focus(); // not the list's focus ring
    expect(await style(selected, 'outlineStyle')).not.toBe('none');
    const pressed = filterButton(w.page, 'All');
    const unpressed = filterButton(w.page, 'Active');
    expect(await style(pressed, 'backgroundColor')).not.toBe(await style(unpressed, 'backgroundColor'));
    // The Undo line floats over the rows: it keeps an edge and a background of its own.
    await w.page.locator('job-list').focus();
    await w.page.keyboard.press('Delete');
    const snackbar = w.page.locator('undo-snackbar .snackbar');
    await snackbar.waitFor();
    expect(await style(snackbar, 'borderTopStyle')).toBe('solid');
    expect(await style(snackbar, 'backgroundColor')).not.toMatch(/rgba\(.*, 0\)|transparent/);
  });

  it('moves nothing when the system asks for reduced motion', async () => {
    const w = await openWindow({ token: WINDOW_TOKEN });
    const button = w.page.getByRole('button', { name: 'Settings' });
    expect(await style(button, 'transitionDuration')).not.toBe('0s');
    await w.page.emulateMedia({ reducedMotion: 'reduce' });
    expect(await style(button, 'transitionDuration')).toBe('0s');
  });
});

describe('the empty list and the way back from Settings (Chromium)', () => {
  it('offers the demo as a button, which fills the list with the demo jobs', async () => {
    const w = await openWindow();
    const empty = w.page.locator('.empty');
    await empty.waitFor();
    await empty.getByRole('button', { name: 'Try the demo' }).click();
    await w.page.locator('.banner', { hasText: 'Demo mode' }).waitFor({ timeout: 20_000 });
    await w.page.locator('job-row', { hasText: 'A red fox running through fresh snow at dawn' }).waitFor();
    await expect.poll(() => w.page.locator('job-row').count()).toBeGreaterThanOrEqual(5);
    await expect(empty.count()).resolves.toBe(0);
  });

  it('keeps the scroll position and the selection when coming back from Settings', async () => {
    const w = await openWindow({ token: WINDOW_TOKEN });
    await seedJobs(w, 40);
    await w.page.locator('job-list').focus();
    for (let i = 0; i < 25; i++) await w.page.keyboard.press('ArrowDown');
    const selected = w.page.locator('job-row[selected] .jobid');
    await selected.waitFor();
    const jobid = await selected.textContent();
    const scroller = w.page.locator('job-list .scroller');
    const top = await scroller.evaluate((el) => (el as unknown as { scrollTop: number }).scrollTop);
    expect(top).toBeGreaterThan(0);
    await w.page.getByRole('button', { name: 'Settings' }).click();
    await w.page.locator('#interval').waitFor();
    await w.page.getByRole('button', { name: 'Jobs' }).click();
    await w.page.locator('#interval').waitFor({ state: 'detached' });
    await expect
      .poll(() => scroller.evaluate((el) => (el as unknown as { scrollTop: number }).scrollTop))
      .toBe(top);
    await expect(w.page.locator('job-row[selected] .jobid').textContent()).resolves.toBe(jobid);
  });
});
