// A v1 job scripted as useapi.net shows it, for the polling policy's tests on fake time.
import { ok } from './fake-api.js';
import type { Harness } from './scheduler-harness.js';

export const iso = (t: number) => new Date(t).toISOString();

/**
 * A v1 job as useapi.net shows it: created at `createdAt`, generating from `startAt` for `runMs`,
 * refreshed by the API every `tickMs` (status, `(NN%)` and `updated` change only then).
 */
export function scriptJob(
  h: Harness,
  jobid: string,
  o: { createdAt: number; startAt: number; runMs: number; tickMs: number },
): { finalAt: number } {
  const ticks = Math.ceil((o.startAt + o.runMs - o.createdAt) / o.tickMs);
  const finalAt = o.createdAt + ticks * o.tickMs;
  h.api.script(jobid, (_call, now) => {
    const tick = o.createdAt + Math.floor((Math.min(now, finalAt) - o.createdAt) / o.tickMs) * o.tickMs;
    if (tick >= finalAt)
      return ok({
        jobid,
        status: 'completed',
        created: iso(o.createdAt),
        updated: iso(finalAt),
        content: '(100%)',
      });
    if (tick < o.startAt)
      return ok({
        jobid,
        status: 'created',
        created: iso(o.createdAt),
        updated: iso(o.createdAt),
        content: '(Waiting to start)',
      });
    const progress = Math.floor((100 * (tick - o.startAt)) / o.runMs);
    return ok({
      jobid,
      status: 'progress',
      created: iso(o.createdAt),
      updated: iso(tick),
      content: `(${progress}%)`,
    });
  });
  return { finalAt };
}

/** When the scheduler announced each finished job. */
export function finishTimes(h: Harness): Map<string, number> {
  const times = new Map<string, number>();
  h.scheduler.on('job-finished', (job) => times.set(job.jobid, h.clock.now()));
  return times;
}
