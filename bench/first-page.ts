import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import type { AppController } from '../main/app/app-controller.js';
import { appIpcHandlers } from '../main/app/app-ipc.js';
import { registerIpcHandlers } from '../main/app/ipc-handlers.js';
import { systemClock } from '../main/core/clock.js';
import { openStoreIn } from '../main/core/store/open-store.js';
import { channelName } from '../main/ipc/contract.js';
import { homeWith } from './store.js';

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
  /** To the main process and back (a Playwright binding here, Electron's IPC in the app). */
  transfer: number;
  /** The harness's own share of `transfer`: getState's round trip, asked at the same moment, answered at once. */
  emptyRoundTrip: number;
  /** The answer to the rows in the DOM (Lit, the list's layout). */
  toDom: number;
  /** The rows in the DOM to the frame that shows them painted. */
  toPaint: number;
  /** Job rows in the first answer, and its size as JSON. */
  rows: number;
  bytes: number;
}

type Handler = (event: unknown, ...args: unknown[]) => Promise<unknown>;
interface PageMarks {
  asked: number;
  answered: number;
  stateAsked: number;
  stateAnswered: number;
  defined: number;
  rowsInDom: number;
  painted: number;
}

// Runs in the page before its scripts (plain JavaScript): the bridge's queryJobs goes to the main
// process's real handler (below); the page notes when the first page was asked and answered, when
// the components were defined, when the first rows were in the DOM, and when that frame had painted
// (a task queued from the next frame's callback runs after its paint).
const BRIDGE = `
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
  const noop = () => () => {};
  window.pixverse = {
    queryJobs: async (query) => {
      const first = marks.asked === undefined;
      if (first) marks.asked = performance.now();
      const answer = await window.__mainQueryJobs(query);
      if (first) marks.answered = performance.now();
      return answer;
    },
    getState: async () => {
      marks.stateAsked ??= performance.now();
      const state = await window.__mainGetState();
      marks.stateAnswered ??= performance.now();
      return state;
    },
    getSettings: async () => ({}),
    onJobChanged: noop, onJobRemoved: noop, onStateChanged: noop, onShowView: noop,
  };
`;

/**
 * A database of `count` jobs, opened afresh for each opening of the window (its first query is the
 * connection's first), served to the window through the real IPC handler and contract.
 */
export async function withJobsDatabase<T>(
  count: number,
  run: (open: (browser: Browser, url: string) => Promise<Opening>) => Promise<T>,
): Promise<T> {
  const { jsonDir, dbDir } = homeWith(count);
  try {
    return await run((browser, url) => openWindowOnce(browser, url, dbDir));
  } finally {
    for (const dir of [jsonDir, dbDir]) fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function openWindowOnce(browser: Browser, url: string, dbDir: string): Promise<Opening> {
  const { store } = openStoreIn(dbDir, { clock: systemClock });
  const query = store.query.bind(store);
  let storeMs = 0;
  store.query = (q) => {
    const start = performance.now();
    const page = query(q);
    storeMs ||= performance.now() - start;
    return page;
  };
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: (channel: string, handler: Handler) => void handlers.set(channel, handler),
    removeHandler: (channel: string) => void handlers.delete(channel),
  };
  const app = { session: { store, live: new Map() } } as unknown as AppController;
  registerIpcHandlers(ipcMain as never, appIpcHandlers(app), () => true);
  const queryJobs = handlers.get(channelName('queryJobs'))!;
  let first: { ms: number; rows: number; bytes: number } | undefined;
  const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  try {
    // The rows' videos and previews: answered here, nothing leaves the machine.
    await page.route(/^https:/, (route) => route.fulfill({ status: 404 }));
    await page.exposeBinding('__mainQueryJobs', async (_source, asked: unknown) => {
      const start = performance.now();
      const answer = (await queryJobs({}, asked)) as { rows: unknown[] };
      const ms = performance.now() - start;
      first ??= { ms, rows: answer.rows.length, bytes: JSON.stringify(answer).length };
      return answer;
    });
    await page.exposeBinding('__mainGetState', () => ({
      paused: null,
      offline: false,
      demo: false,
      token: { set: true, last4: 'abcd', weakBackend: false },
    }));
    await page.addInitScript({ content: BRIDGE });
    await page.goto(url);
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
    return {
      total: m.painted - m.asked,
      fromOpen: m.painted,
      asked: m.asked,
      evaluation: m.defined - scriptAt,
      main: first!.ms,
      store: storeMs,
      transfer: m.answered - m.asked - first!.ms,
      emptyRoundTrip: m.stateAnswered - m.stateAsked,
      toDom: m.rowsInDom - m.answered,
      toPaint: m.painted - m.rowsInDom,
      rows: first!.rows,
      bytes: first!.bytes,
    };
  } finally {
    await page.close();
    store.close();
  }
}
