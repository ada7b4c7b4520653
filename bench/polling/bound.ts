import { WORKLOADS, workload, type Api } from './workloads.js';
import type { JobPlan } from './model-job.js';

/**
 * How few requests per job any policy could make on a workload with nothing but what v2 answers
 * carry (status, no progress, no `updated`), keeping naive polling's latency (not part of `npm run
 * bench`). It is even told each job's exact start and the shortest generation of its model: two
 * requests outside its dense phase, then one every interval (10 s plus a round trip) from the start
 * plus that shortest generation to its end; anything sparser there loses latency to naive polling.
 * A bound for jobs polled on their own, as one job is: with several, the executing list shares the
 * dense phases among them. `node dist/bench/polling/bound.js [seed]`
 */
const SHORTEST_MIN: Record<Api, Record<string, number>> = {
  v1: { Anime: 1, '3D Animation': 2, Realistic: 3 },
  v2: { 'v5-fast': 1, 'v4.5': 2, v5: 3 },
};
const STEP_MS = 10_400;
const seed = Number(process.argv[2] ?? 12);

const runOf = (p: JobPlan): number => p.runMs * (p.outcome === 'completed' ? 1 : p.stopsAt);

for (const api of ['v1', 'v2'] as const) {
  for (const name of WORKLOADS.filter((w) => w !== '200 jobs')) {
    let naive = 0;
    let bound = 0;
    for (const plan of workload(name, seed, api)) {
      naive += Math.ceil((plan.queueMs + runOf(plan)) / STEP_MS) + 1;
      const dense = Math.max(0, runOf(plan) - SHORTEST_MIN[api][plan.model]! * 60_000);
      bound += 2 + Math.ceil(dense / STEP_MS);
    }
    console.log(
      `${name} (${api}), seed ${seed}: polled on their own, at least ${(bound / naive).toFixed(2)}× naive`,
    );
  }
}
