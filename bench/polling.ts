import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApiClient } from '../main/core/api/api-client.js';
import { scaledClock, type Clock } from '../main/core/clock.js';
import { createEngine } from '../main/core/engine.js';
import { isFinalState } from '../main/core/jobs/job.js';
import { seededRandom } from '../main/core/simulator/timeline.js';
import { Simulator } from '../main/core/simulator/simulator.js';
import { fmt, percentile, table } from './stats.js';

const JOBS = 200;
const TIME_SCALE = 30;
const MINUTE = 60_000;

interface Result {
  requests: number;
  completed: number;
  latenciesMs: number[];
}

/** 200 jobs created over 2 minutes, each running 2–12 minutes: the same for both strategies. */
function jobPlan() {
  const random = seededRandom('polling-bench');
  return Array.from({ length: JOBS }, (_, i) => ({
    startAfterMs: random() * 2 * MINUTE,
    durationMs: (2 + random() * 10) * MINUTE,
    prompt: `benchmark job ${i}`,
  }));
}

type Tracker = (jobid: string, onFinished: (at: number) => void) => void;

async function runStrategy(
  makeTracker: (sim: Simulator, clock: Clock) => { track: Tracker; stop: () => void },
): Promise<Result> {
  const clock = scaledClock(TIME_SCALE);
  const sim = await Simulator.start({ clock, recordRequests: false });
  const { track, stop } = makeTracker(sim, clock);
  const latenciesMs: number[] = [];
  await new Promise<void>((resolve) => {
    let remaining = JOBS;
    for (const plan of jobPlan()) {
      clock.setTimeout(() => {
        const job = sim.addJob({ durationMs: plan.durationMs, prompt: plan.prompt });
        track(job.jobid, (at) => {
          latenciesMs.push(at - job.finishedAt(clock.now())!);
          if (--remaining === 0) resolve();
        });
      }, plan.startAfterMs);
    }
  });
  stop();
  await sim.close();
  return { requests: sim.counts.api, completed: latenciesMs.length, latenciesMs };
}

/** (a) What a simple script does: ask for every job every 10 s until it is done. */
function naiveTracker(sim: Simulator, clock: Clock) {
  const api = createApiClient({ baseUrl: sim.apiUrl, getToken: () => sim.token });
  const timers = new Set<ReturnType<Clock['setTimeout']>>();
  let stopped = false;
  const track: Tracker = (jobid, onFinished) => {
    const poll = async () => {
      const outcome = await api.getJob(jobid);
      if (stopped) return;
      if (outcome.kind === 'ok' && isFinalState(outcome.value.state)) return onFinished(clock.now());
      const timer = clock.setTimeout(() => (timers.delete(timer), void poll()), 10_000);
      timers.add(timer);
    };
    void poll();
  };
  return { track, stop: () => ((stopped = true), timers.forEach((t) => clock.clearTimeout(t))) };
}

/** (b) The PixVerse Tray engine with the app's defaults (15 s interval, executing list, discovery). */
function engineTracker(sim: Simulator, clock: Clock) {
  const storeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pxt-bench-'));
  const engine = createEngine({
    baseUrl: sim.apiUrl,
    getToken: () => sim.token,
    discoverNewJobs: true,
    storeDir,
    clock,
  });
  const waiting = new Map<string, (at: number) => void>();
  engine.scheduler.on('job-finished', (job) => waiting.get(job.jobid)?.(clock.now()));
  engine.scheduler.start();
  const track: Tracker = (jobid, onFinished) => {
    waiting.set(jobid, onFinished);
    engine.scheduler.track(jobid);
  };
  return {
    track,
    stop: () => {
      engine.scheduler.stop();
      fs.rmSync(storeDir, { recursive: true, force: true });
    },
  };
}

export async function pollingBenchmark(): Promise<boolean> {
  console.log(
    `\n## Polling: ${JOBS} jobs of 2–12 min, server-side updates every 15–60 s, time ×${TIME_SCALE}`,
  );
  const naive = await runStrategy(naiveTracker);
  const engine = await runStrategy(engineTracker);
  const row = (name: string, r: Result) => [
    name,
    String(r.requests),
    fmt(r.requests / r.completed),
    `${fmt(percentile(r.latenciesMs, 50) / 1000)} s`,
    `${fmt(percentile(r.latenciesMs, 95) / 1000)} s`,
  ];
  console.log(
    table([
      ['strategy', 'requests', 'per job', 'latency p50', 'latency p95'],
      row('(a) naive, every 10 s per job', naive),
      row('(b) PixVerse Tray engine', engine),
    ]),
  );
  const ratio = engine.requests / naive.requests;
  const p95a = percentile(naive.latenciesMs, 95);
  const p95b = percentile(engine.latenciesMs, 95);
  const pass = ratio <= 0.2 && p95b <= p95a;
  console.log(
    `requests b/a = ${fmt(ratio, 3)} (target ≤ 0.2); p95 b = ${fmt(p95b / 1000)} s vs a = ${fmt(p95a / 1000)} s ` +
      `(target: no worse) → ${pass ? 'met' : 'NOT met'}`,
  );
  return pass;
}
