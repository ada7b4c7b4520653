import type http from 'node:http';
import { applyFault, refusedAccount } from './api-faults.js';
import { apiV2Handler } from './api-v2-server.js';
import type { Route } from './faults.js';
import { sendJson } from './http-util.js';
import type { ApiV1Host, ApiV2Host } from './sim-host.js';

const ACTIVE = new Set(['created', 'started', 'progress']);

/** The useapi.net v1 PixVerse jobs endpoints, answering as the published reference shows. */
export function apiHandler(sim: ApiV1Host & ApiV2Host): http.RequestListener {
  const v2 = apiV2Handler(sim);
  return (req, res) => {
    if (req.url?.startsWith('/v2/')) return v2(req, res);
    const url = new URL(req.url ?? '/', 'http://simulator');
    const jobid = url.searchParams.get('jobid') ?? undefined;
    const route: Route | undefined =
      url.pathname === '/v1/pixverse/jobs/'
        ? 'job'
        : url.pathname === '/v1/pixverse/jobs'
          ? 'list'
          : url.pathname === '/v1/pixverse/jobs/cancel/'
            ? 'cancel'
            : undefined;
    const authorized = req.headers.authorization === `Bearer ${sim.token}`;
    sim.recordApiRequest({
      route: route ?? 'unknown',
      jobid,
      method: req.method ?? 'GET',
      authorized,
      at: sim.clock.now(),
    });
    if (req.method !== 'GET') return sendJson(res, 405, { error: 'Method not allowed', code: 405 });
    if (!route) return sendJson(res, 404, { error: `Not found: ${url.pathname}`, code: 404 });

    const fault = sim.faults.take(route, jobid);
    if (fault && applyFault(fault, 'v1', req, res, () => answer())) return;
    answer();

    function answer(): void {
      if (refusedAccount(sim, authorized, res)) return;
      const now = sim.clock.now();
      if (route === 'list') {
        return sendJson(
          res,
          200,
          sim
            .jobs()
            .filter((j) => !j.isExpired(now) && ACTIVE.has(j.step(now).status))
            .map((j) => j.jobid),
        );
      }
      if (!jobid) return sendJson(res, 400, { error: 'Query param jobid not provided', code: 400 });
      const job = sim.job(jobid);
      if (!job) return sendJson(res, 404, { error: `Unable to locate job ${jobid}`, code: 404 });
      if (job.isExpired(now)) return sendJson(res, 410, { error: 'Job has expired', code: 410 });
      if (route === 'cancel') {
        if (!ACTIVE.has(job.step(now).status)) {
          return sendJson(res, 400, { error: `Job ${jobid} is not running`, code: 400 });
        }
        job.cancelledAt = now;
        return sendJson(res, 200, { jobid, status: 'cancelled' });
      }
      sendJson(res, 200, job.render(now, sim.signLink));
    }
  };
}
