// The job list for assistive technology: a grid counted in full, rows named by prompt and state,
// and the polite live region (split from window-actions.test.ts).
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { addCompletedJob, useSimulatedApi, useWindow, WINDOW_TOKEN } from '../helpers/window-harness.js';

const { withSim } = useSimulatedApi();
const openWindow = useWindow();
const TOKEN = WINDOW_TOKEN;
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

type Window = Awaited<ReturnType<typeof openWindow>>;
const add = (w: Window, jobid: string) => w.page.evaluate((id) => window.pixverse.addJob(id), jobid);
const rowOf = (w: Window, text: string) => w.page.locator('job-row', { hasText: text });

describe('the list for assistive technology', () => {
  it('is a grid of rows named by prompt and state, counted in full, with no nested interactive roles (axe)', async () => {
    const { sim, settings } = await withSim();
    const w = await openWindow({ token: TOKEN, settings: { ...settings, autoDownload: false } });
    const store = w.controller.session!.store;
    for (let i = 0; i < 300; i++) store.add(`user:1-job:many-${i}`);
    await addCompletedJob(w, sim, 'A lighthouse at night');
    const running = sim.addJob({ durationMs: 3_600_000, prompt: 'A turning windmill' });
    await add(w, running.jobid);
    await rowOf(w, 'A turning windmill')
      .locator('.badge', { hasText: /queued|running/ })
      .waitFor();
    // The window's CSP refuses an added <script>: axe comes in as an init script, before the page's own.
    await w.page.addInitScript({ path: AXE });
    await w.page.reload();
    await rowOf(w, 'A lighthouse at night').waitFor();
    const violations = await w.page.evaluate(async () => {
      const axe = (
        globalThis as unknown as {
          axe: { run(el: unknown, o: unknown): Promise<{ violations: { id: string; nodes: unknown[] }[] }> };
        }
      ).axe;
      const list = (
        globalThis as unknown as { document: { querySelector(s: string): unknown } }
      ).document.querySelector('job-list');
      const rules = [
        'nested-interactive',
        'aria-required-children',
        'aria-required-parent',
        'aria-allowed-role',
        'aria-allowed-attr',
        'aria-valid-attr-value',
      ];
      const result = await axe.run(list, { runOnly: rules });
      return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
    });
    expect(violations).toEqual([]);
    const list = w.page.locator('job-list');
    expect(await list.getAttribute('role')).toBe('grid');
    expect(await list.getAttribute('aria-rowcount')).toBe('302');
    const row = rowOf(w, 'A lighthouse at night');
    const badge = await row.locator('.badge').textContent();
    expect(
      await w.page.getByRole('row', { name: `A lighthouse at night ${badge}`, exact: true }).count(),
    ).toBe(1);
    await row
      .getByRole('button', { name: 'More actions for ‘A lighthouse at night’' })
      .waitFor({ state: 'attached' });
    // The last of 302 rows says so, and the active descendant is a row in the DOM.
    await list.focus();
    await w.page.keyboard.press('End');
    const last = w.page.locator('job-row[selected][aria-rowindex="302"]');
    await last.waitFor();
    const active = await list.getAttribute('aria-activedescendant');
    expect(await w.page.locator(`job-row#${active}`).getAttribute('aria-selected')).toBe('true');
    // Scrolled away from the selected row: no active descendant pointing at a row that is not there.
    await w.page.locator('job-list .scroller').evaluate((el) => (el.scrollTop = 0));
    await rowOf(w, 'A lighthouse at night').waitFor();
    await expect.poll(() => list.getAttribute('aria-activedescendant')).toBeNull();
  }, 60_000);

  it('announces a job that finished, failed or was moderated in a polite live region, once', async () => {
    const { sim, settings } = await withSim();
    const w = await openWindow({ token: TOKEN, settings: { ...settings, autoDownload: false } });
    const status = w.page.locator('#job-announcements');
    expect(await status.getAttribute('role')).toBe('status'); // polite by its role
    const finishing = sim.addJob({ durationMs: 60_000, prompt: 'A bridge in fog' });
    await add(w, finishing.jobid);
    await rowOf(w, 'A bridge in fog')
      .locator('.badge', { hasText: 'completed' })
      .waitFor({ timeout: 20_000 });
    await expect.poll(() => status.textContent()).toBe('‘A bridge in fog’ is finished.');
    const failing = sim.addJob({ durationMs: 60_000, prompt: 'A broken vase', outcome: 'failed' });
    await add(w, failing.jobid);
    await rowOf(w, 'A broken vase').locator('.badge', { hasText: 'failed' }).waitFor({ timeout: 20_000 });
    await expect.poll(() => status.textContent()).toBe('‘A broken vase’ failed.');
    expect(await w.page.locator('job-list [role=status]').count()).toBe(0); // outside the list
  }, 60_000);
});
