import type { Page } from 'playwright-core';
import type { Settings } from '../../main/core/settings.js';
import type { Simulator } from '../../main/core/simulator/simulator.js';
import { until } from './app-harness.js';
import { trackedStateOf, type SeededJob } from './window-job-seeds.js';
import type { useWindow } from './window-harness.js';

type OpenWindow = ReturnType<typeof useWindow>;
export type StateWindow = Awaited<ReturnType<OpenWindow>> & { sim: Simulator };

/** One state of the window a reviewer (and axe-core) should see. */
export interface WindowState {
  /** File-safe: the screenshots are named after it. */
  name: string;
  /** One line for the screenshot index. */
  caption: string;
  group: 'job' | 'app' | 'view';
  /** The token the app starts with (default: the one the simulator accepts). */
  token?: string;
  settings?: Partial<Settings>;
  /**
   * Brings the window into this state through the real store, engine, IPC handlers and simulator,
   * and returns once the page shows it; returns a note instead when the state cannot be shown yet.
   */
  enter: (w: StateWindow) => Promise<string | void>;
}

/**
 * Writes jobs straight into the window's database (the store the engine reads) and reloads the
 * page. The scheduler is not told, so none is polled: each stays exactly as written.
 */
export async function seedJobs(w: StateWindow, seeds: readonly SeededJob[]): Promise<void> {
  const store = w.controller.session!.store;
  const now = Date.now();
  for (const [i, { job, record }] of seeds.entries()) {
    store.add(job.id, job.source);
    // A second apart, the first seed the newest: the list shows them in this order, run after run.
    store.update(job.id, { state: trackedStateOf(job), addedAt: now - i * 1000, job, ...record });
  }
  await reloadList(w, seeds.length);
}

/** Reloads the page and waits for its first page of jobs (`total` of them) to be in the DOM. */
export async function reloadList(w: StateWindow, total: number): Promise<void> {
  const asked = w.traffic.pages.length;
  await w.page.reload();
  await until(() => w.traffic.pages.slice(asked).some((p) => p.total === total), 20_000);
  if (total > 0) await w.page.locator('job-row').first().waitFor();
}

/** Waits until the main process says so, then until the page shows `text`. */
export async function shows(w: StateWindow, check: () => boolean, text: RegExp): Promise<void> {
  await until(check, 20_000);
  await w.page.getByText(text).first().waitFor({ timeout: 20_000 });
}

/** Fonts loaded, Lit's pending renders done, two frames painted: what is on screen is the state. */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(`(async () => {
    await document.fonts.ready;
    for (const el of document.querySelectorAll('*')) if (el.updateComplete) await el.updateComplete;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    // A colour scheme switched by emulateMedia starts the controls' colour transitions: let them end.
    const transitions = document.getAnimations().filter((a) => a instanceof CSSTransition);
    await Promise.all(transitions.map((a) => a.finished.catch(() => undefined)));
  })()`);
}
