import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, serveRenderer, watchPage } from '../helpers/browser.js';

const TOTAL = 50_000;

interface FirstPageProbe {
  /** Every queryJobs the window sent, in order, and whether its rows were on screen then. */
  asked: { offset: number; limit: number; rowsShown: boolean }[];
  /** Calls of the list's pages.at() until the first rows were in the DOM. */
  atCalls: number;
  /** When the first request left, and when the Lit components were defined (ms since navigation). */
  firstAskAt: number;
  appDefinedAt: number;
}

// Runs in the page before its scripts: a bridge that says the database holds TOTAL jobs and serves any
// page of them, and counts what the window does for its first screen.
const FAKE_BRIDGE = `
  const probe = (window.__probe = { asked: [], atCalls: 0 });
  const define = customElements.define.bind(customElements);
  customElements.define = (name, ctor, options) => {
    if (name === 'pixverse-app') probe.appDefinedAt = performance.now();
    return define(name, ctor, options);
  };
  const job = (i) => ({ jobid: 'user:1-first:' + i, source: 'v1', state: 'completed', prompt: 'prompt ' + i, downloads: [] });
  const counting = () => {
    const pages = document.querySelector('job-list')?.pages;
    if (!pages || pages.__counted) return;
    const at = pages.at.bind(pages);
    pages.at = (index) => { if (probe.rows === undefined) probe.atCalls++; return at(index); };
    pages.__counted = true;
  };
  new MutationObserver((_records, observer) => {
    counting();
    if (document.querySelector('job-row .prompt')) { probe.rows = performance.now(); observer.disconnect(); }
  }).observe(document, { subtree: true, childList: true });
  const noop = () => () => {};
  window.pixverse = {
    queryJobs: async ({ offset, limit }) => {
      probe.firstAskAt ??= performance.now();
      probe.asked.push({ offset, limit, rowsShown: probe.rows !== undefined });
      const rows = [];
      for (let i = offset; i < Math.min(TOTAL, offset + limit); i++) rows.push(job(TOTAL - 1 - i));
      await new Promise((resolve) => setTimeout(resolve, 20));
      counting();
      return { total: TOTAL, rows };
    },
    getState: async () => ({ paused: null, offline: false, demo: false, token: { set: true, last4: 'abcd', weakBackend: false } }),
    getSettings: async () => ({}),
    onJobChanged: noop, onJobRemoved: noop, onStateChanged: noop, onShowView: noop,
  };
`.replaceAll('TOTAL', String(TOTAL));

describe(`the window's first screen over ${TOTAL.toLocaleString('en')} jobs`, () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveRenderer>>;
  beforeAll(async () => {
    browser = await launchChromium();
    server = await serveRenderer();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function openWindow(): Promise<FirstPageProbe> {
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    const problems = watchPage(page);
    await page.addInitScript({ content: FAKE_BRIDGE });
    await page.goto(server.url);
    await page.locator('job-row .prompt').first().waitFor();
    const probe = await page.evaluate(() => (globalThis as unknown as { __probe: FirstPageProbe }).__probe);
    expect(problems).toEqual({ dialogs: [], errors: [], csp: [] });
    await page.close();
    return probe;
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
    // 800 px of window hold fewer than 10 rows of 96 px; with the rows drawn beyond its edges, under 30.
    expect(beforeRows.reduce((sum, ask) => sum + ask.limit, 0)).toBeLessThanOrEqual(30);
  });
});
