import { createApiClient, DEFAULT_BASE_URL, type PixverseApi } from './api-client.js';
import { systemClock, type Clock } from './clock.js';
import { confWriter, loadDocument, storeFilePath, type DocumentWriter } from './job-store-file.js';
import { JobStore } from './job-store.js';
import { PollScheduler } from './poll-scheduler.js';
import { resolvePolicy, type PollingPolicy } from './polling-policy.js';

export interface EngineConfig {
  baseUrl?: string;
  getToken: () => string | undefined;
  timeoutMs?: number;
  policy?: Partial<PollingPolicy>;
  discoverNewJobs: boolean;
  useExecutingList?: boolean;
  /** Folder of the job store (the CLI's PIXVERSE_TRAY_HOME). */
  storeDir: string;
  /** The app passes an electron-store writer on the same file; the CLI uses conf. */
  openWriter?: (dir: string) => DocumentWriter;
  clock?: Clock;
  random?: () => number;
  onStoreError?: (error: Error) => void;
}

export interface Engine {
  api: PixverseApi;
  store: JobStore;
  scheduler: PollScheduler;
  /** Set when the store file was invalid and moved aside. */
  recovered?: { movedTo: string; reason: string };
  pruned: string[];
}

/** Wires the API client, the job store and the scheduler: the one place they meet. */
export function createEngine(config: EngineConfig): Engine {
  const clock = config.clock ?? systemClock;
  const baseUrl = config.baseUrl ?? DEFAULT_BASE_URL;
  const policy = resolvePolicy(config.policy ?? {}, baseUrl);
  const api = createApiClient({
    baseUrl,
    getToken: config.getToken,
    timeoutMs: config.timeoutMs,
    now: clock.now,
  });
  const { doc, recovered } = loadDocument(storeFilePath(config.storeDir), clock.now);
  const writer = (config.openWriter ?? confWriter)(config.storeDir);
  const store = new JobStore(doc, writer, clock, config.onStoreError);
  const pruned = store.prune();
  if (recovered) store.flush();
  const scheduler = new PollScheduler({
    api,
    store,
    clock,
    policy,
    random: config.random,
    discoverNewJobs: config.discoverNewJobs,
    useExecutingList: config.useExecutingList ?? true,
  });
  return { api, store, scheduler, recovered, pruned };
}
