import { launchChromium, serveRenderer } from '../test/helpers/browser.js';
import { firstPageAtOpen, OFFLINE_CHROMIUM } from './first-page-at-open.js';
import { rendererIpcBenchmark } from './renderer-ipc.js';
import type { BenchOptions } from './run.js';
import { fmt, percentile, table } from './stats.js';

const SIZES = [100, 10_000];
const ROUNDS = 5;

interface Figures {
  renderMs: number;
  filterMs: number;
  rows: number;
}

// Runs in the page (plain JavaScript, not compiled here): a bridge with `count` made-up jobs,
// generated inside the page so that what is measured is the window, not the transfer. Its queryJobs
// pages and searches them as the main process would (the real one is measured by firstPageFigures).
const FAKE_BRIDGE = (count: number) => `
  const states = ['active', 'completed', 'failed', 'moderated'];
  const jobs = Array.from({ length: ${count} }, (_, i) => ({
    jobid: 'user:1-pixverse:bench-job:' + i,
    state: states[i % 4],
    status: i % 4 === 0 ? 'progress' : states[i % 4],
    prompt: 'Benchmark prompt number ' + i + ' about ' + (i % 7 === 0 ? 'whales' : 'mountains') + ' at dawn',
    style: 'Realistic',
    aspectRatio: '16:9',
    created: new Date(Date.now() - i * 60000).toISOString(),
    updated: new Date(Date.now() - i * 30000).toISOString(),
    content: '(prompt: Benchmark prompt number ' + i + ') (' + (i % 100) + '%) (fast)',
    progress: i % 100,
    downloads: i % 4 === 1 ? [{ key: 'a', state: 'saved', fileName: 'video-' + i + '.mp4', bytes: 7204115, total: 7204115 }] : [],
  }));
  // Lower-cased once, as the database's search would not count against the window either.
  const haystacks = jobs.map((j) => (j.prompt + ' ' + j.jobid).toLowerCase());
  const marks = (window.__marks = {});
  const noop = () => () => {};
  window.pixverse = {
    queryJobs: async ({ search, offset, limit }) => {
      const now = performance.now();
      marks.asked ??= now;
      if (search) marks.searched ??= now;
      const needle = search.toLowerCase();
      const matching = needle ? jobs.filter((_, i) => haystacks[i].includes(needle)) : jobs;
      return { total: matching.length, rows: matching.slice(offset, offset + limit).map((j) => structuredClone(j)) };
    },
    getState: async () => ({ paused: null, offline: false, demo: false, token: { set: true, last4: 'abcd', weakBackend: false } }),
    getSettings: async () => ({}),
    onJobChanged: noop, onJobRemoved: noop, onStateChanged: noop, onShowView: noop, onSelectJob: noop,
  };
  new MutationObserver((_records, observer) => {
    if (document.querySelector('job-row .prompt')) { marks.rendered = performance.now(); observer.disconnect(); }
  }).observe(document, { subtree: true, childList: true });
`;

const RENDER_MS = 'window.__marks.rendered - window.__marks.asked';
// From the search's request (after the typing pause) to its first matching row on screen.
const FILTER_MS = `(async () => {
  const input = document.querySelector('input[type=search]');
  const prompts = () => [...document.querySelectorAll('job-row .prompt')].map((p) => p.textContent);
  const shown = () => window.__marks.searched !== undefined && prompts().length > 0 && prompts().every((p) => p.includes('whales'));
  input.value = 'whales';
  input.dispatchEvent(new Event('input', { bubbles: true }));
  while (!shown()) await new Promise((resolve) => requestAnimationFrame(resolve));
  return performance.now() - window.__marks.searched;
})()`;

async function measure(
  browser: Awaited<ReturnType<typeof launchChromium>>,
  url: string,
  count: number,
): Promise<Figures> {
  const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  await page.addInitScript({ content: FAKE_BRIDGE(count) });
  await page.goto(url);
  await page.waitForFunction('window.__marks.rendered !== undefined');
  const renderMs = (await page.evaluate(RENDER_MS)) as number;
  const filterMs = (await page.evaluate(FILTER_MS)) as number;
  const rows = (await page.evaluate("document.querySelectorAll('job-row').length")) as number;
  await page.close();
  return { renderMs, filterMs, rows };
}

export async function rendererBenchmark(options: BenchOptions): Promise<boolean> {
  console.log(
    `\n## Jobs window: first render and filter, ${SIZES.join(' vs ')} jobs (Chromium, median of ${ROUNDS})`,
  );
  const browser = await launchChromium(OFFLINE_CHROMIUM);
  const server = await serveRenderer();
  try {
    const results = new Map<number, Figures>();
    for (const count of SIZES) {
      const runs: Figures[] = [];
      for (let i = 0; i < ROUNDS; i++) runs.push(await measure(browser, server.url, count));
      results.set(count, {
        renderMs: percentile(
          runs.map((r) => r.renderMs),
          50,
        ),
        filterMs: percentile(
          runs.map((r) => r.filterMs),
          50,
        ),
        rows: Math.max(...runs.map((r) => r.rows)),
      });
    }
    const [small, large] = SIZES.map((n) => results.get(n)!);
    console.log(
      table([
        ['jobs', 'first render', 'filter', 'DOM rows'],
        ...SIZES.map((n) => {
          const r = results.get(n)!;
          return [String(n), `${fmt(r.renderMs)} ms`, `${fmt(r.filterMs)} ms`, String(r.rows)];
        }),
      ]),
    );
    const renderRatio = large!.renderMs / small!.renderMs;
    const filterRatio = large!.filterMs / small!.filterMs;
    const pass = renderRatio <= 2 && filterRatio <= 2 && large!.rows <= 40;
    console.log(
      `render 10k/100 = ${fmt(renderRatio, 2)}, filter 10k/100 = ${fmt(filterRatio, 2)} (target ≤ 2); ` +
        `rows ${large!.rows} (bounded by the viewport) → ${pass ? 'met' : 'NOT met'}`,
    );
    const firstMet = await firstPageAtOpen(browser);
    await rendererIpcBenchmark(browser, options);
    return pass && firstMet;
  } finally {
    await browser.close();
    await server.close();
  }
}
