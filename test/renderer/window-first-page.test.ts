import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, serveRenderer, watchPage } from '../helpers/browser.js';

const TOTAL = 50_000;
/** A 1×1 PNG: each row's preview. */
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mP8/x8AAwMCAO+ip1sAAAAASUVORK5CYII=',
  'base64',
);

interface FirstPageProbe {
  /** Every queryJobs the window sent, in order, and whether its rows were on screen then. */
  asked: { offset: number; limit: number; rowsShown: boolean }[];
  /** Calls of the list's pages.at() until the first rows were in the DOM. */
  atCalls: number;
  /** When the first request left, and when the Lit components were defined (ms since navigation). */
  firstAskAt: number;
  appDefinedAt: number;
  /** Video and image elements in the rows when they first were in the DOM. */
  mediaWithFirstRows: number;
  /**
   * What had been done by the time a task queued from the frame after the first rows ran (the frame
   * that painted them): locale-data uses (Intl formatters, toLocale…), and video or image elements.
   */
  atPaint: { intl: string[]; media: number; scripts: string[]; settingsDefined: boolean };
  /** Rows in the DOM when the first ones were, and the height the list shows them in. */
  rowsWithFirst: number;
  listHeight: number;
  rowHeight: number;
}

// Runs in the page before its scripts: a bridge that says the database holds TOTAL jobs and serves any
// page of them, and counts what the window does for its first screen.
const FAKE_BRIDGE = `
  const probe = (window.__probe = { asked: [], atCalls: 0 });
  // The first use of locale data costs a fresh renderer tens of ms: every way in is noted.
  const intl = [];
  const noting = (name, fn) => new Proxy(fn, {
    construct: (target, args, newTarget) => (intl.push(name), Reflect.construct(target, args, newTarget)),
    apply: (target, self, args) => (intl.push(name), Reflect.apply(target, self, args)),
  });
  for (const name of Object.getOwnPropertyNames(Intl)) if (typeof Intl[name] === 'function') Intl[name] = noting('Intl.' + name, Intl[name]);
  for (const [type, names] of [[Date, ['toLocaleString', 'toLocaleDateString', 'toLocaleTimeString']], [Number, ['toLocaleString']], [String, ['localeCompare']]])
    for (const name of names) type.prototype[name] = noting(type.name + '.' + name, type.prototype[name]);
  const define = customElements.define.bind(customElements);
  customElements.define = (name, ctor, options) => {
    if (name === 'pixverse-app') probe.appDefinedAt = performance.now();
    return define(name, ctor, options);
  };
  const job = (i) => ({ jobid: 'user:1-first:' + i, source: 'v1', state: 'completed', prompt: probe.prompts[i] ?? 'prompt ' + i, downloads: [], previewUrl: 'https://media.pixverse.ai/first/' + i + '.jpg', created: new Date(Date.now() - (TOTAL - i) * 60000).toISOString() });
  probe.prompts = {};
  const listeners = { jobChanged: new Set() };
  const counting = () => {
    const pages = document.querySelector('job-list')?.pages;
    if (!pages || pages.__counted) return;
    const at = pages.at.bind(pages);
    pages.at = (index) => { if (probe.rows === undefined) probe.atCalls++; return at(index); };
    pages.__counted = true;
  };
  new MutationObserver((_records, observer) => {
    counting();
    if (document.querySelector('job-row .prompt')) {
      probe.rows = performance.now();
      probe.mediaWithFirstRows = document.querySelectorAll('job-row video, job-row img').length;
      probe.rowsWithFirst = document.querySelectorAll('job-row').length;
      probe.listHeight = document.querySelector('job-list .scroller').clientHeight;
      probe.rowHeight = document.querySelector('job-row').offsetHeight;
      // A task queued from the next frame's callback runs once that frame has painted.
      requestAnimationFrame(() => setTimeout(() => {
        probe.atPaint = {
          intl: [...intl],
          media: document.querySelectorAll('job-row video, job-row img').length,
          scripts: performance.getEntriesByType('resource').map((r) => r.name).filter((name) => name.endsWith('.js')),
          settingsDefined: customElements.get('settings-view') !== undefined,
        };
      }));
      observer.disconnect();
    }
  }).observe(document, { subtree: true, childList: true });
  const noop = () => () => {};
  window.pixverse = {
    queryJobs: async ({ offset, limit }) => {
      probe.firstAskAt ??= performance.now();
      probe.asked.push({ offset, limit, rowsShown: probe.rows !== undefined });
      const rows = [];
      for (let i = offset; i < Math.min(TOTAL, offset + limit); i++) rows.push(job(TOTAL - 1 - i));
      if (probe.asked.length === 1 && window.__changeWhileOpening) {
        // The newest job changes while the first page is on its way (the answer above is from before).
        probe.prompts[TOTAL - 1] = 'changed while the window opened';
        for (const listener of listeners.jobChanged) listener(job(TOTAL - 1));
        probe.changeSeen = listeners.jobChanged.size > 0;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
      counting();
      return { total: TOTAL, rows };
    },
    getState: async () => ({ paused: null, offline: false, demo: false, token: { set: true, last4: 'abcd', weakBackend: false } }),
    getSettings: async () => ({}),
    onJobChanged: (listener) => (listeners.jobChanged.add(listener), () => listeners.jobChanged.delete(listener)),
    onJobRemoved: noop, onStateChanged: noop, onShowView: noop, onSelectJob: noop,
  };
`.replaceAll('TOTAL', String(TOTAL));

