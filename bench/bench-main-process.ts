import type { AppController } from '../main/app/app-controller.js';
import { appIpcHandlers } from '../main/app/app-ipc.js';
import { registerIpcHandlers } from '../main/app/ipc-handlers.js';
import { systemClock } from '../main/core/clock.js';
import type { JobStore } from '../main/core/store/job-store.js';
import { openStoreIn } from '../main/core/store/open-store.js';
import { channelName } from '../main/ipc/contract.js';
import type { Invoke } from './loopback-ipc.js';

/** What the main process did for the window's first page (ms, rows, bytes of JSON). */
export interface MainFigures {
  /** The IPC handler: contract parsing both ways, store query, JobView mapping. */
  main: number;
  /** Of `main`, the store's query (count and page) and the records it reads. */
  store: number;
  rows: number;
  bytes: number;
}

type Handler = (event: unknown, ...args: unknown[]) => Promise<unknown>;

/** The real queryJobs IPC handler (contract both ways) over a jobs store, as the app registers it. */
export function queryJobsHandler(store: JobStore): Handler {
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: (channel: string, handler: Handler) => void handlers.set(channel, handler),
    removeHandler: (channel: string) => void handlers.delete(channel),
  };
  const app = { session: { store, live: new Map() } } as unknown as AppController;
  registerIpcHandlers(ipcMain as never, appIpcHandlers(app), () => true);
  return handlers.get(channelName('queryJobs'))!;
}

/** What getState answers, at once: its round trip is the transport's own. */
const APP_STATE = {
  paused: null,
  offline: false,
  demo: false,
  token: { set: true, last4: 'abcd', weakBackend: false },
};

/**
 * The main process of one opening of the window: the jobs database opened afresh (the window's
 * first query is the connection's first), queryJobs through the real IPC handler and contract.
 */
export function openMainProcess(dbDir: string): {
  invoke: Invoke;
  figures: () => MainFigures | undefined;
  close: () => void;
} {
  const { store } = openStoreIn(dbDir, { clock: systemClock });
  const query = store.query.bind(store);
  let storeMs = 0;
  store.query = (q) => {
    const start = performance.now();
    const page = query(q);
    storeMs ||= performance.now() - start;
    return page;
  };
  const queryJobs = queryJobsHandler(store);
  let first: Omit<MainFigures, 'store'> | undefined;
  const invoke: Invoke = async (channel, args) => {
    if (channel === 'getState') return APP_STATE;
    if (channel !== 'queryJobs') throw new Error(`${channel} is not served by the bench`);
    const start = performance.now();
    const answer = (await queryJobs({}, ...args)) as { rows: unknown[] };
    const ms = performance.now() - start;
    first ??= { main: ms, rows: answer.rows.length, bytes: JSON.stringify(answer).length };
    return answer;
  };
  return {
    invoke,
    figures: () => first && { ...first, store: storeMs },
    close: () => store.close(),
  };
}
