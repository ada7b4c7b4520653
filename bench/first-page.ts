import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { benchBridge, type Connection, type Transport } from './ipc-transports.js';
import { homeWith } from './store.js';
import type { BenchSite } from './worker-site.js';

/** One opening of the window over the jobs database, its times (ms) split where they were taken. */
export interface Opening {
  /** The first page's request to its rows painted: the figure. */
  total: number;
  /** Navigation (the window asked to load) to the first rows painted. */
  fromOpen: number;
  /** Navigation to the first page's request. */
  asked: number;
  /** The script's arrival to the components defined: module evaluation. */
  evaluation: number;
  /** The main process: IPC handler, contract parsing both ways, store query, JobView mapping. */
  main: number;
  /** Of `main`, the store's query (count and page) and the records it reads. */
  store: number;
  /** To the main process and back (the bench's transport here, Electron's IPC in the app). */
  transfer: number;
  /** The transport's own share of `transfer`: getState's round trip, asked at the same moment, answered at once. */
  emptyRoundTrip: number;
  /**
   * Of the way there and back, the first page's request from the fetch to its answer's last byte
   * (main included), and from there to the answer in the window's hands (the page's main thread busy
   * meanwhile, as it would be in the app): the loopback's Resource Timing, NaN for the binding.
   */
  wire: number;
  pageBusy: number;
  /** getState's round trip once the page is idle (after the paint): the transport's cost alone. */
  idleRoundTrip: number;
  /** The answer to the rows in the DOM (Lit, the list's layout). */
  toDom: number;
  /** The rows in the DOM to the frame that shows them painted. */
  toPaint: number;
  /** Job rows in the first answer, and its size as JSON. */
  rows: number;
  bytes: number;
}

interface PageMarks {
  asked: number;
  answered: number;
  stateAsked: number;
  stateAnswered: number;
  defined: number;
  rowsInDom: number;
  painted: number;
}

/** Empty round trips timed once the rows are painted, one after the other. */
const IDLE_ROUND_TRIPS = 5;

// Runs in the page before its scripts, after the bench's bridge (plain JavaScript): the page notes
// when the first page was asked and answered, when the components were defined, when the first rows
// were in the DOM, and when that frame had painted (a task queued from the next frame's callback
// runs after its paint).
const MARKS = `
  const marks = (window.__marks = {});
  const define = customElements.define.bind(customElements);
  customElements.define = (name, ctor, options) => {
    if (name === 'pixverse-app') marks.defined = performance.now();
    return define(name, ctor, options);
  };
  new MutationObserver((_records, observer) => {
    if (!document.querySelector('job-row .prompt')) return;
    observer.disconnect();
    marks.rowsInDom = performance.now();
    requestAnimationFrame(() => setTimeout(() => (marks.painted = performance.now())));
  }).observe(document, { subtree: true, childList: true });
  const { queryJobs, getState } = window.pixverse;
  window.pixverse.queryJobs = async (query) => {
    const first = marks.asked === undefined;
    if (first) marks.asked = performance.now();
    const answer = await queryJobs(query);
    if (first) marks.answered = performance.now();
    return answer;
  };
  window.pixverse.getState = async () => {
    marks.stateAsked ??= performance.now();
    const state = await getState();
    marks.stateAnswered ??= performance.now();
    return state;
  };
`;
// The first queryJobs over the loopback, as Resource Timing saw it (none over the binding).
const FIRST_PAGE_FETCH = `performance
  .getEntriesByType('resource')
  .filter((r) => r.name.endsWith('/__ipc/invoke/queryJobs'))
  .sort((a, b) => a.startTime - b.startTime)
  .map(({ startTime, responseEnd }) => ({ startTime, responseEnd }))[0] ?? null`;
// Once painted: the transport's round trip when the page is idle, median of a few in a row.
const IDLE_ROUND_TRIP = `(async () => {
  const times = [];
  for (let i = 0; i < ${IDLE_ROUND_TRIPS}; i++) {
    const start = performance.now();
    await window.pixverse.getState();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[${IDLE_ROUND_TRIPS >> 1}];
})()`;

/** Opens the window once, over the given transport, and reads its marks. */
export type OpenWindow = (browser: Browser, site: BenchSite, transport: Transport) => Promise<Opening>;

/**
 * A database of `count` jobs, opened afresh for each opening of the window (its first query is the
 * connection's first), served to the window through the real IPC handler and contract.
 */
export async function withJobsDatabase<T>(count: number, run: (open: OpenWindow) => Promise<T>): Promise<T> {
  const { jsonDir, dbDir } = homeWith(count);
  try {
    return await run((browser, site, transport) => openWindowOnce(browser, site, transport, dbDir));
  } finally {
    for (const dir of [jsonDir, dbDir]) fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function openWindowOnce(
  browser: Browser,
  site: BenchSite,
  transport: Transport,
  dbDir: string,
): Promise<Opening> {
  const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  let connection: Connection | undefined;
  try {
    connection = await transport.connect(page, site, dbDir);
    await page.addInitScript({ content: benchBridge(transport) });
    await page.addInitScript({ content: MARKS });
    await page.goto(site.url);
    type Globals = { __marks: Partial<PageMarks> };
    await page.waitForFunction(() => (globalThis as unknown as Globals).__marks.painted !== undefined);
    const m = (await page.evaluate(() => (globalThis as unknown as Globals).__marks)) as PageMarks;
    const scriptAt = await page.evaluate(() =>
      Math.max(
        ...performance
          .getEntriesByType('resource')
          .filter((r) => r.name.endsWith('.js'))
          .map((r) => (r as unknown as { responseEnd: number }).responseEnd),
      ),
    );
    const firstFetch = (await page.evaluate(FIRST_PAGE_FETCH)) as {
      startTime: number;
      responseEnd: number;
    } | null;
    const idleRoundTrip = (await page.evaluate(IDLE_ROUND_TRIP)) as number;
    const first = await connection.finish();
    connection = undefined;
    if (!first) throw new Error('The window painted rows without asking the main process for them');
    return {
      total: m.painted - m.asked,
      fromOpen: m.painted,
      asked: m.asked,
      evaluation: m.defined - scriptAt,
      main: first.main,
      store: first.store,
      transfer: m.answered - m.asked - first.main,
      emptyRoundTrip: m.stateAnswered - m.stateAsked,
      wire: firstFetch ? firstFetch.responseEnd - firstFetch.startTime : NaN,
      pageBusy: firstFetch ? m.answered - firstFetch.responseEnd : NaN,
      idleRoundTrip,
      toDom: m.rowsInDom - m.answered,
      toPaint: m.painted - m.rowsInDom,
      rows: first.rows,
      bytes: first.bytes,
    };
  } finally {
    await connection?.finish();
    await page.close();
  }
}
