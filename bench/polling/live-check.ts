import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApiClient } from '../../main/core/api/api-client.js';
import { scaledClock, type Clock } from '../../main/core/clock.js';
import { createEngine } from '../../main/core/engine.js';
import { isFinalState, type Job } from '../../main/core/jobs/job.js';
import { fromV1Answer } from '../../main/core/api/v1/adapter.js';
import { SimJob } from '../../main/core/simulator/sim-job.js';
import { Simulator } from '../../main/core/simulator/simulator.js';
import type { ServiceJob } from './model-api.js';
import { mulberry32 } from './model-job.js';
import { naiveTracker, replay, schedulerTracker, type ReplayResult } from './replay.js';
import { jobTiming } from '../../main/core/polling/job-timing.js';
import { fmt, percentile, table } from '../stats.js';
import type { BenchOptions } from '../run.js';

const TIME_SCALE = 30;
const MINUTE = 60_000;
const SIM_ORIGIN = Date.UTC(2026, 10, 24, 8, 0, 0);

interface LivePlan {
  jobid: string;
  startAfterMs: number;
  durationMs: number;
}

/** 8 jobs of 1–6 minutes created within 2 minutes, on the simulator's own timeline. */
function livePlans(seed: number): LivePlan[] {
  const random = mulberry32(seed);
  return Array.from({ length: 8 }, (_, i) => ({
    jobid: `live-check-${seed}-${i}`,
    startAfterMs: random() * 2 * MINUTE,
    durationMs: (1 + 5 * random()) * MINUTE,
  }));
}

/** The simulator's job, answered by the model API on virtual time. */
class SimulatedJob implements ServiceJob {
  readonly #job: SimJob;
  readonly finalAt: number;
  constructor(plan: LivePlan, createdAt: number, serial: number) {
    this.#job = new SimJob({ durationMs: plan.durationMs }, plan.jobid, createdAt, serial);
    this.finalAt = this.#job.finishedAt(Infinity)!;
  }
  get id(): string {
    return this.#job.jobid;
  }
  get createdAt(): number {
    return this.#job.createdAt;
  }
  job(now: number): Job | undefined {
    return fromV1Answer(
      this.#job.render(now, (p) => `https://cdn.test${p}`),
      this.id,
    );
  }
  isExecuting(now: number): boolean {
    return this.#job.finishedAt(now) === undefined;
  }
}

/**
 * The fidelity check: the same 8 jobs on the live simulator (HTTP, time ×30) and replayed on
 * virtual time. The live figures move with the machine's load; the replay's do not.
 */
export async function liveCheck(options: BenchOptions): Promise<boolean> {
  const plans = livePlans(options.seed);
  const replayJobs = (origin: number) =>
    plans.map((p, i) => new SimulatedJob(p, origin + p.startAfterMs, i + 1));
  const current = schedulerTracker(jobTiming, {});
  const rows = [
    ['naive', await live(plans, 'naive'), await replay(replayJobs, naiveTracker, options.seed)],
    ['current', await live(plans, 'current'), await replay(replayJobs, current, options.seed)],
  ] as const;
  const cells = (r: ReplayResult) => [
    fmt(r.requests / r.completed),
    `${fmt(percentile(r.latenciesMs, 50) / 1000)} s`,
    `${fmt(percentile(r.latenciesMs, 95) / 1000)} s`,
  ];
  if (options.json) return true;
  console.log(
    `\nFidelity check: 8 jobs on the simulator's timeline, live (×${TIME_SCALE}) beside the replay`,
  );
  console.log(
    table([
      ['policy', 'live req/job', 'live p50', 'live p95', 'replay req/job', 'replay p50', 'replay p95'],
      ...rows.map(([name, l, r]) => [name, ...cells(l), ...cells(r)]),
    ]),
  );
  return true;
}

async function live(plans: LivePlan[], policy: 'naive' | 'current'): Promise<ReplayResult> {
  const clock = scaledClock(TIME_SCALE, SIM_ORIGIN);
  const sim = await Simulator.start({ clock, recordRequests: false });
  const { track, stop } = policy === 'naive' ? naiveLive(sim, clock) : engineLive(sim, clock);
  const latenciesMs: number[] = [];
  await new Promise<void>((resolve) => {
    let remaining = plans.length;
    for (const plan of plans) {
      clock.setTimeout(() => {
        const job = sim.addJob({ jobid: plan.jobid, durationMs: plan.durationMs });
        track(job.jobid, (at) => {
          latenciesMs.push(at - job.finishedAt(Infinity)!);
          if (--remaining === 0) resolve();
        });
      }, plan.startAfterMs);
    }
  });
  stop();
  await sim.close();
  return { requests: sim.counts.api, completed: latenciesMs.length, latenciesMs };
}

type LiveTracker = {
  track: (jobid: string, onFinal: (at: number) => void) => void;
  stop: () => void;
};

function naiveLive(sim: Simulator, clock: Clock): LiveTracker {
  const api = createApiClient({ baseUrl: sim.apiUrl, getToken: () => sim.token });
  let stopped = false;
  const track = (jobid: string, onFinal: (at: number) => void) => {
    const poll = async (): Promise<void> => {
      const outcome = await api.getJob(jobid);
      if (stopped) return;
      if (outcome.kind === 'ok' && isFinalState(outcome.value.state)) return onFinal(clock.now());
      clock.setTimeout(() => void poll(), 10_000);
    };
    void poll();
  };
  return { track, stop: () => void (stopped = true) };
}

function engineLive(sim: Simulator, clock: Clock): LiveTracker {
  const storeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pxt-live-check-'));
  const engine = createEngine({
    baseUrl: sim.apiUrl,
    getToken: () => sim.token,
    discoverNewJobs: false,
    storeDir,
    clock,
  });
  const waiting = new Map<string, (at: number) => void>();
  engine.scheduler.on('job-finished', (job) => waiting.get(job.jobid)?.(clock.now()));
  engine.scheduler.start();
  return {
    track: (jobid, onFinal) => {
      waiting.set(jobid, onFinal);
      engine.scheduler.track(jobid);
    },
    stop: () => {
      engine.scheduler.stop();
      engine.store.close();
      fs.rmSync(storeDir, { recursive: true, force: true });
    },
  };
}
