import { jobTiming } from '../../main/core/polling/job-timing.js';
import { ModelJob } from './model-job.js';
import { ModelApi } from './model-api.js';
import { schedulerTracker } from './replay.js';
import { VirtualClock } from './virtual-clock.js';
import { workload, type Api, type WorkloadName } from './workloads.js';

/**
 * Looking into one replay: per job, what it was and what it cost (not part of `npm run bench`).
 * `node dist/bench/polling/diagnose.js <workload> <seed> [v1|v2] [jobid to trace]`
 */
const name = (process.argv[2] ?? '1 job') as WorkloadName;
const seed = Number(process.argv[3] ?? 12);
const apiName = (process.argv[4] ?? 'v1') as Api;
const clock = new VirtualClock();
const api = new ModelApi(clock, seed);
const tracker = schedulerTracker(jobTiming, {})(api, clock);
const jobs = workload(name, seed, apiName).map((plan) => new ModelJob(plan, clock.now()));
const latency = new Map<string, number>();
for (const job of jobs) {
  api.add(job);
  clock.setTimeout(
    () => tracker.track(job.id, () => latency.set(job.id, clock.now() - job.finalAt)),
    job.createdAt - clock.now(),
  );
}
await clock.runUntil(() => latency.size === jobs.length);
tracker.stop();
for (const job of jobs) {
  const p = job.plan;
  console.log(
    [
      p.id,
      p.model,
      p.outcome,
      `q${(p.queueMs / 1000).toFixed(0)}`,
      `run${(p.runMs / 1000).toFixed(0)}`,
      `curve${p.curve.toFixed(2)}`,
      p.refresh.regular ? `reg${(p.refresh.periodMs / 1000).toFixed(0)}` : 'random',
      `req ${api.jobRequests.get(p.id)}`,
      `lat ${((latency.get(p.id) ?? NaN) / 1000).toFixed(1)}`,
    ].join('\t'),
  );
}
console.log(`requests ${api.requests}, list ${api.listRequests}, jobs ${jobs.length}`);

const traced = process.argv[5];
if (traced) {
  const job = jobs.find((j) => j.id === traced)!;
  const t0 = job.createdAt;
  console.log(
    'ticks',
    job.ticks
      .map(
        (t) =>
          `${((t.at - t0) / 1000).toFixed(0)}:${t.status[0]}${t.progress ?? ''}${t.updated === t.at ? '*' : ''}`,
      )
      .join(' '),
  );
  console.log('final', (job.finalAt - t0) / 1000);
  console.log('polls', (api.pollTimes.get(traced) ?? []).map((t) => ((t - t0) / 1000).toFixed(1)).join(' '));
}

// Where the requests went: per job, polls long before the end, in its last 60 s, and after it.
let early = 0;
let late = 0;
let after = 0;
for (const job of jobs) {
  for (const t of api.pollTimes.get(job.id) ?? []) {
    if (t > job.finalAt) after++;
    else if (t >= job.finalAt - 60_000) late++;
    else early++;
  }
}
console.log(
  `per job: early ${(early / jobs.length).toFixed(1)}, last 60 s ${(late / jobs.length).toFixed(1)}, after ${(after / jobs.length).toFixed(1)}, list ${(api.listRequests / jobs.length).toFixed(1)}`,
);

// Where the latency went: the jobs by outcome and by the API's refresh cadence.
const groups = new Map<string, number[]>();
for (const job of jobs) {
  const p = job.plan;
  for (const key of [p.outcome, p.refresh.regular ? 'steady' : 'random'])
    groups.set(key, [...(groups.get(key) ?? []), latency.get(p.id) ?? NaN]);
}
const all = [...latency.values()];
for (const [key, ms] of [...groups, ['all', all] as const]) {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) =>
    ((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN) / 1000).toFixed(1);
  console.log(
    `${key}: ${ms.length} jobs, p50 ${at(0.5)} s, p95 ${at(0.95)} s, max ${at(1)} s, over 10 s ${ms.filter((m) => m > 10_000).length}`,
  );
}
