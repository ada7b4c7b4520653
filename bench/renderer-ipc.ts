import type { Browser } from 'playwright-core';
import type { BenchOptions } from './run.js';
import {
  fullListFigures,
  kib,
  mainProcessOver,
  ms,
  pageFigures,
  queriesFor,
  type PageFigures,
} from './renderer-main.js';
import { KEY_GAPS, TYPED, typingFigures } from './renderer-search.js';
import { fmt, table } from './stats.js';

const SIZES = [100, 10_000];
const SEARCH_JOBS = 10_000;

/**
 * What the window costs the main process and the IPC between them, beside the naive alternative
 * measured on the same databases in the same run: every job sent at once, a query per key.
 */
export async function rendererIpcBenchmark(browser: Browser, options: BenchOptions): Promise<void> {
  const pages: PageFigures[] = [];
  for (const count of SIZES) {
    const main = mainProcessOver(count);
    try {
      for (const [name, query] of queriesFor(count)) pages.push(await pageFigures(main, count, name, query));
      pages.push(await fullListFigures(main, count));
    } finally {
      main.close();
    }
  }
  const typing = await typingFigures(browser, SEARCH_JOBS);
  if (options.json) {
    for (const p of pages) console.log(JSON.stringify({ bench: 'renderer-main', ...p }));
    for (const t of typing)
      console.log(JSON.stringify({ bench: 'renderer-search', jobs: SEARCH_JOBS, typed: TYPED, ...t }));
    return;
  }
  console.log(
    `\n## queryJobs in the main process and across the IPC, ${SIZES.map((n) => n.toLocaleString('en')).join(' vs ')} jobs (median of 31 calls)`,
  );
  console.log(
    table([
      [
        'jobs',
        'query',
        'handler',
        'store',
        'JobViews',
        'parse',
        'rows / total',
        'JSON',
        'clone',
        'clone time',
      ],
      ...pages.map((p) => [
        p.count.toLocaleString('en'),
        p.query,
        ms(p.handlerMs),
        ms(p.storeMs),
        ms(p.viewMs),
        ms(p.parseMs),
        `${p.rows} / ${p.total}`,
        kib(p.jsonBytes),
        kib(p.cloneBytes),
        ms(p.cloneMs),
      ]),
    ]),
  );
  console.log(
    '(handler: the real queryJobs IPC handler, arguments and result parsed by the contract, store query, ' +
      'JobView mapping; store, JobViews and parse are its parts timed alone; clone: the answer through ' +
      "V8's serializer, as Electron's IPC sends it, and its time to serialize and deserialize once; " +
      'whole list (baseline): every job read, mapped, parsed and cloned at once, what a window that ' +
      'pages nothing would ask for)',
  );
  console.log(
    `\n## Typing "${TYPED}" (${TYPED.length} keys) in the search field over ${SEARCH_JOBS.toLocaleString('en')} jobs ` +
      `(Chromium, the real handler over a Playwright binding; gaps ${KEY_GAPS.join(' and ')} ms)`,
  );
  console.log(
    table([
      ['typing', 'queries to main', 'main per query (median / max)', 'key → frame painted (median / max)'],
      ...typing.map((t) => [
        t.label,
        String(t.queries),
        `${fmt(t.queryMs, 2)} / ${fmt(t.queryMaxMs, 2)} ms`,
        Number.isNaN(t.keyMs) ? 'n/a' : `${fmt(t.keyMs)} / ${fmt(t.keyMaxMs)} ms`,
      ]),
    ]),
  );
  console.log(
    '(the window asks the main process once the keys pause for 150 ms; the baseline is the same ' +
      'queries without that pause, one per key, timed on the same database)',
  );
}
