import type { JobStore } from '../../main/core/store/job-store.js';
import type { EngineEvents } from '../../main/core/engine-events.js';
import { PollScheduler } from '../../main/core/polling/poll-scheduler.js';
import { resolvePolicy, type PollingPolicy } from '../../main/core/polling/polling-policy.js';
import type { DiscoveryOptions } from '../../main/core/polling/scheduler-options.js';
import { FakeApi } from './fake-api.js';
import { FakeClock } from './fake-clock.js';
import { testStore } from './test-store.js';

export interface Harness {
  clock: FakeClock;
  api: FakeApi;
  /** The folder of its database: a second harness on it stands for a restart. */
  storeDir: string;
  store: JobStore;
  scheduler: PollScheduler;
  events: { [K in keyof EngineEvents]: EngineEvents[K][] };
}

export function harness(
  options: {
    policy?: Partial<PollingPolicy>;
    random?: () => number;
    discover?: boolean;
    discovery?: Partial<DiscoveryOptions>;
    useList?: boolean;
    storeDir?: string;
    clock?: FakeClock;
    api?: FakeApi;
  } = {},
): Harness {
  const clock = options.clock ?? new FakeClock();
  const api = options.api ?? new FakeApi(clock);
  const { store, dir: storeDir } = testStore(clock, options.storeDir);
  const scheduler = new PollScheduler({
    api,
    store,
    clock,
    policy: resolvePolicy(options.policy ?? {}, 'http://127.0.0.1:1'),
    random: options.random ?? (() => 0),
    discoverNewJobs: options.discover ?? false,
    discovery: options.discovery,
    useExecutingList: options.useList ?? false,
  });
  const events = {
    'job-added': [],
    'job-updated': [],
    'job-finished': [],
    'job-finished-elsewhere': [],
    'list-answered': [],
    'list-failed': [],
    'credentials-problem': [],
    'account-problem': [],
    state: [],
    stats: [],
    warning: [],
  } as Harness['events'];
  for (const name of Object.keys(events) as (keyof EngineEvents)[]) {
    scheduler.on(name, (payload) => (events[name] as unknown[]).push(payload));
  }
  return { clock, api, storeDir, store, scheduler, events };
}

/** Gaps between consecutive times. */
export const gaps = (times: number[]): number[] => times.slice(1).map((t, i) => t - times[i]!);
