import fs from 'node:fs';
import v8 from 'node:v8';
import { toJobView } from '../main/app/job-view.js';
import { systemClock } from '../main/core/clock.js';
import type { JobStore } from '../main/core/store/job-store.js';
import { openStoreIn } from '../main/core/store/open-store.js';
import { invokeContract, type InvokeArgs } from '../main/ipc/contract.js';
import { fmt, percentile } from './stats.js';
import { homeWith } from './store.js';
import { queryJobsHandler } from './bench-main-process.js';

/** The window's page of rows (renderer/src/job-pages.ts). */
export const PAGE = 25;
/** Timed calls per figure; the median is printed. */
const ROUNDS = 31;

export type JobQuery = InvokeArgs<'queryJobs'>[0];

/** The queries the window sends: its first page, a page deep in the list, and a search. */
export const queriesFor = (count: number): [string, JobQuery][] => [
  ['first page', { filter: 'all', search: '', offset: 0, limit: PAGE }],
  ['middle page', { filter: 'all', search: '', offset: Math.floor(count / 2), limit: PAGE }],
  ['search "prompt 42"', { filter: 'all', search: 'prompt 42', offset: 0, limit: PAGE }],
];

/** A jobs database of `count` jobs, and the real queryJobs handler (contract both ways) over it. */
export function mainProcessOver(count: number) {
  const { jsonDir, dbDir } = homeWith(count);
  const { store } = openStoreIn(dbDir, { clock: systemClock });
  const handler = queryJobsHandler(store);
  return {
    store,
    queryJobs: (query: JobQuery) => handler({}, query) as Promise<{ total: number; rows: unknown[] }>,
    close: () => {
      store.close();
      for (const dir of [jsonDir, dbDir]) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const median = (values: number[]) => percentile(values, 50);

async function timedMedian(run: () => unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return median(times);
}

/** The main process's share of one queryJobs, and what crosses to the window (ms, bytes). */
export interface PageFigures {
  count: number;
  query: string;
  /** The whole IPC handler: arguments parsed, store query, JobView mapping, result parsed. */
  handlerMs: number;
  /** Of it: the store's query; the mapping to JobViews; the contract's parse of the result. */
  storeMs: number;
  viewMs: number;
  parseMs: number;
  rows: number;
  total: number;
  /** The answer as JSON, and as the structured clone Electron's IPC sends (V8's serializer). */
  jsonBytes: number;
  cloneBytes: number;
  /** Serialize and deserialize once, as a structured clone crossing processes does. */
  cloneMs: number;
}

export async function pageFigures(
  main: ReturnType<typeof mainProcessOver>,
  count: number,
  name: string,
  query: JobQuery,
): Promise<PageFigures> {
  const store: JobStore = main.store;
  const page = store.query(query);
  const views = page.rows.map((job) => toJobView(job));
  const answer = await main.queryJobs(query);
  const clone = v8.serialize(answer);
  return {
    count,
    query: name,
    handlerMs: await timedMedian(() => main.queryJobs(query)),
    storeMs: await timedMedian(() => store.query(query)),
    viewMs: await timedMedian(() => page.rows.map((job) => toJobView(job))),
    parseMs: await timedMedian(() =>
      invokeContract.queryJobs.result.parse({ total: page.total, rows: views }),
    ),
    rows: answer.rows.length,
    total: answer.total,
    jsonBytes: Buffer.byteLength(JSON.stringify(answer)),
    cloneBytes: clone.length,
    cloneMs: await timedMedian(() => v8.deserialize(v8.serialize(answer))),
  };
}

/**
 * The naive alternative, measured on the same database: every job sent at once (no paging), mapped,
 * parsed and cloned as the handler would; a window that filters for itself needs this.
 */
export async function fullListFigures(
  main: ReturnType<typeof mainProcessOver>,
  count: number,
): Promise<PageFigures> {
  const store = main.store;
  // The store's own query, as the handler's, only with no page limit (the contract caps pages at 500).
  const all = () => store.query({ filter: 'all', search: '', offset: 0, limit: count }).rows;
  const jobs = all();
  const views = jobs.map((job) => toJobView(job));
  const answer = invokeContract.queryJobs.result.parse({ total: jobs.length, rows: views });
  const clone = v8.serialize(answer);
  const storeMs = await timedMedian(all);
  const viewMs = await timedMedian(() => jobs.map((job) => toJobView(job)));
  const parseMs = await timedMedian(() =>
    invokeContract.queryJobs.result.parse({ total: jobs.length, rows: views }),
  );
  return {
    count,
    query: 'whole list (baseline)',
    handlerMs: storeMs + viewMs + parseMs,
    storeMs,
    viewMs,
    parseMs,
    rows: views.length,
    total: jobs.length,
    jsonBytes: Buffer.byteLength(JSON.stringify(answer)),
    cloneBytes: clone.length,
    cloneMs: await timedMedian(() => v8.deserialize(v8.serialize(answer))),
  };
}

export const kib = (bytes: number) => `${fmt(bytes / 1024)} KiB`;
export const ms = (n: number) => `${fmt(n, 2)} ms`;
