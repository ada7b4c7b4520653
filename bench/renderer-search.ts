import type { Browser } from 'playwright-core';
import { serveRenderer } from '../test/helpers/browser.js';
import { benchBridge, bindingTransport } from './ipc-transports.js';
import { mainProcessOver, PAGE, type JobQuery } from './renderer-main.js';
import { percentile } from './stats.js';

/** Ten keys; each prefix matches fewer jobs ("p" … "prompt" all of them, "prompt 424" eleven). */
export const TYPED = 'prompt 424';
/** Milliseconds between keys: a fast typist (under the debounce) and a slow one (over it). */
export const KEY_GAPS = [100, 250];

const APP_STATE = {
  paused: null,
  offline: false,
  demo: false,
  token: { set: true, last4: 'abcd', weakBackend: false },
};

// Runs in the page before its scripts: from each key down to the next frame painted with its effect
// (the input event, the window's render of the new search text), in ms.
const KEY_TIMES = `
  window.__keyMs = [];
  addEventListener('keydown', () => {
    const down = performance.now();
    requestAnimationFrame(() => setTimeout(() => window.__keyMs.push(performance.now() - down)));
  }, true);
`;

export interface TypingFigures {
  label: string;
  /** queryJobs calls with a search that the typing caused. */
  queries: number;
  /** Main-process time per such call (the real handler), median and max. */
  queryMs: number;
  queryMaxMs: number;
  /** In the window: key down to the next frame painted, median and max. */
  keyMs: number;
  keyMaxMs: number;
}

/** Until `check` holds (the bench's own: the test helpers' would pull in the test runner). */
async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('The window never asked for the whole search');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const stats = (values: number[]) => ({ median: percentile(values, 50), max: Math.max(...values) });

/** The window over `count` jobs (real renderer, real handler): `TYPED` typed at each gap in turn. */
export async function typingFigures(browser: Browser, count: number): Promise<TypingFigures[]> {
  const main = mainProcessOver(count);
  const server = await serveRenderer();
  const asked: { search: string; ms: number }[] = [];
  try {
    const results: TypingFigures[] = [];
    for (const gap of KEY_GAPS) {
      const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
      await page.exposeBinding('__mainInvoke', async (_source, channel: string, args: unknown[]) => {
        if (channel === 'getState') return APP_STATE;
        if (channel !== 'queryJobs') throw new Error(`${channel} is not served by the bench`);
        const query = args[0] as JobQuery;
        const start = performance.now();
        const answer = await main.queryJobs(query);
        if (query.search) asked.push({ search: query.search, ms: performance.now() - start });
        return answer;
      });
      await page.addInitScript({ content: benchBridge(bindingTransport) });
      await page.addInitScript({ content: KEY_TIMES });
      await page.goto(server.url);
      await page.locator('job-row').first().waitFor();
      asked.length = 0;
      await page.locator('input[type=search]').focus();
      await page.keyboard.type(TYPED, { delay: gap });
      await until(() => asked.some((q) => q.search === TYPED), 30_000);
      await page.waitForFunction(`window.__keyMs.length === ${TYPED.length}`);
      const keys = stats((await page.evaluate('window.__keyMs')) as number[]);
      const queries = stats(asked.map((q) => q.ms));
      results.push({
        label: `typed, ${gap} ms between keys`,
        queries: asked.length,
        queryMs: queries.median,
        queryMaxMs: queries.max,
        keyMs: keys.median,
        keyMaxMs: keys.max,
      });
      await page.close();
    }
    // The naive alternative on the same database: no debounce, one query per key.
    const perKey: number[] = [];
    for (let i = 1; i <= TYPED.length; i++) {
      const query: JobQuery = { filter: 'all', search: TYPED.slice(0, i), offset: 0, limit: PAGE };
      const start = performance.now();
      await main.queryJobs(query);
      perKey.push(performance.now() - start);
    }
    const naive = stats(perKey);
    results.push({
      label: 'no debounce (baseline)',
      queries: perKey.length,
      queryMs: naive.median,
      queryMaxMs: naive.max,
      keyMs: NaN,
      keyMaxMs: NaN,
    });
    return results;
  } finally {
    await server.close();
    main.close();
  }
}
