import { JOB_SOURCES } from '../jobs/job.js';
import { withDefaults } from '../with-defaults.js';
import type { DueQueue } from './due-queue.js';
import { ExecutingList } from './executing-list.js';
import type { PollTiming } from './poll-timing.js';
import type { PollingPolicy } from './polling-policy.js';
import { RECENT_VIDEOS, RecentVideos } from './recent-videos.js';
import { DEFAULT_DISCOVERY, type DiscoveryOptions } from './scheduler-options.js';

export interface SourceListsOptions {
  queue: DueQueue;
  timing: PollTiming;
  policy: PollingPolicy;
  random: () => number;
  discoverNewJobs: boolean;
  discovery: Partial<DiscoveryOptions> | undefined;
  useExecutingList: boolean;
}

/** The account-wide requests: one executing list per source, and v2's videos list for website jobs. */
export class SourceLists {
  readonly #byKey = new Map<string, ExecutingList>();
  readonly recent: RecentVideos;

  constructor(o: SourceListsOptions) {
    const discovery = withDefaults(DEFAULT_DISCOVERY, o.discovery ?? {});
    const discovers = { v1: discovery.v1, v2: discovery.v2Scheduler };
    for (const source of JOB_SOURCES) {
      const list = new ExecutingList({
        source,
        queue: o.queue,
        timing: o.timing,
        policy: o.policy,
        random: o.random,
        discoverNewJobs: o.discoverNewJobs && discovers[source],
        useExecutingList: o.useExecutingList,
      });
      this.#byKey.set(list.key, list);
    }
    this.recent = new RecentVideos({
      queue: o.queue,
      policy: o.policy,
      random: o.random,
      enabled: o.discoverNewJobs && discovery.v2Videos,
    });
  }

  /** The executing list a queue key stands for. */
  list(key: string): ExecutingList | undefined {
    return this.#byKey.get(key);
  }

  /** Account-wide requests go before any single job's. */
  isAccountWide(key: string): boolean {
    return this.#byKey.has(key) || key === RECENT_VIDEOS;
  }

  sync(now: number, dueNow = false): void {
    for (const list of this.#byKey.values()) list.sync(now, dueNow);
    this.recent.sync(now, dueNow);
  }
}
