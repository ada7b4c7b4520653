import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import type { AppController } from '../main/app/app-controller.js';
import { appIpcHandlers } from '../main/app/app-ipc.js';
import { registerIpcHandlers } from '../main/app/ipc-handlers.js';
import { systemClock } from '../main/core/clock.js';
import { channelName } from '../main/ipc/contract.js';
import { openStoreIn } from '../main/core/store/open-store.js';
import { percentile } from './stats.js';
import { homeWith } from './store.js';

/** One page asked by the window, its times split where they were taken (ms). */
export interface PageTimes {
  /** Request to rows on screen. */
  total: number;
  /** The main process: IPC handler, contract parsing, store query. */
  main: number;
  /** To the main process and back (here a Playwright binding, in the app Electron's IPC). */
  transfer: number;
  /** From the answer to the rows in the DOM. */
  render: number;
}

export interface FirstPage {
  /** The first page when the window opens, median. */
  atOpen: PageTimes;
  /** The first page of another filter, the window open, median. */
  newFilter: PageTimes;
  /** Job rows that crossed the bridge for the first screen, at most. */
  rows: number;
}

type Handler = (event: unknown, ...args: unknown[]) => Promise<unknown>;
interface PageCall {
  query: { filter: string };
  asked: number;
  answered: number;
  rendered: number;
}

// Runs in the page: the bridge's queryJobs goes to the main process's real handler (below); the page
// notes when it asked, when the answer came, and when the window's rows were in the DOM.
const BRIDGE = `
  const now = () => performance.timeOrigin + performance.now();
  const calls = (window.__calls = []);
  const noop = () => () => {};
  window.pixverse = {
    queryJobs: async (query) => {
      const asked = now();
      const answer = await window.__mainQueryJobs(query);
      const answered = now();
      setTimeout(() => calls.push({ query, asked, answered, rendered: now() })); // after Lit's updates: rows in the DOM
      return answer;
    },
    getState: async () => ({ paused: null, offline: false, demo: false, token: { set: true, last4: 'abcd', weakBackend: false } }),
    getSettings: async () => ({}),
    onJobChanged: noop, onJobRemoved: noop, onStateChanged: noop, onShowView: noop,
  };
`;

const median = (values: number[]) => percentile(values, 50);
const mediansOf = (runs: PageTimes[]): PageTimes => ({
  total: median(runs.map((r) => r.total)),
  main: median(runs.map((r) => r.main)),
  transfer: median(runs.map((r) => r.transfer)),
  render: median(runs.map((r) => r.render)),
});

/**
 * The window's first page over a database of `count` jobs, main process included: the real IPC
 * handler and contract (arguments and result parsed) over the real jobs database, reached from the
 * page through a Playwright binding where the app has Electron's IPC.
 */
export async function firstPageFigures(
  browser: Browser,
  url: string,
  count: number,
  rounds: number,
): Promise<FirstPage> {
  const { jsonDir, dbDir } = homeWith(count);
  const { store } = openStoreIn(dbDir, { clock: systemClock });
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: (channel: string, handler: Handler) => void handlers.set(channel, handler),
    removeHandler: (channel: string) => void handlers.delete(channel),
  };
  const app = { session: { store, live: new Map() } } as unknown as AppController;
  registerIpcHandlers(ipcMain as never, appIpcHandlers(app), () => true);
  const queryJobs = handlers.get(channelName('queryJobs'))!;
  const atOpen: PageTimes[] = [];
  const newFilter: PageTimes[] = [];
  let rows = 0;
  try {
    for (let i = 0; i < rounds; i++) {
      const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
      const inMain: { start: number; end: number; rows: number }[] = [];
      await page.exposeBinding('__mainQueryJobs', async (_source, query: unknown) => {
        const start = performance.timeOrigin + performance.now();
        const answer = (await queryJobs({}, query)) as { rows: unknown[] };
        inMain.push({ start, end: performance.timeOrigin + performance.now(), rows: answer.rows.length });
        return answer;
      });
      await page.addInitScript({ content: BRIDGE });
      await page.goto(url);
      // Functions run in the page: they name its globals themselves (a string would need 'unsafe-eval').
      type PageGlobals = { __calls: PageCall[] };
      await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__calls.length > 0);
      rows = Math.max(
        rows,
        inMain.reduce((sum, call) => sum + call.rows, 0),
      );
      const before = inMain.length;
      await page.getByRole('button', { name: 'Active' }).click();
      await page.waitForFunction(() =>
        (globalThis as unknown as PageGlobals).__calls.some((c) => c.query.filter === 'active'),
      );
      const calls = await page.evaluate(() => (globalThis as unknown as PageGlobals).__calls);
      const split = (call: PageCall, main: { start: number; end: number }): PageTimes => ({
        total: call.rendered - call.asked,
        main: main.end - main.start,
        transfer: main.start - call.asked + (call.answered - main.end),
        render: call.rendered - call.answered,
      });
      atOpen.push(split(calls[0]!, inMain[0]!));
      newFilter.push(
        split(
          calls.find((c) => c.query.filter === 'active')!,
          inMain[before]!,
        ),
      );
      await page.close();
    }
  } finally {
    store.close();
    for (const dir of [jsonDir, dbDir]) fs.rmSync(dir, { recursive: true, force: true });
  }
  return { atOpen: mediansOf(atOpen), newFilter: mediansOf(newFilter), rows };
}
