import { ModelJob, type JobPlan } from './model-job.js';
import { MODELS, workload, type WorkloadName } from './workloads.js';

/** One look every interval: 10 s plus a round trip, as naive polling's looks come. */
const STEP_MS = 10_400;

export interface V2Floor {
  /** Requests per job, over naive polling's, with each job polled on its own. */
  own: number;
  /** ... with the executing list shared by the jobs that may end. */
  shared: number;
  /**
   * Below both, whatever the mix: one request per job to know it at all, and one look every
   * interval while any job may end (a look at the list or at one job; it cannot be fewer).
   */
  least: number;
}

/**
 * How few requests any policy could make on a v2 workload, keeping naive polling's latency, with
 * nothing but what v2 answers carry (status, no progress, no `updated`). It is even told each job's
 * exact start and the shortest generation of its model: a job may end at any moment from its start
 * plus that shortest generation, nothing in a v2 answer says which, so from then on something must
 * look every interval or that job's latency falls behind naive polling's. Two ways to pay for those:
 * - polled on their own: two requests outside its dense phase, then one every interval to its end;
 * - the executing list shared: one list request every interval while any job is in its dense phase
 *   (however many are), plus each job's first and final fetch.
 */
export function v2Floor(name: WorkloadName, seed: number): V2Floor {
  let naive = 0;
  let own = 0;
  const dense: [number, number][] = [];
  const plans = workload(name, seed, 'v2');
  for (const plan of plans) {
    const job = new ModelJob(plan, 0);
    naive += Math.ceil((job.finalAt - job.createdAt) / STEP_MS) + 1;
    const denseFrom = job.createdAt + plan.queueMs + MODELS.v2[plan.model]![0];
    const denseMs = Math.max(0, Math.min(runOf(plan), job.finalAt - denseFrom));
    own += 2 + Math.ceil(denseMs / STEP_MS);
    if (job.finalAt > denseFrom) dense.push([denseFrom, job.finalAt]);
  }
  const looks = covered(dense) / STEP_MS;
  const shared = 2 * plans.length + Math.ceil(looks);
  const least = plans.length + Math.floor(looks);
  return { own: own / naive, shared: shared / naive, least: least / naive };
}

const runOf = (p: JobPlan): number => p.runMs * (p.outcome === 'completed' ? 1 : p.stopsAt);

/** The total length of the union of time spans. */
function covered(spans: [number, number][]): number {
  let total = 0;
  let reach = -Infinity;
  for (const [from, to] of [...spans].sort((a, b) => a[0] - b[0])) {
    if (to <= reach) continue;
    total += to - Math.max(from, reach);
    reach = to;
  }
  return total;
}
