import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isFinalState } from '../../main/core/jobs/job.js';
import { PollScheduler } from '../../main/core/polling/poll-scheduler.js';
import { resolvePolicy, type PollingPolicy } from '../../main/core/polling/polling-policy.js';
import type { PollTimingFactory } from '../../main/core/polling/poll-timing.js';
import { openStoreIn } from '../../main/core/store/open-store.js';
import { ModelApi, type ServiceJob } from './model-api.js';
import { VirtualClock } from './virtual-clock.js';

export const OFFICIAL_HOST = 'https://api.useapi.net';
const NAIVE_INTERVAL_MS = 10_000;

export interface ReplayResult {
  requests: number;
  completed: number;
  /** Per job that ended: the time from final on the API to the tracker knowing it. */
  latenciesMs: number[];
}

export interface Tracker {
  track(jobid: string, onFinal: () => void): void;
  stop(): void;
}

export type TrackerFactory = (api: ModelApi, clock: VirtualClock) => Tracker;

/**
 * Replays one workload on virtual time: each job appears on the model API at its creation and is
 * handed to the tracker then; the run ends when every job's end is known.
 */
export async function replay(
  jobs: (origin: number) => ServiceJob[],
  makeTracker: TrackerFactory,
  seed: number,
): Promise<ReplayResult> {
  const clock = new VirtualClock();
  const api = new ModelApi(clock, seed);
  const tracker = makeTracker(api, clock);
  const latenciesMs: number[] = [];
  const all = jobs(clock.now());
  for (const job of all) {
    api.add(job);
    clock.setTimeout(
      () => tracker.track(job.id, () => latenciesMs.push(clock.now() - job.finalAt)),
      job.createdAt - clock.now(),
    );
  }
  const done = await clock.runUntil(() => latenciesMs.length === all.length);
  tracker.stop();
  if (!done) throw new Error(`Replay ran dry with ${all.length - latenciesMs.length} jobs unfinished`);
  return { requests: api.requests, completed: latenciesMs.length, latenciesMs };
}

/** What a simple script does: ask for every job every 10 s until it is final. */
export const naiveTracker: TrackerFactory = (api, clock) => {
  let stopped = false;
  return {
    track(jobid, onFinal) {
      const poll = async (): Promise<void> => {
        const outcome = await api.getJob(jobid);
        if (stopped) return;
        if (outcome.kind === 'ok' && isFinalState(outcome.value.state)) return onFinal();
        clock.setTimeout(() => void poll(), NAIVE_INTERVAL_MS);
      };
      void poll();
    },
    stop: () => void (stopped = true),
  };
};

/** The real PollScheduler over a real jobs database, with a given timing and policy. */
export function schedulerTracker(
  timing: PollTimingFactory | undefined,
  policy: Partial<PollingPolicy>,
): TrackerFactory {
  return (api, clock) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pxt-poll-bench-'));
    const { store } = openStoreIn(dir, { clock });
    const scheduler = new PollScheduler({
      api,
      store,
      clock,
      policy: resolvePolicy(policy, OFFICIAL_HOST),
      random: seededJitter(),
      discoverNewJobs: false,
      useExecutingList: true,
      timing,
    });
    const waiting = new Map<string, () => void>();
    scheduler.on('job-finished', (job) => waiting.get(job.jobid)?.());
    scheduler.start();
    return {
      track(jobid, onFinal) {
        waiting.set(jobid, onFinal);
        scheduler.track(jobid);
      },
      stop() {
        scheduler.stop();
        store.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  };
}

/** The scheduler's jitter, drawn from a fixed seed so a replay is deterministic. */
function seededJitter(): () => number {
  let state = 0x9e3779b9;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}