describe(`the window's first screen over ${TOTAL.toLocaleString('en')} jobs`, () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveRenderer>>;
  beforeAll(async () => {
    browser = await launchChromium();
    server = await serveRenderer();
  });
  const pages: Page[] = [];
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.close();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function openWindow(changeWhileOpening = false): Promise<FirstPageProbe & { page: Page }> {
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    const problems = watchPage(page);
    if (changeWhileOpening) await page.addInitScript({ content: 'window.__changeWhileOpening = true;' });
    await page.addInitScript({ content: FAKE_BRIDGE });
    // The rows' previews: answered here, nothing leaves the machine.
    await page.route('https://media.pixverse.ai/**', (route) =>
      route.fulfill({ status: 200, contentType: 'image/png', body: PIXEL }),
    );
    await page.goto(server.url);
    await page.locator('job-row .prompt').first().waitFor();
    await page.waitForFunction(() => (globalThis as unknown as { __probe: FirstPageProbe }).__probe.atPaint);
    const probe = await page.evaluate(() => (globalThis as unknown as { __probe: FirstPageProbe }).__probe);
    expect(problems).toEqual({ dialogs: [], errors: [], csp: [] });
    pages.push(page);
    return { ...probe, page };
  }

  it('lays out only the rows in view: no work in proportion to the jobs in the database', async () => {
    const probe = await openWindow();
    // A list that measured every row would look each one up (50,000 calls) before showing any.
    expect(probe.atCalls).toBeGreaterThan(0);
    expect(probe.atCalls).toBeLessThan(500);
  });

  it('asks for a screenful of rows first, not a 100-row page', async () => {
    const probe = await openWindow();
    const beforeRows = probe.asked.filter((ask) => !ask.rowsShown);
    expect(beforeRows[0]).toMatchObject({ offset: 0 });
    // 800 px of window hold a dozen rows at most; with the rows drawn beyond its edges, under 30.
    expect(beforeRows.reduce((sum, ask) => sum + ask.limit, 0)).toBeLessThanOrEqual(30);
  });

  it('asks for the first page before the components are even defined, and loses no change meanwhile', async () => {
    const quiet = await openWindow();
    expect(quiet.firstAskAt).toBeLessThan(quiet.appDefinedAt);
    expect(quiet.asked.filter((ask) => ask.offset === 0)).toHaveLength(1); // the early answer served the window
    const probe = await openWindow(true);
    expect(probe.firstAskAt).toBeLessThan(probe.appDefinedAt);
    // The change came before the window had its rows (and, asked this early, before its components
    // existed): it was held for them, and the row shows it.
    await probe.page.locator('job-row .prompt', { hasText: 'changed while the window opened' }).waitFor();
  });

  it('paints the rows first and loads their previews after', async () => {
    const probe = await openWindow();
    expect(probe.mediaWithFirstRows).toBe(0);
    // Nor in the task right after that frame: they wait for the window to be idle.
    expect(probe.atPaint.media).toBe(0);
    await probe.page.locator('job-row .thumb img').first().waitFor({ state: 'attached' });
  });

  it('draws the rows in view first, and those beyond its edges once idle', async () => {
    const probe = await openWindow();
    expect(probe.rowsWithFirst).toBeGreaterThan(0);
    expect(probe.rowsWithFirst).toBeLessThanOrEqual(Math.ceil(probe.listHeight / probe.rowHeight));
    const beyond = Math.ceil(probe.listHeight / probe.rowHeight) + 1;
    await probe.page.locator(`job-row:nth-of-type(${beyond}) .prompt`).waitFor({ state: 'attached' });
  });

  it("loads the settings view and the add form's parser after the first rows, once idle", async () => {
    const probe = await openWindow();
    expect(probe.atPaint.scripts).toHaveLength(1);
    expect(probe.atPaint.settingsDefined).toBe(false);
    // Loaded once the window is idle, so that a click on Settings does not wait.
    // A function, not a string: the window's CSP allows no eval.
    await probe.page.waitForFunction(
      () =>
        (globalThis as unknown as { customElements: { get(name: string): unknown } }).customElements.get(
          'settings-view',
        ) !== undefined,
    );
  });

  it("keeps the settings view and the add form's parser out of the window's first script", () => {
    const root = path.resolve('dist/renderer');
    const entry = /<script type="module"[^>]* src="\.\/([^"]+)"/.exec(
      fs.readFileSync(path.join(root, 'index.html'), 'utf8'),
    )![1]!;
    const chunks = fs.readdirSync(path.join(root, 'assets')).filter((name) => name.endsWith('.js'));
    const holding = (text: string) =>
      chunks.filter((name) => fs.readFileSync(path.join(root, 'assets', name), 'utf8').includes(text));
    for (const text of ['Poll each job every', 'That does not look like a jobid']) {
      expect(holding(text), text).toHaveLength(1);
      expect(holding(text), text).not.toContain(path.basename(entry));
    }
  });

  it('paints the first rows without locale data (its first use costs a fresh window tens of ms)', async () => {
    const probe = await openWindow();
    expect(probe.atPaint.intl).toEqual([]);
    // The rows' local-time tooltips come once the window is idle.
    await probe.page
      .locator('job-row .sub span[title]:not([title=""])')
      .first()
      .waitFor({ state: 'attached' });
  });
});
